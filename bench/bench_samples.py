"""How fast `cscaudit samples generate` writes a center, against writing the same rows bare.

Generates one center of --records rows (CSV, default 50,000) --runs times and reports the
median wall time, then writes the very same rows again with a bare `csv.writer` (the floor
for any CSV generator) and prints the ratio of the two medians, measured in the same run.

    python bench/bench_samples.py                 # 50,000 records, 5 runs
    python bench/bench_samples.py --records 200000 --runs 3
"""

from __future__ import annotations

import argparse
import csv
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from cscaudit.samples.district import DistrictSettings, generate_district


def _generate(out: Path, records: int, defect_rate: float) -> float:
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    generate_district(DistrictSettings(centers=1, records_per_center=records, seed=1,
                                       defect_rate=defect_rate, format="csv"), out)
    return time.perf_counter() - start


def _bare(files: list[tuple[Path, list[list[str]]]], out: Path) -> float:
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    start = time.perf_counter()
    for path, rows in files:
        with open(out / path.name, "w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(rows)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--defect-rate", type=float, default=0.05)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        gen = [_generate(root / "gen", args.records, args.defect_rate) for _ in range(args.runs)]
        files = []
        for path in sorted((root / "gen").rglob("*.csv")):
            raw = path.read_bytes()
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = raw.decode("gb18030")
            files.append((path, list(csv.reader(text.splitlines()))))
        rows = sum(len(r) for _, r in files)
        bare = [_bare(files, root / "bare") for _ in range(args.runs)]
    g, b = statistics.median(gen), statistics.median(bare)
    print(f"rows written:            {rows}")
    print(f"generate (median of {args.runs}): {g:.3f} s  ({rows / g:,.0f} rows/s)")
    print(f"bare csv.writer (median): {b:.3f} s  ({rows / b:,.0f} rows/s)")
    print(f"ratio generate / bare:    {g / b:.1f}x")


if __name__ == "__main__":
    main()
