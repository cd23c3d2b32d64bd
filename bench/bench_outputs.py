"""Benchmark: writing an audit's outputs (the scorecard with its full 问题明细, and the PDF)
against the audit itself without outputs, in the same run, with the peak memory.

    python bench/bench_outputs.py [--records 50000] [--defects 50000] [--defect-rate 0.5]

Generates one synthetic center (`cscaudit samples generate --defect-rate`), audits it
(timed: the audit without outputs), then, if the audit found fewer than `--defects`
defective rows, brings the result to that many by repeating the evidence rows of its own
findings (rows renumbered), and times writing the
scorecard (streamed 问题明细) and the PDF. Prints the medians, the ratio outputs / audit
(goal: < 1) and the process's peak RSS (goal: < 200 MB). Public tools only: the standard
library and cscaudit itself.
"""

from __future__ import annotations

import argparse
import dataclasses
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from cscaudit.engine.audit import AuditOptions, audit_center
from cscaudit.report.options import OutputOptions
from cscaudit.report.pdf import write_pdf
from cscaudit.report.scorecard import save_scorecard
from cscaudit.results.model import AuditResult, Evidence


def with_defects(result: AuditResult, total: int) -> AuditResult:
    """`result` with its findings' evidence repeated (rows renumbered) to `total` rows."""
    findings = [f for f in result.findings if f.evidence] or list(result.findings)
    have = sum(len(f.evidence) for f in findings)
    if have == 0 or have >= total:
        return result
    grown = []
    for f in result.findings:
        share = round(total * len(f.evidence) / have)
        rows = tuple(dataclasses.replace(e, row=(e.row or 0) + 100_000 * (n // len(f.evidence)))
                     for n, e in zip(range(share), _cycle(f.evidence), strict=False))
        grown.append(dataclasses.replace(f, evidence=rows or f.evidence,
                                         evidence_total=len(rows or f.evidence)))
    return dataclasses.replace(result, findings=tuple(grown))


def _cycle(items: tuple[Evidence, ...]) -> Iterator[Evidence]:
    while items:
        yield from items


def peak_rss_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--defects", type=int, default=50_000)
    parser.add_argument("--defect-rate", type=float, default=0.5)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        subprocess.run(
            [sys.executable, "-m", "cscaudit", "samples", "generate", "--centers", "1",
             "--records-per-center", str(args.records), "--seed", "11",
             "--defect-rate", str(args.defect_rate),
             "-o", str(out / "district")], check=True, stdout=subprocess.DEVNULL)
        center = next((out / "district").rglob("center.yaml")).parent
        audits, writes = [], []
        result = audit_center(center, AuditOptions())  # warm-up
        for _ in range(args.runs):
            start = time.perf_counter()
            result = audit_center(center, AuditOptions())
            audits.append(time.perf_counter() - start)
        found = sum(len(f.evidence) for f in result.findings)
        big = with_defects(result, args.defects)
        rows = sum(len(f.evidence) for f in big.findings)
        for _ in range(args.runs):
            start = time.perf_counter()
            with (out / "card.xlsx").open("wb") as fh:
                save_scorecard(big, fh, OutputOptions())
            with (out / "card.pdf").open("wb") as fh:
                write_pdf(big, fh, OutputOptions())
            writes.append(time.perf_counter() - start)
        size = (out / "card.xlsx").stat().st_size // 1024
    audit, write = statistics.median(audits), statistics.median(writes)
    print(f"center: {args.records} records; the audit found {found} defective rows, "
          f"written: {rows}; {args.runs} runs each")
    print(f"audit, no outputs           : median {audit:.2f} s")
    print(f"scorecard (问题明细) + PDF  : median {write:.2f} s  (xlsx {size} KB)")
    print(f"ratio outputs / audit       : {write / audit:.2f} (goal < 1)")
    print(f"peak RSS of this process    : {peak_rss_mb()} MB (goal < 200)")


if __name__ == "__main__":
    main()
