"""XLSX reading benchmark: cscaudit's visits reader against a bare python-calamine iteration.

Writes a visits workbook of --rows rows (default 1,000,000; openpyxl write-only, which takes
a few minutes at that size, so --file lets you reuse one), then, in the same run and
alternating, times:
- baseline: open with python-calamine, `for row in sheet.iter_rows(): pass`;
- cscaudit: `open_table(...).records()` (zip bomb check, header detection, parsing, mapping,
  Record objects), consuming every record.
It prints the medians of --repeat runs, their ratio (goal <= 1.5), and the peak RSS of fresh
processes doing each (goal < 150 MB for cscaudit). python-calamine holds a whole sheet in
memory, so cscaudit streams sheets above 48 MB of XML itself (cscaudit.ingest.xlsx_stream):
at 1,000,000 rows the cscaudit figures are those of the streamed path.

    python bench/bench_read_xlsx.py --rows 200000 --file /tmp/visits-200k.xlsx
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_read_csv import CONTENT, GROUPS, HEADER, METHODS, PEAK_PRELUDE, alternate_medians


def write_visits(path: Path, rows: int, seed: int = 7) -> None:
    from openpyxl import Workbook

    rng = random.Random(seed)
    start = dt.date(2024, 1, 1)
    dates = [start + dt.timedelta(days=i) for i in range(366)]
    workers = [f"社工{i:02d}" for i in range(40)]
    households = [f"{b}-{n:03d}" for b in "ABCDEFGH" for n in range(1, 251)]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("走访记录")
    ws.append(["XX社区2024年走访记录"])
    ws.append(HEADER)
    for i in range(rows):
        issue = "楼道灯不亮" if i % 17 == 0 else None
        ws.append([f"V{i:07d}", rng.choice(dates), rng.choice(workers), rng.choice(households),
                   rng.choice(GROUPS), rng.choice(METHODS), rng.choice(CONTENT), issue,
                   "已报物业" if issue else None, rng.choice(dates) if issue else None])
    wb.save(path)


def bare(path: Path) -> float:
    from python_calamine import CalamineWorkbook

    began = time.perf_counter()
    wb = CalamineWorkbook.from_path(str(path))
    for _row in wb.get_sheet_by_name("走访记录").iter_rows():
        pass
    wb.close()
    return time.perf_counter() - began


def cscaudit_read(path: Path) -> tuple[float, int]:
    from cscaudit.ingest import TableSource, load_dictionary, open_table
    from cscaudit.ingest.xlsx_rows import forget_checks

    dictionary = load_dictionary()
    forget_checks()  # time a first read: an audit reads each workbook once
    began = time.perf_counter()
    count = 0
    with open_table(TableSource("visits", path, sheet="走访记录"), dictionary) as reader:
        for _record in reader.records():
            count += 1
    return time.perf_counter() - began, count


RSS_CODE = {
    "calamine": ("import sys;from python_calamine import CalamineWorkbook;"
                 "wb=CalamineWorkbook.from_path(sys.argv[1]);"
                 "n=sum(1 for _ in wb.get_sheet_by_name('走访记录').iter_rows());"
                 "print(peak_kb())"),
    "cscaudit": ("import sys;from pathlib import Path;"
                 "from cscaudit.ingest import TableSource,load_dictionary,open_table;"
                 "r=open_table(TableSource('visits',Path(sys.argv[1]),sheet='走访记录'),"
                 "load_dictionary());n=sum(1 for _ in r.records());r.close();"
                 "print(peak_kb())"),
}


def peak_rss_mb(which: str, path: Path) -> float:
    out = subprocess.run([sys.executable, "-c", PEAK_PRELUDE + RSS_CODE[which], str(path)], check=True,
                         capture_output=True, text=True).stdout
    return int(out.strip()) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--file", type=Path, default=None,
                        help="workbook to use (written first if it does not exist)")
    args = parser.parse_args()
    # Kept between runs (writing a large workbook takes minutes), outside the repository.
    path = args.file or Path(tempfile.gettempdir()) / f"cscaudit-bench-visits-{args.rows}.xlsx"
    if not path.exists():
        print(f"writing {args.rows:,} rows to {path} ...", flush=True)
        write_visits(path, args.rows)
    peaks = {which: peak_rss_mb(which, path) for which in RSS_CODE}  # from a small parent
    base, ours, records = alternate_medians(bare, cscaudit_read, path, args.repeat)
    print(f"rows: {records:,} records from {path.stat().st_size / 1e6:.0f} MB")
    print(f"bare python-calamine iter_rows: {base:.2f} s (median of {args.repeat})")
    print(f"cscaudit read+parse+map: {ours:.2f} s  ({records / ours:,.0f} rows/s)")
    print(f"ratio: {ours / base:.2f}x  (goal <= 1.5)")
    print(f"peak RSS, fresh process: calamine alone {peaks['calamine']:.0f} MB, "
          f"cscaudit {peaks['cscaudit']:.0f} MB (goal < 150)")


if __name__ == "__main__":
    main()
