"""The street office's workbook: 排名, 等级分布, 社工考核, 问题汇总, then one sheet per center.

Center sheets follow the ranking (centers to be completed, 待补正, next; failed centers last); their names are built from the rank
and the center's name and made valid and unique by `SheetNamer`. Personal data is masked
unless `show_pii`; the file is written to a temporary file beside the target and renamed.
"""

from __future__ import annotations

from pathlib import Path

from cscaudit.assess.assessment import Assessment
from cscaudit.assess.sheet_center import write_center, write_failed_center, write_pending_center
from cscaudit.assess.sheet_findings import write_findings
from cscaudit.assess.sheet_grades import write_grades
from cscaudit.assess.sheet_names import SheetNamer
from cscaudit.assess.sheet_ranking import write_ranking
from cscaudit.assess.sheet_workers import write_workers
from cscaudit.i18n import Lang, t
from cscaudit.report.masking import scrubber

SHEETS = {"ranking": t("排名", "Ranking"), "grades": t("等级分布", "Grades"),
          "workers": t("社工考核", "Social workers"), "findings": t("问题汇总", "Findings")}


def build_workbook(assessment: Assessment, lang: Lang, show_pii: bool = False) -> object:
    """The workbook in memory (an openpyxl Workbook)."""
    from openpyxl import Workbook

    from cscaudit.report.row_heights import fit_workbook

    scrub = scrubber(show_pii)
    wb = Workbook()
    namer = SheetNamer()
    fixed = {key: namer.name(text(lang)) for key, text in SHEETS.items()}
    ranking = assessment.ranking
    links: dict[str, str] = {}
    for row in ranking.ranked:
        label = row.audit.result.center.get("name") or row.center_id
        links[row.audit.entry.rel] = namer.name(f"{row.rank} {label}")
    for audit in ranking.pending:
        label = audit.result.center.get("name") or audit.center_id
        links[audit.entry.rel] = namer.name(f"待补正 {label}" if lang == "zh" else f"? {label}")
    for failure in ranking.failed:
        links[failure.entry.rel] = namer.name(f"× {failure.center_id}")

    first = wb.active
    assert first is not None
    first.title = fixed["ranking"]
    write_ranking(first, assessment, lang, links, scrub)
    write_grades(wb.create_sheet(fixed["grades"]), assessment, lang)
    write_workers(wb.create_sheet(fixed["workers"]), assessment, lang, scrub)
    write_findings(wb.create_sheet(fixed["findings"]), assessment, lang, scrub)
    for row in ranking.ranked:
        write_center(wb.create_sheet(links[row.audit.entry.rel]), row, lang, scrub,
                     ranking.settings)
    for audit in ranking.pending:
        write_pending_center(wb.create_sheet(links[audit.entry.rel]), audit, lang, scrub)
    for failure in ranking.failed:
        write_failed_center(wb.create_sheet(links[failure.entry.rel]), failure, lang, scrub)
    fit_workbook(wb)  # wrapped text gets the rows it needs
    return wb


def write_workbook(assessment: Assessment, path: Path, lang: Lang,
                   show_pii: bool = False) -> None:
    from cscaudit.report.atomic import write_workbook_atomic

    write_workbook_atomic(build_workbook(assessment, lang, show_pii), path)
