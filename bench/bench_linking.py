"""What linking households by address costs, against the audit it is part of.

    python bench/bench_linking.py [--records 50000] [--repeat 5] [--visits text]

One generated center (CSV, `cscaudit samples generate`), copied twice: its roster and visits
rewritten with identical ids (`5-2-101` both sides) and with the visits spelled otherwise
(`--visits`: text, chinese, block, mixed_dash, slash or mixed; see `cscaudit.samples.respell`).
In one warm process, in rounds (each step once a round), median of --repeat rounds:

- `audit (same ids)`: the whole audit of the identical-id copy (the baseline, 1.0);
- `audit (by address)`: the whole audit of the copy whose visits link only by address;
- `link (same ids)` and `link by address`: the linking alone on each copy: the
  `household_links` fact on the roster and visits frames (already in memory) with an empty
  address cache. What linking by address costs is their difference (the rest, keying the
  roster and looking each visit up by id, the audit does whatever the spelling).

The goal: linking by address costs at most 10 % of `audit (by address)`. The audits'
difference is printed too; it also holds the readers' work on the longer Chinese values.
Public tools only: the standard library and cscaudit.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from bench_scorecard import median_time  # the scripts sit side by side in bench/
from cscaudit.ingest.model import Record

GOAL = 0.10


def generate(records: int, out: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "cscaudit", "samples", "generate", "--centers", "1",
         "--records-per-center", str(records), "--format", "csv", "--seed", "11",
         "-o", str(out)], check=True, stdout=subprocess.DEVNULL)
    return next(out.rglob("center.yaml")).parent


def respelled(center: Path, to: Path, visits: str) -> tuple[Path, int]:
    from cscaudit.samples.respell import respell_center

    shutil.copytree(center, to)
    return to, respell_center(to, roster="dash", visits=visits)


def tables(center: Path) -> dict[str, list[Record]]:
    """The roster and visits records (read once, outside the timings)."""
    from cscaudit.config.center import load_center
    from cscaudit.ingest import discover_tables, load_dictionary, open_table

    loaded = load_center(center)
    out: dict[str, list[Record]] = {}
    for source in discover_tables(loaded.root, loaded.exports).sources:
        if source.table in ("roster", "visits"):
            with open_table(source, load_dictionary()) as reader:
                out.setdefault(source.table, []).extend(reader.records())
    return out


def linking(records: dict[str, list[Record]]) -> Callable[[], int]:
    """The `household_links` fact on the roster and visits (frames built once, outside the
    timing), with a fresh address cache every run; the number of visits linked."""
    from cscaudit.facts.frames import FrameBuilder, build_tables, field_dtypes
    from cscaudit.facts.households import household_links
    from cscaudit.ingest import load_dictionary
    from cscaudit.ingest.address import AddressRules
    from cscaudit.results.context import AuditContext

    dictionary = load_dictionary()
    dtypes = field_dtypes(dictionary)
    builders = [FrameBuilder(table, dtypes[table]) for table in ("roster", "visits")]
    for builder in builders:
        for record in records[builder.table]:
            builder.add(record)
    frames = build_tables(builders, dtypes)

    def run() -> int:
        ctx = AuditContext(center=None, standard=None, year=2024,
                           period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 12, 31),
                           calendar=None, tables_present=frozenset({"roster", "visits"}),
                           address_rules=AddressRules(dictionary.address.words))
        links = household_links(frames, ctx)
        return sum(t.rows - t.unlinked for t in links.results if t.table == "visits")

    return run


def audit(center: Path) -> Callable[[], object]:
    from cscaudit.engine.audit import audit_center

    return lambda: audit_center(center)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--visits", default="text")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        center = generate(args.records, Path(tmp) / "district")
        same, _ = respelled(center, Path(tmp) / "same", "dash")
        other, rewritten = respelled(center, Path(tmp) / "other", args.visits)
        records = tables(other)
        link = linking(records)
        linked = link()
        steps = [("audit (same ids)", audit(same)), ("audit (by address)", audit(other)),
                 ("link (same ids)", linking(tables(same))), ("link by address", link)]
        for _, fn in steps:
            fn()  # warm: imports, the standard, page cache
        # round after round, each step once, so a busy machine slows every step alike
        times: dict[str, list[float]] = {name: [] for name, _ in steps}
        for _ in range(args.repeat):
            for name, fn in steps:
                times[name].append(median_time(fn, 1))
        results = [(name, statistics.median(times[name])) for name, _ in steps]
    base, by_address, link_same, link_time = (seconds for _, seconds in results)
    print(f"center: {len(records['roster'])} roster rows, {len(records['visits'])} visits, "
          f"{rewritten} respelled ({args.visits}), {linked} linked; median of {args.repeat}")
    for name, seconds in results:
        print(f"{name:19} {seconds:7.3f} s  {seconds / base:5.2f}x same-id audit")
    share = (link_time - link_same) / by_address
    print(f"(link by address - link same ids) / audit (by address): {share:.1%} "
          f"(goal <= {GOAL:.0%})"
          + ("" if share <= GOAL else "  OVER GOAL"))
    print(f"audit (by address) - audit (same ids): {(by_address - base) / by_address:+.1%} "
          "of the audit")


if __name__ == "__main__":
    main()
