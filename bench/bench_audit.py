"""Benchmark: audit a center with a year of records and write its scorecard, against only
reading the same exports through cscaudit's readers, in the same run.

    python bench/bench_audit.py [--records 50000] [--runs 5] [--format csv|xlsx|mixed]

Generates one synthetic center (`cscaudit samples generate`), then alternates the two
commands as whole processes (A B A B ...) and prints the median wall time of each, the
median of the pairwise ratios A/B (goal: <= 2.0) and the peak RSS of each process.
Public tools only: the standard library and cscaudit itself.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_district import installed_env  # the scripts sit side by side in bench/


def read_only(center: Path) -> int:
    """The baseline: discover the center's tables and parse every record, nothing else."""
    from cscaudit.config.center import load_center
    from cscaudit.ingest import discover_tables, load_dictionary, open_table

    loaded = load_center(center)
    dictionary = load_dictionary()
    rows = 0
    for source in discover_tables(loaded.root, loaded.exports).sources:
        with open_table(source, dictionary) as reader:
            for _ in reader.records():
                rows += 1
    return rows


def run(cmd: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (MB) of one whole process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env=installed_env())
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        err = proc.stderr.read().decode() if proc.stderr else ""
        raise SystemExit(f"command failed: {' '.join(cmd)}\n{err}")
    return wall, usage.ru_maxrss // 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--format", default="csv", choices=["csv", "xlsx", "mixed"])
    parser.add_argument("--read-only", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.read_only:
        print(read_only(args.read_only))
        return
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        subprocess.run(
            [sys.executable, "-m", "cscaudit", "samples", "generate", "--centers", "1",
             "--records-per-center", str(args.records), "--format", args.format,
             "--seed", "11", "-o", str(out / "district")],
            check=True, stdout=subprocess.DEVNULL,
        )
        center = next((out / "district").rglob("center.yaml")).parent
        audit = [sys.executable, "-m", "cscaudit", "audit", str(center), "-q",
                 "-o", str(out / "card.xlsx"), "--json", str(out / "result.json")]
        baseline = [sys.executable, __file__, "--read-only", str(center)]
        run(audit)  # warm-up: imports compiled, files in the page cache
        run(baseline)
        a_times, b_times, ratios, a_rss, b_rss = [], [], [], [], []
        for _ in range(args.runs):
            a, ra = run(audit)
            b, rb = run(baseline)
            a_times.append(a)
            b_times.append(b)
            ratios.append(a / b)
            a_rss.append(ra)
            b_rss.append(rb)
    print(f"center: {args.records} records ({args.format}), {args.runs} runs each, alternating")
    print(f"audit + scorecard + JSON : median {statistics.median(a_times):.2f} s, "
          f"peak RSS {max(a_rss)} MB")
    print(f"read exports only        : median {statistics.median(b_times):.2f} s, "
          f"peak RSS {max(b_rss)} MB")
    print(f"ratio audit / read       : median {statistics.median(ratios):.2f} "
          f"(min {min(ratios):.2f}, max {max(ratios):.2f}; goal <= 2.0)")


if __name__ == "__main__":
    main()
