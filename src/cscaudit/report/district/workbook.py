"""The street office's workbook: 排名, 等级分布, 社工考核, 问题汇总, then one sheet per center.

Center sheets follow the ranking (centers to be completed, 待补正, next; failed centers last); their names are built from the rank
and the center's name and made valid and unique by `SheetNamer`. Above `sheet_limit` centers
(default `CENTER_SHEETS_LIMIT`) no center sheet is written: a province's 10,000 centers are
not 10,000 sheets; the ranking sheet says so, and `--split-by` writes them per unit. Personal data is masked
unless `show_pii`; the file is written to a temporary file beside the target and renamed.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from cscaudit.engine.district.assessment import Assessment
from cscaudit.i18n import Text, t
from cscaudit.masking import scrubber
from cscaudit.report.district.sheet_center import (
    write_center,
    write_failed_center,
    write_pending_center,
)
from cscaudit.report.district.sheet_findings import write_findings
from cscaudit.report.district.sheet_grades import write_grades
from cscaudit.report.district.sheet_names import SheetNamer
from cscaudit.report.district.sheet_ranking import write_ranking
from cscaudit.report.district.sheet_workers import write_workers
from cscaudit.report.options import OutputOptions

if TYPE_CHECKING:
    from openpyxl import Workbook

SHEETS = {"ranking": t("排名", "Ranking"), "grades": t("等级分布", "Grades"),
          "workers": t("社工考核", "Social workers"), "findings": t("问题汇总", "Findings")}
CENTER_SHEETS_LIMIT = 300  # centers above which a workbook holds no per-center sheets


def sheets_left_out(centers: int, limit: int, *, split: bool) -> Text:
    """The note saying a workbook holds no per-center sheets, and where they are."""
    if split:
        return t(f"共 {centers} 个中心，超过每个工作簿 {limit} 张中心明细表的上限：各中心明细表见各单位的工作簿。",
                 f"{centers} centers, more than the {limit} center sheets one workbook may "
                 "hold: each center's sheet is in its unit's workbook.")
    return t(f"共 {centers} 个中心，超过每个工作簿 {limit} 张中心明细表的上限，未写入中心明细表："
             "请用 --split-by street 为每个街道生成工作簿，或提高 --sheet-limit。",
             f"{centers} centers, more than the {limit} center sheets one workbook may hold: "
             "no center sheets were written; use --split-by street for one workbook per "
             "street, or raise --sheet-limit.")


def build_workbook(assessment: Assessment, options: OutputOptions,
                   sheet_limit: int | None = None) -> Workbook:
    """The workbook in memory (an openpyxl Workbook)."""
    from openpyxl import Workbook

    from cscaudit.report.row_heights import fit_workbook

    lang = options.lang
    scrub = scrubber(show_pii=options.show_pii)
    wb = Workbook()
    namer = SheetNamer()
    fixed = {key: namer.name(text(lang)) for key, text in SHEETS.items()}
    ranking = assessment.ranking
    limit = CENTER_SHEETS_LIMIT if sheet_limit is None else sheet_limit
    with_centers = len(assessment.outcomes) <= limit
    notes: Sequence[str] = () if with_centers else (
        sheets_left_out(len(assessment.outcomes), limit, split=False)(lang),)
    links: dict[str, str] = {}
    for row in ranking.ranked if with_centers else ():
        label = row.audit.result.center.get("name") or row.center_id
        links[row.audit.entry.rel] = namer.name(f"{row.rank} {label}")
    for audit in ranking.pending if with_centers else ():
        label = audit.result.center.get("name") or audit.center_id
        links[audit.entry.rel] = namer.name(f"待补正 {label}" if lang == "zh" else f"? {label}")
    for failure in ranking.failed if with_centers else ():
        links[failure.entry.rel] = namer.name(f"× {failure.center_id}")

    first = wb.active
    assert first is not None
    first.title = fixed["ranking"]
    write_ranking(first, assessment, lang, scrub, links=links, notes=notes)
    write_grades(wb.create_sheet(fixed["grades"]), assessment, lang)
    write_workers(wb.create_sheet(fixed["workers"]), assessment, lang, scrub)
    write_findings(wb.create_sheet(fixed["findings"]), assessment, lang, scrub)
    for row in ranking.ranked if with_centers else ():
        write_center(wb.create_sheet(links[row.audit.entry.rel]), row, ranking.settings, lang,
                     scrub)
    for audit in ranking.pending if with_centers else ():
        write_pending_center(wb.create_sheet(links[audit.entry.rel]), audit, lang, scrub)
    for failure in ranking.failed if with_centers else ():
        write_failed_center(wb.create_sheet(links[failure.entry.rel]), failure, lang, scrub)
    fit_workbook(wb)  # wrapped text gets the rows it needs
    return wb


def write_workbook(assessment: Assessment, path: Path, options: OutputOptions,
                   sheet_limit: int | None = None) -> None:
    from cscaudit.report.atomic import write_workbook_atomic
    from cscaudit.report.xlsx_save import collector_paused

    with collector_paused():
        write_workbook_atomic(build_workbook(assessment, options, sheet_limit), path)
