"""Ingest to a frame: cscaudit's frame reader against a bare pass over the same file.

Writes a visits CSV (UTF-8, and the same rows in GB18030) and a visits workbook of --rows
rows (realistic repetition, as bench_read_csv and bench_read_xlsx write them), then, in the
same run and in turn, --repeat times each:
- CSV: a bare `for row in csv.reader(...)` pass; `read_frame` (encoding check, header
  detection, the body column-wise, the frame built); for comparison, the record reader
  (`open_table(...).records()`) feeding a `FrameBuilder`, the engine's way to a frame today;
- XLSX: a bare python-calamine pass (`for row in sheet.iter_rows()`); `read_frame`; the record
  reader feeding a `FrameBuilder`.
It prints the median seconds of each and the ratios to the bare pass of the same run. Goals
(issue "Engine 2"): CSV <= 2x, XLSX <= 1.5x.

    python bench/bench_ingest_frames.py                  # 200,000 rows (XLSX 100,000), 5 runs
    python bench/bench_ingest_frames.py --quick          # 20,000 rows, 3 runs each
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_read_csv import write_visits as write_visits_csv
from bench_read_xlsx import write_visits as write_visits_xlsx

SHEET = "走访记录"


def bare_csv(path: Path, encoding: str) -> float:
    began = time.perf_counter()
    with open(path, encoding=encoding, newline="") as fh:
        for _row in csv.reader(fh):
            pass
    return time.perf_counter() - began


def bare_xlsx(path: Path) -> float:
    from python_calamine import CalamineWorkbook

    began = time.perf_counter()
    wb = CalamineWorkbook.from_path(str(path))
    for _row in wb.get_sheet_by_name(SHEET).iter_rows():
        pass
    wb.close()
    return time.perf_counter() - began


def frame_read(path: Path, sheet: str | None) -> tuple[float, int]:
    from cscaudit.ingest import TableSource, load_dictionary
    from cscaudit.ingest.frame_reader import read_frame
    from cscaudit.ingest.xlsx_rows import forget_checks

    dictionary = load_dictionary()
    forget_checks()  # time a first read: an audit reads each workbook once
    began = time.perf_counter()
    read = read_frame(TableSource("visits", path, sheet=sheet), dictionary)
    return time.perf_counter() - began, read.frame.height


def record_read(path: Path, sheet: str | None) -> tuple[float, int]:
    """The record reader feeding a FrameBuilder: how the engine builds frames today."""
    from cscaudit.facts.frames import FrameBuilder, field_dtypes
    from cscaudit.ingest import TableSource, load_dictionary, open_table
    from cscaudit.ingest.xlsx_rows import forget_checks

    dictionary = load_dictionary()
    forget_checks()  # time a first read: an audit reads each workbook once
    began = time.perf_counter()
    builder = FrameBuilder("visits", field_dtypes(dictionary)["visits"])
    with open_table(TableSource("visits", path, sheet=sheet), dictionary) as reader:
        for record in reader.records():
            builder.add(record)
    return time.perf_counter() - began, builder.frame().height


def compare(label: str, bare: Callable[[], float], frame: Callable[[], tuple[float, int]],
            records: Callable[[], tuple[float, int]], repeat: int, goal: float) -> bool:
    """Run the three in turn `repeat` times; print medians and ratios; whether the frame
    reader met its goal."""
    bare_runs, frame_runs, record_runs = [], [], []
    counts = set()
    for _ in range(repeat):
        bare_runs.append(bare())
        seconds, n = frame()
        frame_runs.append(seconds)
        counts.add(n)
        seconds, n = records()
        record_runs.append(seconds)
        counts.add(n)
    if len(counts) != 1:
        raise SystemExit(f"{label}: the readers read different numbers of records: {counts}")
    base = statistics.median(bare_runs)
    frame_s, record_s = statistics.median(frame_runs), statistics.median(record_runs)
    met = frame_s / base <= goal
    print(f"{label:<14} bare {base:7.3f} s | frame {frame_s:7.3f} s = {frame_s / base:4.2f}x "
          f"(goal <= {goal}x: {'met' if met else 'NOT met'}) | records+builder {record_s:7.3f} s = "
          f"{record_s / base:4.2f}x | {counts.pop():,} records")
    return met


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--xlsx-rows", type=int, default=100_000, help="(openpyxl writes slowly)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="20,000 rows, 3 runs each")
    parser.add_argument("--no-xlsx", action="store_true", help="CSV only (writing is slow)")
    args = parser.parse_args()
    rows, repeat = (20_000, 3) if args.quick else (args.rows, args.repeat)
    xlsx_rows = min(rows, args.xlsx_rows)
    with tempfile.TemporaryDirectory() as tmp:
        utf8, gb = Path(tmp) / "visits.csv", Path(tmp) / "visits-gb.csv"
        write_visits_csv(utf8, rows)
        gb.write_bytes(utf8.read_text("utf-8").encode("gb18030"))
        print(f"{rows:,} rows, median of {repeat} runs each, ratios to the bare pass of the "
              "same run")
        met = [compare(f"CSV {name}", lambda p=path, e=enc: bare_csv(p, e),
                       lambda p=path: frame_read(p, None), lambda p=path: record_read(p, None),
                       repeat, 2.0)
               for name, path, enc in (("utf-8", utf8, "utf-8"), ("gb18030", gb, "gb18030"))]
        if not args.no_xlsx:
            book = Path(tmp) / "visits.xlsx"
            write_visits_xlsx(book, xlsx_rows)
            print(f"XLSX: {xlsx_rows:,} rows")
            met.append(compare("XLSX", lambda: bare_xlsx(book), lambda: frame_read(book, SHEET),
                               lambda: record_read(book, SHEET), repeat, 1.5))
    print("goals met" if all(met) else "some goals NOT met")


if __name__ == "__main__":
    main()
