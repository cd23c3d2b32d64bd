"""Where `ReadTuning`'s thresholds come from: the frame reader's two paths on the same sources.

Generates centers (seed 11, CSV and XLSX) of --records records each (default 300, 1,000,
3,000: tables from a few rows to a few thousand), then for every source reads it in turn,
--repeat times each, the column-wise way (`COLUMNAR`) and the record reader's way (a
`FrameBuilder` fed record by record, thresholds set above every file), and prints the
median milliseconds of each with the ratio records / column-wise, smallest file first. The
row where the ratio passes 1 is the crossover `csv_records_below` and
`workbook_records_below` should sit near (file size in bytes, known before the body is read).

Then, for `few_distinct`: a 30,000-row date column with k distinct values, parsed by
`parse_column` with its fast rule and without (the parser per distinct value), k from 2 to
2,048.

    python bench/bench_read_tuning.py [--records 300 1000 3000] [--repeat 7] [--dir FOLDER]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path


def median_ms(runs: list[float]) -> float:
    return statistics.median(runs) * 1000


def alternate(first: Callable[[], object], second: Callable[[], object],
              repeat: int) -> tuple[float, float]:
    """Median ms of each, run in turn `repeat` times after one warm-up of each."""
    first(), second()
    a: list[float] = []
    b: list[float] = []
    for _ in range(repeat):
        for fn, runs in ((first, a), (second, b)):
            began = time.perf_counter()
            fn()
            runs.append(time.perf_counter() - began)
    return median_ms(a), median_ms(b)


def centers(folder: Path, sizes: list[int]) -> list[Path]:
    from cscaudit.samples.district import DistrictSettings, generate_district

    roots = []
    for fmt in ("csv", "xlsx"):
        for size in sizes:
            target = folder / f"{fmt}-{size}"
            if not any(target.rglob("center.yaml")):
                generate_district(DistrictSettings(centers=1, records_per_center=size, seed=11,
                                                   format=fmt), target)
            roots += sorted(p.parent for p in target.rglob("center.yaml"))
    return roots


def paths(roots: list[Path], repeat: int) -> None:
    from cscaudit.config.center import load_center
    from cscaudit.ingest import discover_tables, load_dictionary
    from cscaudit.ingest.frame_reader import read_frame
    from cscaudit.ingest.read_tuning import COLUMNAR, ReadTuning

    dictionary = load_dictionary()
    records = ReadTuning(csv_records_below=1 << 62, workbook_records_below=1 << 62,
                         few_distinct=0)
    rows = []
    for root in roots:
        center = load_center(root)
        for source in discover_tables(center.root, center.exports).sources:
            columnar, by_records = alternate(partial(read_frame, source, dictionary, COLUMNAR),
                                             partial(read_frame, source, dictionary, records),
                                             repeat)
            rows.append((source.path.stat().st_size, source.path.suffix, source.table,
                         columnar, by_records))
    print(f"{'file bytes':>11} {'kind':5} {'table':15} {'columnar ms':>11} {'records ms':>10} ratio")
    for size, kind, table, columnar, by_records in sorted(rows):
        print(f"{size:11,d} {kind:5} {table:15} {columnar:11.1f} {by_records:10.1f} "
              f"{by_records / columnar:5.2f}")


def few_distinct(repeat: int) -> None:
    import polars as pl

    from cscaudit.ingest import load_dictionary
    from cscaudit.ingest.frame_body import Cells
    from cscaudit.ingest.frame_columns import fast_rule, parse_column
    from cscaudit.ingest.frame_types import dtype_of
    from cscaudit.ingest.parsers import Memo, base_parse

    dictionary = load_dictionary()
    field = dictionary.table("visits").fields["visited_on"]
    rule, dtype = fast_rule(field, dictionary), dtype_of(field.type)
    parse = base_parse(field, dictionary, date1904=False, text_source=True)
    rng = random.Random(11)
    print(f"\n{'distinct':>8} {'rule ms':>8} {'parser ms':>9} ratio   (30,000-row date column)")
    for k in (2, 8, 32, 128, 256, 512, 1024, 2048):
        days = [(dt.date(2020, 1, 1) + dt.timedelta(days=i)).isoformat() for i in range(k)]
        cells = Cells(1, columns=pl.DataFrame({"c": [rng.choice(days) for _ in range(30_000)]}))

        def run(column: Cells, few: int) -> None:
            parse_column(column, 0, Memo(parse, 0, field.name, [], 10_000), field.name, dtype,
                         rule, few)
        with_rule, by_parser = alternate(partial(run, cells, 0), partial(run, cells, 1 << 62),
                                         repeat)
        print(f"{k:8d} {with_rule:8.2f} {by_parser:9.2f} {by_parser / with_rule:5.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, nargs="+", default=[300, 1000, 3000])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args()
    folder = args.dir or Path(tempfile.gettempdir()) / "cscaudit-bench-read-tuning"
    paths(centers(folder, args.records), args.repeat)
    few_distinct(args.repeat)


if __name__ == "__main__":
    main()
