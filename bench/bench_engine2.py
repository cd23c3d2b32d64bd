"""Issue 18 (Engine 2): every goal, as a ratio against a baseline measured in the same run.

    python bench/bench_engine2.py [--quick] [--repeat 5] [--dir FOLDER]
    python bench/bench_engine2.py --centers 150 --records 50000   # the issue's district figure

Run it before and after the engine rewrite on the same machine and compare the ratios
(absolute times on a shared machine mean little). Each figure is the median of --repeat runs,
cscaudit and its baseline alternating; one untimed warm-up run of each first. The goals:

1. one-center audit of a --center-records center (default 50,000; seed 11, CSV, as
   bench_audit and bench_floor generate it):
   a. whole process: `python -m cscaudit audit C -q -o card.xlsx --json result.json` against a
      bare process that reads the same CSV files with `csv.reader` (goal <= 3x); printed
      again against a bare process that first imports polars, openpyxl, typer and rich (no
      goal: those imports alone cost a few times the bare process, a floor under 1a);
   b. in-process: `audit_center(C)` (no file written) against a bare `csv.reader` pass in the
      same process (goal <= 5x); the engine's reading alone (`read_tables`) is printed too
      (no goal);
2. `assess` of --centers x --records (default 20 x 20,000; seed 7, CSV, as bench_district)
   with --workers (default 2), run JSON and workbook included, each run in a fresh process
   (bench_district's child), against one bare `csv.reader` pass over the same files in this
   process (goal <= 3x); and the peak RSS of the largest worker (goal <= 300 MB);
3. CSV ingest: the engine's reader (`read_frame`: the visits export into a typed frame, as
   `read_tables` reads it) over a --csv-rows file (default 200,000; bench_read_csv's file)
   against a bare `csv.reader` loop (goal <= 2x). Until main 6a1271c this line timed the
   record reader (`open_table(...).records()`), which the engine no longer uses;
   XLSX ingest: the same over a --xlsx-rows workbook (default 100,000; bench_read_xlsx's)
   against a bare python-calamine `iter_rows` (goal <= 1.5x);
4. `cscaudit validate` of one center.yaml (bench_validate's file) and of the bundled annual
   checklist (its params are checked against every kind's PARAMS_SCHEMA, so it imports the
   measure registry: polars must stay unloaded) as a process, with the validity cache off and
   with a warm cache, against a process that only loads the same file with PyYAML's C loader
   (goal: no slower than today, i.e. the ratio after <= the ratio before).

Generated inputs are kept in --dir (default: a folder in the system temp folder) and reused,
so before and after read the same bytes. `--quick` makes everything small (about a minute).
Public tools only: the standard library, cscaudit, python-calamine (a cscaudit dependency)
and PyYAML (one too); the pieces come from the other scripts in bench/.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench_audit import run
from bench_district import (
    bare_csv_pass,
    center_folders,
    csv_files,
    generate,
    run_child,
)
from bench_floor import audit, bare_pass, timed
from bench_ingest_frames import SHEET as XLSX_SHEET
from bench_ingest_frames import frame_read
from bench_read_csv import alternate_medians
from bench_read_csv import bare as bare_csv_file
from bench_read_csv import write_visits as write_csv_visits
from bench_read_xlsx import bare as bare_calamine
from bench_read_xlsx import write_visits as write_xlsx_visits
from bench_validate import alternate, center_yaml, command

BENCH = Path(__file__).resolve().parent
# The bare process of goal 1a: interpreter start, then csv.reader over the center's files
# (bench_district's pass, whose module imports only the standard library).
BARE_PROCESS = ("import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); "
                "from bench_district import bare_csv_pass, csv_files; "
                "bare_csv_pass(csv_files([Path(sys.argv[2])]))")
# The same bare pass after importing the libraries an audit process loads (no goal: it shows
# the floor those imports set under goal 1a's ratio).
IMPORTS_PROCESS = ("import polars, openpyxl, typer, rich; " + BARE_PROCESS)
YAML_PROCESS = ("import sys, yaml; "
                "yaml.load(open(sys.argv[1], encoding='utf-8'), Loader=yaml.CSafeLoader)")


@dataclass(frozen=True)
class Figure:
    """One line of the report: cscaudit's time against its baseline's."""

    goal: str
    ours: float
    baseline: float
    baseline_name: str
    limit: str

    @property
    def ratio(self) -> float:
        return self.ours / self.baseline


@dataclass(frozen=True)
class Sizes:
    center_records: int
    centers: int
    records: int
    csv_rows: int
    xlsx_rows: int


def one_center(folder: Path, records: int) -> Path:
    root = folder / f"center-{records}"
    generate(root, 1, records, 11)
    return center_folders(root)[0]


def whole_process(center: Path, scratch: Path, repeat: int) -> tuple[list[Figure], float]:
    """Goal 1a, the same against a bare process that first imports the libraries an audit
    loads (no goal), and the audit process's peak RSS (MB)."""
    audit_cmd = [sys.executable, "-m", "cscaudit", "audit", str(center), "-q",
                 "-o", str(scratch / "card.xlsx"), "--json", str(scratch / "result.json")]
    bare_cmd = [sys.executable, "-c", BARE_PROCESS, str(BENCH), str(center)]
    imports_cmd = [sys.executable, "-c", IMPORTS_PROCESS, str(BENCH), str(center)]
    for cmd in (audit_cmd, bare_cmd, imports_cmd):  # warm-up: bytecode, the page cache
        run(cmd)
    ours, base, imports, peaks = [], [], [], []
    for _ in range(repeat):
        seconds, peak = run(audit_cmd)
        ours.append(seconds)
        peaks.append(peak)
        base.append(run(bare_cmd)[0])
        imports.append(run(imports_cmd)[0])
    mid = statistics.median(ours)
    return [Figure("1a audit one center, whole process", mid, statistics.median(base),
                   "csv.reader process", "<= 3"),
            Figure("   (same, baseline imports the libs)", mid, statistics.median(imports),
                   "+polars,openpyxl,..", "-")], max(peaks)


