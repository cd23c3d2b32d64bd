"""The 问题明细: every defective record, one row per finding × evidence row.

The same rows feed the scorecard's streamed sheet, `--details FILE.csv` and (as `evidence`)
the JSON. Rows are produced one at a time so a list of 100,000 rows never sits in memory
twice.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from cscaudit.i18n import Lang, Text, t
from cscaudit.report.finding_order import by_points_lost, evidence_rows
from cscaudit.report.formula_text import FORMULA_STARTS
from cscaudit.report.json_result import points
from cscaudit.report.options import OutputOptions
from cscaudit.results.model import AuditResult, Evidence, Finding, IndicatorResult

Scrub = Callable[[str], str]
Row = tuple[str | int | float | None, ...]

COLUMNS: tuple[tuple[Text, float], ...] = (
    (t("序号", "No."), 7), (t("指标", "Indicator"), 6), (t("问题", "Problem"), 44),
    (t("文件", "File"), 24), (t("工作表", "Sheet"), 12), (t("行", "Row"), 7),
    (t("编号/户号", "Record id"), 16), (t("社工", "Worker"), 9), (t("日期", "Date"), 11),
    (t("扣分归属", "Points lost to"), 22),
)
COUNTED = t("计入{indicator}扣分（该指标扣{lost}分）",
            "counts toward {indicator} ({lost} points lost)")
WAIVED = t("{indicator}已豁免（{waiver}），不扣分", "{indicator} waived ({waiver}): no points lost")
NOT_COUNTED = t("{indicator}未扣分（提示）", "{indicator}: no points lost (notice)")


def attribution(indicator: IndicatorResult | None, finding: Finding, lang: Lang) -> str:
    """Where the row's points went: its indicator's deduction, a waiver, or nowhere."""
    if indicator is not None and indicator.waived_by:
        return WAIVED.format(indicator=finding.indicator, waiver=indicator.waived_by)(lang)
    if indicator is not None and indicator.lost > 0:
        return COUNTED.format(indicator=finding.indicator, lost=f"{points(indicator.lost):g}")(lang)
    return NOT_COUNTED.format(indicator=finding.indicator)(lang)


def detail_rows(result: AuditResult, lang: Lang, scrub: Scrub) -> Iterator[Row]:
    """The rows in 整改清单 order; a finding without evidence rows still gets one row."""
    indicators = {i.id: i for i in result.indicators}
    shared: dict[str, str] = {}  # files, sheets and workers repeat: scrub each once

    def once(value: str | None) -> str | None:
        if not value:
            return None
        done = shared.get(value)
        if done is None:
            done = shared[value] = scrub(value)
        return done

    n = 0
    for f in by_points_lost(result):
        message = scrub(f.message(lang))
        owner = attribution(indicators.get(f.indicator), f, lang)
        for e in f.evidence or (Evidence(""),):
            n += 1
            yield (n, f.indicator, message, once(e.file), once(e.sheet), e.row,
                   None if e.key is None else scrub(e.key), once(e.worker or f.worker), e.date,
                   owner)


def detail_count(result: AuditResult) -> int:
    return sum(evidence_rows(f) for f in result.findings)


def first_detail_row(result: AuditResult) -> dict[int, int]:
    """For each finding (by `id()`), the 问题明细 sheet row where its rows start."""
    first, row = {}, 2
    for f in by_points_lost(result):
        first[id(f)] = row
        row += evidence_rows(f)
    return first


def _csv_safe(value: str | int | float | None) -> str | int | float | None:
    """Text from inputs starting with = + - @ gets a leading apostrophe, so a spreadsheet
    opening the CSV shows it as text and never runs it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_details_csv(result: AuditResult, out: IO[bytes], lang: Lang, scrub: Scrub) -> None:
    """The 问题明细 as CSV, UTF-8 with a BOM so Excel opens it as UTF-8."""
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=False)
    writer = csv.writer(text)
    writer.writerow([label(lang) for label, _ in COLUMNS])
    writer.writerows(tuple(_csv_safe(v) for v in row) for row in detail_rows(result, lang, scrub))
    text.flush()
    text.detach()


def save_details_csv(result: AuditResult, path: Path, options: OutputOptions) -> None:
    from cscaudit.masking import scrubber
    from cscaudit.report.atomic import write_with

    scrub = scrubber(show_pii=options.show_pii)
    write_with(Path(path), lambda out: write_details_csv(result, out, options.lang, scrub))
