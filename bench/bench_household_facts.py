"""What the household facts cost: linking the visits, and their visit periods on top.

    python bench/bench_household_facts.py [--records 50000] [--repeat 5] [--visits mixed]

One generated center (CSV), its visits respelled (`--visits`, see `cscaudit.samples.respell`)
so that they link by address. In one warm process, records and frames already in memory,
median of --repeat rounds (each step once a round):

- `fact link` (the baseline, 1.0): the `household_links` fact on the roster and visits frames,
  an empty address cache (`bench_linking.linking`);
- `fact link + coverage`: that and the `visit_coverage` fact (visit_frequency's periods).
The record-stream index these facts replaced (once the baseline here) is a test oracle now,
`tests/oracles/households.py`, outside the package, and no longer timed.
Public tools only: the standard library and cscaudit.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
from collections.abc import Callable
from pathlib import Path

from bench_linking import generate, linking, respelled, tables  # side by side in bench/
from bench_scorecard import median_time
from cscaudit.ingest.model import Record


def coverage_of(records: dict[str, list[Record]]) -> Callable[[], object]:
    from cscaudit.facts.frames import FrameBuilder, build_tables, field_dtypes
    from cscaudit.facts.households import household_links
    from cscaudit.facts.visit_periods import frequencies_of, visit_coverage
    from cscaudit.ingest import load_dictionary
    from cscaudit.results.context import AuditContext
    from cscaudit.scoring.workers import DEFAULT_FREQUENCIES

    dtypes = field_dtypes(load_dictionary())
    builders = [FrameBuilder(table, dtypes[table]) for table in ("roster", "visits")]
    for builder in builders:
        for record in records[builder.table]:
            builder.add(record)
    frames = build_tables(builders, dtypes)
    ctx = AuditContext(center=None, standard=None, year=2024, period_start=dt.date(2024, 1, 1),
                       period_end=dt.date(2024, 12, 31), calendar=None,
                       tables_present=frozenset({"roster", "visits"}),
                       address_rules=load_dictionary().address)
    frequencies = frequencies_of(DEFAULT_FREQUENCIES["frequencies"])

    def run() -> object:
        links = household_links(frames, ctx)
        return visit_coverage(frames, ctx, links, frequencies, "none", None)

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--visits", default="mixed")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        center = generate(args.records, Path(tmp) / "district")
        other, rewritten = respelled(center, Path(tmp) / "other", args.visits)
        records = tables(other)
    steps = [("fact link", linking(records)),
             ("fact link + coverage", coverage_of(records))]
    for _, fn in steps:
        fn()  # warm
    times: dict[str, list[float]] = {name: [] for name, _ in steps}
    for _ in range(args.repeat):
        for name, fn in steps:
            times[name].append(median_time(fn, 1))
    base = statistics.median(times["fact link"])
    print(f"center: {len(records['roster'])} roster rows, {len(records['visits'])} visits, "
          f"{rewritten} respelled ({args.visits}); median of {args.repeat}")
    for name, _ in steps:
        seconds = statistics.median(times[name])
        print(f"{name:21} {seconds:7.3f} s  {seconds / base:5.2f}x fact link")


if __name__ == "__main__":
    main()
