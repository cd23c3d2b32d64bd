"""District benchmark: `cscaudit assess` over a generated district, against a bare CSV pass.

What it measures (each assess run in a fresh process so memory figures are its own):
- wall time of the assessment (audit of every center with N workers, run JSON, workbook);
- peak RSS of the parent process and of the largest worker process (goal <= 300 MB each);
- the ratio of that wall time to one bare `csv.reader` pass over the same CSV files in one
  process (goal <= 2.0), the baseline measured in the same run, median of --repeat runs;
- the workbook's writing time as a share of the total (goal <= 20 %);
- how the time grows over subsets of the district (default 10 / 50 / 150 centers).

The district is made by `cscaudit samples generate` (CSV) and kept in --dir for reuse.

Quick run (a few minutes on two cores):
    python bench/bench_district.py
Full size (150 centers x 50,000 records, about 7.5 million rows; about an hour on 2 cores):
    python bench/bench_district.py --centers 150 --records 50000 --dir /tmp/district-150
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any


def installed_env() -> dict[str, str]:
    """The environment cscaudit's processes run in: as an installed tool, with compiled
    bytecode. A checkout run with PYTHONDONTWRITEBYTECODE=1 would recompile cscaudit's ~160
    modules in every process and every worker (about 0.2 s a start, which an installed
    cscaudit never pays); the bytecode then goes to a folder in the system temp folder
    (PYTHONPYCACHEPREFIX), not into the checkout, and the warm-up run fills it."""
    env = dict(os.environ)
    if env.pop("PYTHONDONTWRITEBYTECODE", None) is not None:
        env.setdefault("PYTHONPYCACHEPREFIX",
                       str(Path(tempfile.gettempdir()) / "cscaudit-bench-pycache"))
    return env


def generate(target: Path, centers: int, records: int, seed: int) -> None:
    if (target / "district.yaml").is_file():
        return
    subprocess.run([sys.executable, "-m", "cscaudit", "samples", "generate", "--centers",
                    str(centers), "--records-per-center", str(records), "-o", str(target),
                    "--seed", str(seed), "--format", "csv"], check=True)


def center_folders(root: Path) -> list[Path]:
    return sorted(p.parent for p in root.rglob("center.yaml"))


def write_subset(root: Path, folders: list[Path], n: int) -> Path:
    """A district.yaml listing the first n centers (the benchmark's own file)."""
    path = root / f"bench-subset-{n}.yaml"
    lines = ["kind: district", "schema_version: 1", f"name: bench-{n}", "centers:"]
    lines += [f"  - path: {f.relative_to(root).as_posix()}" for f in folders[:n]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def csv_files(folders: list[Path]) -> list[Path]:
    return sorted(p for f in folders for p in (f / "exports").rglob("*.csv"))


def bare_csv_pass(files: list[Path]) -> tuple[float, int]:
    """Seconds to read every row of every file with csv.reader, and the row count."""
    start = time.perf_counter()
    rows = 0
    for path in files:
        with open(path, encoding="utf-8-sig", errors="replace", newline="") as fh:
            for _ in csv.reader(fh):
                rows += 1
    return time.perf_counter() - start, rows


class PeakWatcher:
    """Polls the peak RSS (VmHWM) of every descendant process (Linux /proc), per process."""

    def __init__(self) -> None:
        self.peaks: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _descendants(self) -> list[int]:
        parents: dict[int, int] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat", encoding="ascii") as fh:
                        parents[int(entry)] = int(fh.read().rsplit(")", 1)[1].split()[1])
                except (OSError, ValueError, IndexError):
                    continue
        mine, frontier = set(), {os.getpid()}
        while frontier:
            frontier = {pid for pid, ppid in parents.items() if ppid in frontier} - mine
            mine |= frontier
        return sorted(mine)

    def _poll(self) -> None:
        for pid in self._descendants():
            try:
                with open(f"/proc/{pid}/status", encoding="ascii") as fh:
                    for line in fh:
                        if line.startswith("VmHWM:"):
                            mb = int(line.split()[1]) / 1024
                            self.peaks[pid] = max(self.peaks.get(pid, 0.0), mb)
            except OSError:
                continue

    def _loop(self) -> None:
        while not self._stop.wait(0.25):
            self._poll()

    def __enter__(self) -> PeakWatcher:
        if os.path.isdir("/proc"):
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()


def measure_child(district: Path, workers: int, out: Path) -> dict[str, Any]:
    """Run in a fresh process: assess, then write JSON and workbook, timing each part."""
    from cscaudit.engine.district.assessment import AssessOptions, assess_district
    from cscaudit.report.district.run_json import to_run_json
    from cscaudit.report.district.workbook import write_workbook
    from cscaudit.report.options import OutputOptions

    start = time.perf_counter()
    with PeakWatcher() as watcher:
        assessment = assess_district(district, AssessOptions(workers=workers))
    audited = time.perf_counter()
    (out / "run.json").write_text(to_run_json(assessment, OutputOptions("zh")), encoding="utf-8")
    jsoned = time.perf_counter()
    write_workbook(assessment, out / "assessment.xlsx", OutputOptions("zh"))
    done = time.perf_counter()
    kib = 1024 if sys.platform != "darwin" else 1 << 20  # ru_maxrss: KiB on Linux
    return {
        "centers": len(assessment.outcomes), "failed": len(assessment.ranking.failed),
        "audit_s": audited - start, "json_s": jsoned - audited, "workbook_s": done - jsoned,
        "total_s": done - start,
        "parent_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * kib / 2**20,
        "worker_rss_mb": max(watcher.peaks.values(), default=0.0),
        "worker_processes": len(watcher.peaks),
    }


def run_child(district: Path, workers: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as out:
        proc = subprocess.run([sys.executable, __file__, "--child", str(district), "--workers",
                               str(workers), "--out", out], check=True, capture_output=True,
                              text=True, env=installed_env())
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--centers", type=int, default=30)
    parser.add_argument("--records", type=int, default=5000, help="records per center")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--steps", default="10,50,150", help="subset sizes for the scaling")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--dir", type=Path, default=None, help="keep the district here")
    parser.add_argument("--child", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(measure_child(args.child, args.workers, args.out)))
        return

    root = args.dir or Path(tempfile.gettempdir()) / f"cscaudit-bench-{args.centers}x{args.records}"
    started = time.perf_counter()
    generate(root, args.centers, args.records, args.seed)
    print(f"district: {root} ({args.centers} centers x {args.records} records, "
          f"generated/reused in {time.perf_counter() - started:.1f}s); cores: {os.cpu_count()}")
    folders = center_folders(root)
    steps = sorted({s for s in (int(x) for x in args.steps.split(",")) if s < len(folders)}
                   | {len(folders)})
    print(f"{'centers':>7} {'rows':>10} {'csv s':>8} {'assess s':>9} {'ratio':>6} "
          f"{'wb share':>8} {'parent MB':>9} {'worker MB':>9} {'s/center':>8}")
    for n in steps:
        district = write_subset(root, folders, n)
        files = csv_files(folders[:n])
        base = [bare_csv_pass(files) for _ in range(args.repeat)]
        base_s = statistics.median(b[0] for b in base)
        runs = [run_child(district, args.workers) for _ in range(args.repeat)]
        total = statistics.median(r["total_s"] for r in runs)
        share = statistics.median(r["workbook_s"] / r["total_s"] for r in runs)
        parent = max(r["parent_rss_mb"] for r in runs)
        worker = max(r["worker_rss_mb"] for r in runs)
        print(f"{n:>7} {base[0][1]:>10} {base_s:>8.2f} {total:>9.2f} {total / base_s:>6.2f} "
              f"{share:>7.1%} {parent:>9.0f} {worker:>9.0f} {total / n:>8.3f}", flush=True)
        if runs[0]["failed"]:
            print(f"  note: {runs[0]['failed']} centers could not be audited")


if __name__ == "__main__":
    main()