def engine_reading(center: Path) -> Callable[[], object]:
    """The engine's reading of a center: discovery, then `read_tables` (every export into a
    frame), as `audit_center` does it. Until main 3800c7f this line timed the record reader."""
    from cscaudit.config.center import load_center
    from cscaudit.engine.frame_tables import read_tables
    from cscaudit.ingest import discover_tables, load_dictionary

    def read() -> object:
        loaded = load_center(center)
        return read_tables(discover_tables(loaded.root, loaded.exports), load_dictionary())
    return read


def in_process(center: Path, repeat: int) -> list[Figure]:
    """Goal 1b, and the readers alone (no goal) against the same baseline."""
    base = timed(lambda: bare_pass(center), repeat)
    return [
        Figure("1b audit one center, in-process", timed(audit(center), repeat), base,
               "csv.reader pass", "<= 5"),
        Figure("   (reading alone, in-process)", timed(engine_reading(center), repeat), base,
               "csv.reader pass", "-"),
    ]


def district(folder: Path, centers: int, records: int, workers: int,
             repeat: int) -> tuple[Figure, float]:
    """Goal 2, and the largest worker's peak RSS (MB)."""
    root = folder / f"district-{centers}x{records}"
    generate(root, centers, records, 7)
    files = csv_files(center_folders(root))
    bare_csv_pass(files)  # warm: page cache
    runs, bare = [], []
    for _ in range(repeat):  # alternating, so the load of a shared machine hits both
        bare.append(bare_csv_pass(files)[0])
        runs.append(run_child(root, workers))
    base = statistics.median(bare)
    ours = statistics.median(r["total_s"] for r in runs)
    figure = Figure(f"2  assess {centers} x {records:,}, {workers} workers", ours, base,
                    "one csv.reader pass", "<= 3")
    return figure, max(r["worker_rss_mb"] for r in runs)


def read_csv_file(path: Path) -> tuple[float, int]:
    """The engine's ingest of one CSV export: `read_frame`, as `read_tables` calls it."""
    return frame_read(path, None)


def read_xlsx_file(path: Path) -> tuple[float, int]:
    """The engine's ingest of the workbook's visits sheet: `read_frame`."""
    return frame_read(path, XLSX_SHEET)


