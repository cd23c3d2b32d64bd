"""Scorecard writing benchmark: how long the styled Excel scorecard takes to write.

A synthetic audit result of realistic shape (40 indicators, --findings findings with five
evidence rows each, --workers workers, --issues data issues) is written three ways, each
timed as the median of --repeat runs in this same process:
- baseline: the same cell values dumped with openpyxl in write-only mode, no styles;
- scorecard: `write_scorecard` (normal mode: formulas, chart, styles, print settings);
- json: `to_json` written to a file.
It prints the times and the ratios scorecard/baseline and json/baseline.

    python bench/bench_scorecard.py [--issues 20000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from cscaudit.i18n import t
from cscaudit.ingest.model import DataIssue
from cscaudit.report.json_result import result_dict, to_json
from cscaudit.report.options import OutputOptions
from cscaudit.report.scorecard import write_scorecard
from cscaudit.results.model import (
    AreaScore,
    AuditResult,
    Evidence,
    Finding,
    IndicatorResult,
    InputFile,
    Outcome,
    Score,
    Severity,
    WorkerCard,
)


def synthetic(findings: int, workers: int, issues: int) -> AuditResult:
    areas = "ABCDEFG"
    inds = tuple(IndicatorResult(
        f"{areas[n % 7]}{n}", areas[n % 7], t(f"指标{n}", f"indicator {n}"), (f"N36735.4.{n}",),
        "deduct", 2.5, n % 3 * 0.5, 2.5 - n % 3 * 0.5, Outcome.PARTIAL if n % 3 else Outcome.PASS,
        t("90%", "90%"), t(f"缺陷 {n % 3} 项", f"{n % 3} defects"), n % 3) for n in range(40))
    found = tuple(Finding(
        f"A{n % 40}", "A", ("N36735.4.1",), Severity.MAJOR, t(f"问题 {n}", f"problem {n}"),
        tuple(Evidence("exports/走访.xlsx", "走访记录", 100 + k, f"H-{k:05d}") for k in range(5)),
        25, t("整改", "fix")) for n in range(findings))
    cards = tuple(WorkerCard(f"社工{n}", 60, 240, 230, 0.95, 40, 0.97, 1, 5, 4)
                  for n in range(workers))
    data = tuple(DataIssue("exports/走访.xlsx", "走访记录", n + 2, "C", "走访日期", "visited_on",
                           "2024-13-01", t("日期无法识别", "unreadable date"), "bad-date")
                 for n in range(issues))
    score = Score(80.0, 100, 80.0, 100, 0, "良好", 80.0, "良好",
                  areas=tuple(AreaScore(a, t(a, a), 10, 8) for a in areas))
    return AuditResult("cscaudit bench", "GB/T 36735-2018", "bench@1", None,
                       {"id": "bench", "name": "基准中心", "street": "", "district": ""}, "2024",
                       (InputFile("center.yaml", "0" * 64),), score, inds, found, cards, data)


def plain_dump(result: AuditResult, path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    data = result_dict(result, OutputOptions())
    for key in ("indicators", "findings", "workers", "data_issues"):
        ws = wb.create_sheet(key)
        for item in data[key]:
            ws.append([str(v) if isinstance(v, (list, dict)) else v for v in item.values()])
    wb.save(path)


def median_time(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--findings", type=int, default=200)
    parser.add_argument("--workers", type=int, default=30)
    parser.add_argument("--issues", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    result = synthetic(args.findings, args.workers, args.issues)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        base = median_time(lambda: plain_dump(result, folder / "plain.xlsx"), args.repeat)
        card = median_time(lambda: write_scorecard(result, folder / "card.xlsx", OutputOptions()), args.repeat)
        js = median_time(lambda: (folder / "r.json").write_text(to_json(result, OutputOptions())), args.repeat)
        size = (folder / "card.xlsx").stat().st_size
    print(f"rows: {len(result.indicators)} indicators, {len(result.findings)} findings, "
          f"{len(result.workers)} workers, {len(result.data_issues)} data issues")
    print(f"baseline write-only dump  {base * 1000:8.1f} ms")
    print(f"scorecard (styled)        {card * 1000:8.1f} ms   ratio {card / base:5.2f}x"
          f"   ({size / 1024:.0f} KiB)")
    print(f"json                      {js * 1000:8.1f} ms   ratio {js / base:5.2f}x")


if __name__ == "__main__":
    main()
