"""CSV reading benchmark: cscaudit's visits reader against a bare `csv.reader` loop.

Writes a visits CSV of --rows rows (default 1,000,000; realistic repetition: a year of dates,
a few hundred households and workers, content from a small set of phrases, some free text),
then, in the same run and alternating, times:
- baseline: `for row in csv.reader(open(file, encoding="utf-8"))` doing nothing;
- cscaudit: `open_table(...).records()` (encoding check, header detection, parsing, mapping,
  Record objects), consuming every record.
It prints the median of --repeat runs of each and their ratio (goal <= 3.0), then the peak
RSS of a fresh process that only reads the file with cscaudit (goal < 150 MB).

    python bench/bench_read_csv.py                 # 1,000,000 rows, 3 runs each
    python bench/bench_read_csv.py --rows 200000   # quicker
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HEADER = ["走访编号", "走访日期", "走访人", "户号", "人群类别", "走访方式", "走访内容",
          "发现问题", "处理情况", "办结日期"]
GROUPS = ["老年人"] * 5 + ["独居老人", "残疾人", "失业人员", "低保户"] + ["临时居住"] * 3 + ["一般户"] * 10
METHODS = ["入户", "入户", "入户", "电话", "微信", "来访"]
CONTENT = ["政策宣传、信息采集", "健康状况、子女联系方式、养老服务信息", "身体状况；家庭生活状况",
           "就业状况核实，再就业信息", "房东信息、就业情况", "救助信息、助学信息、帮扶政策",
           "政策宣传、了解诉求", "了解健康状况并登记子女联系方式"]


def write_visits(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    start = dt.date(2024, 1, 1)
    dates = [(start + dt.timedelta(days=i)).isoformat() for i in range(366)]
    workers = [f"社工{i:02d}" for i in range(40)]
    households = [f"{b}-{n:03d}" for b in "ABCDEFGH" for n in range(1, 251)]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        for i in range(rows):
            issue = "楼道灯不亮" if i % 17 == 0 else ""
            writer.writerow([
                f"V{i:07d}", rng.choice(dates), rng.choice(workers), rng.choice(households),
                rng.choice(GROUPS), rng.choice(METHODS), rng.choice(CONTENT), issue,
                "已报物业" if issue else "", rng.choice(dates) if issue else "",
            ])


def bare(path: Path) -> float:
    began = time.perf_counter()
    with open(path, encoding="utf-8", newline="") as fh:
        for _row in csv.reader(fh):
            pass
    return time.perf_counter() - began


def cscaudit_read(path: Path) -> tuple[float, int]:
    from cscaudit.ingest import TableSource, load_dictionary, open_table

    dictionary = load_dictionary()
    began = time.perf_counter()
    count = 0
    with open_table(TableSource("visits", path), dictionary) as reader:
        for _record in reader.records():
            count += 1
    return time.perf_counter() - began, count


# The peak resident set of the measuring child itself. On Linux `ru_maxrss` carries over the
# parent's peak across fork+exec, so VmHWM (reset by exec) is read when available.
PEAK_PRELUDE = (
    "import resource\n"
    "def peak_kb():\n"
    "    try:\n"
    "        for line in open('/proc/self/status'):\n"
    "            if line.startswith('VmHWM:'):\n"
    "                return int(line.split()[1])\n"
    "    except OSError:\n"
    "        pass\n"
    "    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
)


def alternate_medians(
    baseline: Callable[[Path], float], ours: Callable[[Path], tuple[float, int]], path: Path,
    repeat: int,
) -> tuple[float, float, int]:
    """Run the baseline and cscaudit in turn `repeat` times: (median baseline s, median
    cscaudit s, records cscaudit read). Alternating keeps machine drift out of the ratio."""
    base_runs, ours_runs = [], []
    records = 0
    for _ in range(repeat):
        base_runs.append(baseline(path))
        seconds, records = ours(path)
        ours_runs.append(seconds)
    return statistics.median(base_runs), statistics.median(ours_runs), records


def peak_rss_mb(path: Path) -> float:
    code = PEAK_PRELUDE + ("import sys;from pathlib import Path;"
            "from cscaudit.ingest import TableSource,load_dictionary,open_table;"
            "r=open_table(TableSource('visits',Path(sys.argv[1])),load_dictionary());"
            "n=sum(1 for _ in r.records());r.close();"
            "print(peak_kb())")
    out = subprocess.run([sys.executable, "-c", code, str(path)], check=True,
                         capture_output=True, text=True).stdout
    return int(out.strip()) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--file", type=Path, help="reuse this CSV instead of writing one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.file or Path(tmp) / "visits.csv"
        if not path.exists():
            print(f"writing {args.rows:,} rows to {path} ...", flush=True)
            write_visits(path, args.rows)
        peak = peak_rss_mb(path)  # first, from a small parent
        base, ours, records = alternate_medians(bare, cscaudit_read, path, args.repeat)
        print(f"rows: {records:,} records from {path.stat().st_size / 1e6:.0f} MB")
        print(f"bare csv.reader: {base:.2f} s (median of {args.repeat})")
        print(f"cscaudit read+parse+map: {ours:.2f} s  ({records / ours:,.0f} rows/s)")
        print(f"ratio: {ours / base:.2f}x  (goal <= 3.0)")
        print(f"peak RSS, cscaudit read in a fresh process: {peak:.0f} MB (goal < 150)")


if __name__ == "__main__":
    main()