def ingest(folder: Path, csv_rows: int, xlsx_rows: int, repeat: int) -> list[Figure]:
    figures = []
    readers: list[tuple[str, Path, Callable[[Path, int], None], Callable[[Path], float],
                        Callable[[Path], tuple[float, int]], str, str]] = [
        ("csv", folder / f"visits-{csv_rows}.csv", write_csv_visits, bare_csv_file,
         read_csv_file, "csv.reader loop", "<= 2"),
        ("xlsx", folder / f"visits-{xlsx_rows}.xlsx", write_xlsx_visits, bare_calamine,
         read_xlsx_file, "python-calamine", "<= 1.5"),
    ]
    for name, path, write, bare, ours, baseline_name, limit in readers:
        rows = csv_rows if name == "csv" else xlsx_rows
        if not path.exists():
            print(f"  writing {rows:,} visits to {path} ...", flush=True)
            write(path, rows)
        bare(path)  # warm-up: page cache, imports
        ours(path)
        base_s, ours_s, _ = alternate_medians(bare, ours, path, repeat)
        figures.append(Figure(f"3  {name.upper()} ingest, {rows:,} visits", ours_s, base_s,
                              baseline_name, limit))
    return figures


def validate(scratch: Path, repeat: int) -> list[Figure]:
    one = scratch / "center.yaml"
    one.write_text(center_yaml(1), encoding="utf-8")
    checklist = Path(__file__).resolve().parents[1] / "checklists" / "gbt36735-annual.yaml"
    figures = []
    for what, path in (("one file", one), ("a checklist", checklist)):
        cscaudit = [*command("cscaudit", "cscaudit"), "validate", "--quiet", str(path)]
        bare = [sys.executable, "-c", YAML_PROCESS, str(path)]
        for label, env in (("no cache", {"CSCAUDIT_CACHE_DIR": "off"}),
                           ("warm cache", {"CSCAUDIT_CACHE_DIR": str(scratch / "cache")})):
            ours, base = alternate(cscaudit, bare, repeat, env)
            figures.append(Figure(f"4  validate {what}, {label}", ours, base,
                                  "PyYAML load process", "<= before"))
    return figures


def load() -> str:
    """The machine's load, printed with the figures: on a shared machine the ratios of the
    parallel `assess` suffer most when other processes hold the cores."""
    try:
        one, five, _ = os.getloadavg()
    except OSError:
        return "unknown"
    return f"{one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} cores"


def report(figures: list[Figure], notes: list[str], repeat: int) -> None:
    print(f"issue 18 goals: median of {repeat} runs, each against a baseline measured in "
          "this run")
    print(f"{'goal':<40} {'cscaudit':>9} {'baseline':>9}  {'baseline is':<20} "
          f"{'ratio':>7}  goal")
    for f in figures:
        print(f"{f.goal:<40} {f.ours:>8.3f}s {f.baseline:>8.3f}s  {f.baseline_name:<20} "
              f"{f.ratio:>6.2f}x  {f.limit}")
    for note in notes:
        print(note)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small inputs, 2 runs each")
    parser.add_argument("--repeat", type=int, default=None, help="runs per figure (default 5)")
    parser.add_argument("--center-records", type=int, default=None)
    parser.add_argument("--centers", type=int, default=None)
    parser.add_argument("--records", type=int, default=None, help="records per district center")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--csv-rows", type=int, default=None)
    parser.add_argument("--xlsx-rows", type=int, default=None)
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir())
                        / "cscaudit-bench-engine2", help="generated inputs, kept for reuse")
    args = parser.parse_args()
    small = Sizes(10_000, 3, 5_000, 50_000, 20_000)
    full = Sizes(50_000, 20, 20_000, 200_000, 100_000)
    chosen = small if args.quick else full
    sizes = Sizes(args.center_records or chosen.center_records, args.centers or chosen.centers,
                  args.records or chosen.records, args.csv_rows or chosen.csv_rows,
                  args.xlsx_rows or chosen.xlsx_rows)
    repeat = args.repeat or (2 if args.quick else 5)
    args.dir.mkdir(parents=True, exist_ok=True)
    print(f"inputs in {args.dir}; sizes: {sizes}; load {load()}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        center = one_center(args.dir, sizes.center_records)
        rows = bare_pass(center)
        figures, audit_peak = whole_process(center, scratch, repeat)
        figures += in_process(center, repeat)
        figure, worker_peak = district(args.dir, sizes.centers, sizes.records, args.workers,
                                       repeat)
        figures.append(figure)
        figures += ingest(args.dir, sizes.csv_rows, sizes.xlsx_rows, repeat)
        figures += validate(scratch, repeat)
    report(figures, [
        f"one center: {sizes.center_records:,} records, {rows:,} CSV rows; "
        f"audit process peak RSS {audit_peak} MB",
        f"assess: largest worker's peak RSS {worker_peak:.0f} MB (goal <= 300 MB)",
        f"load at the end: {load()}",
    ], repeat)


if __name__ == "__main__":
    main()
