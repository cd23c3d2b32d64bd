"""The summary workbook of a run split by unit (`--split-by`): 单位排名, 各单位等级分布,
最严重问题 across the whole run, and 全部中心 (the run's own ranking, without center sheets).

Each unit's centers have their sheets in the unit's own workbook (`report.district.units`); this one
never holds per-center sheets, and says where they are. Personal data is masked unless
`show_pii`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from openpyxl.worksheet.worksheet import Worksheet

from cscaudit.engine.district.assessment import Assessment
from cscaudit.i18n import Lang, t
from cscaudit.masking import scrubber
from cscaudit.report.district.sheet_kit import SEVERITY_FILLS, table, title
from cscaudit.report.district.sheet_names import SheetNamer
from cscaudit.report.district.sheet_ranking import write_ranking
from cscaudit.report.district.units import Unit, unit_lines
from cscaudit.report.district.workbook import sheets_left_out
from cscaudit.report.labels import SEVERITY_LABELS
from cscaudit.report.options import OutputOptions
from cscaudit.results.model import SEVERITY_ORDER, Finding
from cscaudit.scoring.district.ranking import grade_counts

if TYPE_CHECKING:
    from openpyxl import Workbook

WORST_FINDINGS_KEEP = 200  # rows of the 最严重问题 sheet
UNIT_HEADERS = (t("排名", "Rank"), t("单位", "Unit"), t("参评中心", "Rated"),
                t("待补正", "To be completed"), t("未能审核", "Not audited"), t("平均综合得分", "Mean composite"),
                t("最高", "Best"), t("最低", "Worst"), t("工作簿", "Workbook"))
FINDING_HEADERS = (t("单位", "Unit"), t("中心编号", "Center id"), t("中心名称", "Center"),
                   t("指标", "Indicator"), t("严重程度", "Severity"), t("问题", "Problem"),
                   t("涉及行数", "Rows"))


def _unit_name(unit: Unit) -> str:
    """A unit as shown: its name; the top of the tree under the district's name."""
    return unit.assessment.district.name or unit.name


def _write_units(ws: Worksheet, whole: Assessment, units: tuple[Unit, ...], lang: Lang,
                 sheet_limit: int) -> None:
    centers = len(whole.outcomes)
    where = (sheets_left_out(centers, sheet_limit, split=True) if centers > sheet_limit
             else t("各中心明细表见各单位的工作簿（最后一列）。",
                    "Each center's sheet is in its unit's workbook (last column)."))
    rule = t("按参评中心的平均综合得分排名，高者在前；相同按单位名称；没有参评中心的单位排在最后。"
             "待补正（输入不完整）和未能审核的中心不计入平均分。各单位的中心排名与“优秀”比例上限在本单位内计算。",
             "Units ranked by the mean composite of their rated centers, higher first; ties "
             "by unit name; units with no rated center last. Centers to be completed (inputs "
             "incomplete) or not audited do not count toward the mean. Each unit ranks its "
             "centers and applies the cap on the top grade within itself.")
    top = title(ws, t(f"{whole.district.name or ''} {whole.period} 各单位考核汇总",
                      f"{whole.district.name or ''} {whole.period} summary by unit")(lang).strip(),
                [rule(lang), where(lang)])
    rows = [[line.rank, _unit_name(line.unit), line.rated, line.pending, line.failed, line.mean,
             line.best, line.worst, line.unit.path.name] for line in unit_lines(units)]
    table(ws, top, [h(lang) for h in UNIT_HEADERS], rows, (7, 30, 10, 10, 10, 13, 9, 9, 40),
          lang=lang, formats={6: "0.00", 7: "0.00", 8: "0.00"})


def _write_unit_grades(ws: Worksheet, whole: Assessment, units: tuple[Unit, ...],
                       lang: Lang) -> None:
    settings = whole.ranking.settings
    top = title(ws, t("各单位等级分布", "Grades by unit")(lang), [t(
        "等级为各单位内排名（含“优秀”比例上限）后的等级。",
        "Grades after each unit's own ranking (and its cap on the top grade).")(lang)])
    headers = [t("单位", "Unit")(lang), t("参评中心", "Rated")(lang),
               *[settings.label(g.name, lang) for g in settings.grades]]
    rows = [[_unit_name(u), len(u.assessment.ranking.ranked),
             *[n for _, n in grade_counts(u.assessment.ranking)]] for u in units]
    table(ws, top, headers, rows, (30, 10, *([10] * len(settings.grades))), lang=lang)


def worst_findings(units: tuple[Unit, ...]) -> list[tuple[Unit, str, str, Finding]]:
    """The most severe findings of the run: severity, then rows involved, then place."""
    found = [(u, a.center_id, a.result.center.get("name", ""), f)
             for u in units for a in u.assessment.audits for f in a.result.findings]
    found.sort(key=lambda item: (-SEVERITY_ORDER[item[3].severity],
                                 -(item[3].evidence_total or len(item[3].evidence)),
                                 item[0].name, item[1], item[3].indicator))
    return found[:WORST_FINDINGS_KEEP]


def _write_worst(ws: Worksheet, units: tuple[Unit, ...], lang: Lang,
                 scrub: Callable[[str], str]) -> None:
    worst = worst_findings(units)
    top = title(ws, t("最严重问题", "Worst findings")(lang), [t(
        f"全部单位中最严重的 {WORST_FINDINGS_KEEP} 条问题（按严重程度，再按涉及行数）；"
        "每个中心的全部问题见其单位工作簿的“问题汇总”。",
        f"The {WORST_FINDINGS_KEEP} most severe findings across all units (by severity, then "
        "rows involved); every finding of a center is in its unit workbook's Findings "
        "sheet.")(lang)])
    rows = [[_unit_name(u), cid, name, f.indicator, SEVERITY_LABELS[f.severity](lang),
             scrub(f.message(lang)), f.evidence_total or len(f.evidence)]
            for u, cid, name, f in worst]
    table(ws, top, [h(lang) for h in FINDING_HEADERS], rows, (30, 16, 20, 9, 10, 60, 9), lang=lang)
    for offset, (_, _, _, f) in enumerate(worst, start=top + 1):
        ws.cell(row=offset, column=5).fill = SEVERITY_FILLS[f.severity]


def build_summary(whole: Assessment, units: tuple[Unit, ...], options: OutputOptions,
                  sheet_limit: int) -> Workbook:
    """The summary workbook in memory (an openpyxl Workbook)."""
    from openpyxl import Workbook

    from cscaudit.report.row_heights import fit_workbook

    lang = options.lang
    scrub = scrubber(show_pii=options.show_pii)
    namer = SheetNamer()
    wb = Workbook()
    first = wb.active
    assert first is not None
    first.title = namer.name(t("单位排名", "Units")(lang))
    _write_units(first, whole, units, lang, sheet_limit)
    _write_unit_grades(wb.create_sheet(namer.name(t("各单位等级分布", "Grades by unit")(lang))),
                       whole, units, lang)
    _write_worst(wb.create_sheet(namer.name(t("最严重问题", "Worst findings")(lang))), units,
                 lang, scrub)
    note = t("此处为全部中心的统一排名；各单位工作簿中的排名在本单位内计算。",
             "One ranking of every center of the run; each unit's workbook ranks its centers "
             "within the unit.")
    write_ranking(wb.create_sheet(namer.name(t("全部中心", "All centers")(lang))), whole, lang,
                  scrub, links={}, notes=(note(lang),))
    fit_workbook(wb)
    return wb
