"""Where one center's time goes, against the budget the district goal leaves.

    python bench/bench_floor.py [--records 50000] [--repeat 5] [--center DIR]

The district goal (issue: assess with 2 workers in at most 2.0x one bare `csv.reader` pass)
gives the engine at most goal x workers = 4.0 bare passes of CPU per center for everything:
reading, parsing, 31 checks, scoring, outputs. This benchmark times, in one warm process
and over the same generated center (median of --repeat), each of:

- `csv.reader`: the bare pass over the center's CSV files (the baseline, 1.0);
- `reader`: cscaudit's readers alone, every record parsed, no check run;
- `content`: only the work any engine must do on the free-text visit content column
  (走访内容), once per visit: the content-tag split and the pasted-text normalisation,
  with the project's own functions, on texts already in memory;
- `audit`: the whole audit of the center (no files written);
- `polars` (only when polars is importable; it is not a cscaudit dependency): a columnar
  read of the visits file plus the same normalisation and split done as column expressions,
  to show what a native columnar engine would pay for the visits part.

Each is printed as seconds and as a multiple of the baseline, next to the budget.
Public tools only: the standard library and cscaudit (polars optional).
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_audit import read_only as reader_only  # the scripts sit side by side in bench/
from bench_scorecard import median_time

BUDGET = 2.0 * 2  # the district goal times its 2 workers


def csv_files(center: Path) -> list[Path]:
    return sorted((center / "exports").rglob("*.csv"))


def bare_pass(center: Path) -> int:
    rows = 0
    for path in csv_files(center):
        with open(path, encoding="utf-8-sig", errors="replace", newline="") as fh:
            for _ in csv.reader(fh):
                rows += 1
    return rows


def records(center: Path) -> dict[str, list[Any]]:
    """Every record's values, by table (read once, outside the timings)."""
    from cscaudit.config.center import load_center
    from cscaudit.ingest import discover_tables, load_dictionary, open_table

    loaded = load_center(center)
    dictionary = load_dictionary()
    out: dict[str, list[Any]] = {}
    for source in discover_tables(loaded.root, loaded.exports).sources:
        with open_table(source, dictionary) as reader:
            out.setdefault(source.table, []).extend(r.values for r in reader.records())
    return out


def content_work(texts: list[str]) -> Callable[[], int]:
    """The per-visit text work, with a fresh tag parser each run (its piece cache is per
    table in the reader too)."""
    from cscaudit.ingest import load_dictionary
    from cscaudit.ingest.parsers import content_keywords, content_labels
    from cscaudit.ingest.values import make_tags_parser
    from cscaudit.measures.integrity.pasted_content import normalise

    labels, keywords = content_labels(load_dictionary()), content_keywords()

    def run() -> int:
        parse = make_tags_parser(labels, keywords)
        tagged = sum(1 for text in texts if parse(text)[0])
        return tagged + len({normalise(text) for text in texts})

    return run


def audit(center: Path) -> Callable[[], object]:
    from cscaudit.engine.audit import audit_center

    return lambda: audit_center(center)


def polars_visits(center: Path, content_header: str) -> Callable[[], int] | None:
    try:
        import polars as pl  # type: ignore[import-not-found]
    except ImportError:
        return None
    path = next((p for p in csv_files(center) if p.stem in ("visits", "走访记录")), None)
    if path is None:
        return None
    raw = path.read_bytes()
    if not raw.startswith(b"\xef\xbb\xbf"):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            raw = raw.decode("gb18030").encode("utf-8")

    def run() -> int:
        frame = pl.read_csv(raw, infer_schema=False)
        text = pl.col(content_header)
        out = frame.select(
            text.str.replace_all(r"[\W_]+", "").alias("key"),
            text.str.replace_all(r"[；;、，,/\n]", "\x1f").str.split("\x1f").alias("pieces"),
        )
        return out.group_by("key").len().height + out["pieces"].explode().n_unique()

    return run


def timed(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm: imports, caches of the standard, page cache
    return median_time(fn, repeat)


def visit_texts(tables: dict[str, list[Any]]) -> list[str]:
    return [v["content_text"] for v in tables.get("visits", []) if v.get("content_text")]


def content_column(center: Path) -> str:
    path = next((p for p in csv_files(center) if p.stem in ("visits", "走访记录")), None)
    if path is None:
        return "走访内容"
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            with open(path, encoding=encoding, newline="") as fh:
                header = next(csv.reader(fh))
            break
        except UnicodeDecodeError:
            continue
    else:
        return "走访内容"
    return next((h for h in header if "内容" in h), "走访内容")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--center", type=Path, help="an existing center folder (CSV exports)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        center = args.center
        if center is None:
            subprocess.run(
                [sys.executable, "-m", "cscaudit", "samples", "generate", "--centers", "1",
                 "--records-per-center", str(args.records), "--format", "csv",
                 "--seed", "11", "-o", str(Path(tmp) / "district")],
                check=True, stdout=subprocess.DEVNULL)
            center = next((Path(tmp) / "district").rglob("center.yaml")).parent
        rows = bare_pass(center)
        texts = visit_texts(records(center))
        steps: list[tuple[str, Callable[[], object]]] = [
            ("csv.reader", lambda: bare_pass(center)),
            ("reader", lambda: reader_only(center)),
            ("content", content_work(texts)),
            ("audit", audit(center)),
        ]
        pl_run = polars_visits(center, content_column(center))
        if pl_run is not None:
            steps.append(("polars", pl_run))
        results = [(name, timed(fn, args.repeat)) for name, fn in steps]
    base = results[0][1]
    print(f"center: {rows} CSV rows, {len(texts)} visit texts; median of {args.repeat}; "
          f"budget per center for the district goal: {BUDGET:.1f}x the bare pass")
    for name, seconds in results:
        per_row = seconds / rows * 1e6
        print(f"{name:11} {seconds:7.3f} s  {per_row:6.2f} us/row  {seconds / base:6.2f}x bare"
              + ("  (over budget)" if seconds / base > BUDGET else ""))


if __name__ == "__main__":
    main()
