"""The 指标得分 sheet: one row per indicator, and totals an inspector's adjustment recomputes.

Each row's 调整后得分 is a formula: full marks while a waiver id stands in the 豁免 column,
else the measured score, plus the 人工调整 the inspector types. The totals below the table
follow the engine's rule (`cscaudit.scoring.score.total`): only rows marked 计入 count
toward the denominator (not_applicable and not_reviewed leave it; error stays in with no
points), the sum is scaled to the maximum, bonus rows are added, and the result is rounded
to 2 decimals. With no adjustment typed they reproduce the JSON's totals exactly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from openpyxl.worksheet.worksheet import Worksheet

from cscaudit.i18n import Lang, Text, t
from cscaudit.report.json_result import points
from cscaudit.report.labels import method_label, outcome_label
from cscaudit.report.xlsx_style import (
    BOLD,
    MUTED,
    NO_WRAP,
    OUTCOME_FILLS,
    POINTS_FORMAT,
    TOTAL_FILL,
    define,
    formula,
    header_row,
    page_setup,
    put,
    table_frame,
)
from cscaudit.results.model import AuditResult, IndicatorResult, Outcome

COLUMNS: tuple[tuple[Text, float], ...] = (
    (t("分项", "Area"), 6), (t("指标", "Indicator"), 7), (t("指标名称", "Title"), 24),
    (t("要求编号", "Requirement ids"), 16), (t("计分方式", "Method"), 9),
    (t("分值", "Points"), 7), (t("扣分", "Lost"), 7), (t("得分", "Score"), 7),
    (t("结果", "Outcome"), 10), (t("计入总分", "Counts"), 10), (t("测量值", "Measured"), 16),
    (t("原因", "Reason"), 36), (t("证据行数", "Evidence rows"), 8), (t("豁免", "Waiver"), 12),
    (t("人工调整", "Manual adjustment"), 9), (t("调整后得分", "Adjusted score"), 10),
)
COUNTED = t("计入", "counted")
EXCLUDED = t("不计入", "excluded")
BONUS = t("加分项", "bonus")
VETO = t("否决项", "veto")
_EXCLUDED_OUTCOMES = (Outcome.NOT_APPLICABLE, Outcome.NOT_REVIEWED)
# column numbers (1-based) the formulas refer to
C_AREA, C_POINTS, C_SCORE, C_COUNTS, C_WAIVER, C_ADJUST, C_ADJUSTED = 1, 6, 8, 10, 14, 15, 16
L = {"den": t("计分满分（只含“计入”项；不适用、待现场核查项不计入分母）",
              "Points counted (rows marked counted only; N/A and not reviewed leave the "
              "denominator)"),
     "excluded": t("不计入分母的指标数", "Indicators left out of the denominator"),
     "raw": t("得分合计（计入项；豁免项按满分）", "Score of counted rows (waived rows at full marks)"),
     "bonus": t("加分", "Bonus"), "max": t("满分", "Maximum"),
     "total": t("总分 = 得分合计 ÷ 计分满分 × 满分 + 加分", "Total = score ÷ counted × maximum + bonus"),
     "without": t("不计豁免的总分", "Total without waivers")}


@dataclass(frozen=True)
class IndicatorCells:
    """Where the totals are, for the overview's formulas and the tests."""

    sheet: str
    first_row: int
    last_row: int
    denominator: str  # e.g. "P14"
    raw: str
    bonus: str
    total: str
    total_without_waivers: str


def counts_label(i: IndicatorResult) -> Text:
    """How the row takes part in the total, as the engine's scoring does."""
    if i.method == "bonus":
        return BONUS
    if i.method == "veto":
        return VETO
    return EXCLUDED if i.outcome in _EXCLUDED_OUTCOMES else COUNTED


def _row(ws: Worksheet, r: int, i: IndicatorResult, lang: Lang,
         scrub: Callable[[str], str]) -> None:
    # one id a line: an id never wraps in the middle
    values = (i.area, i.id, i.title(lang), "\n".join(i.requirements),
              method_label(i.method, lang))
    for col, value in enumerate(values, start=1):
        put(ws, r, col, value)
    for col, number in ((C_POINTS, i.points), (7, i.lost), (C_SCORE, i.score)):
        put(ws, r, col, points(number), number_format=POINTS_FORMAT)
    put(ws, r, 9, outcome_label(i.outcome, lang)).fill = OUTCOME_FILLS[i.outcome]
    put(ws, r, C_COUNTS, counts_label(i)(lang))
    put(ws, r, 11, scrub(i.measured(lang)) if i.measured else None)
    put(ws, r, 12, scrub(i.reason(lang)))
    put(ws, r, 13, i.evidence_count)
    put(ws, r, C_WAIVER, i.waived_by)
    put(ws, r, C_ADJUST, None, number_format=POINTS_FORMAT)
    plain = i.method in ("bonus", "veto")  # the engine applies no waiver to these
    formula(ws, r, C_ADJUSTED, f"=H{r}+O{r}" if plain else f'=IF(N{r}<>"",F{r},H{r})+O{r}')
    if i.outcome is Outcome.NOT_APPLICABLE or i.outcome is Outcome.NOT_REVIEWED:
        for col in range(1, C_ADJUSTED + 1):
            if col != 9:
                ws.cell(row=r, column=col).fill = OUTCOME_FILLS[Outcome.NOT_APPLICABLE]
                ws.cell(row=r, column=col).font = MUTED


def _total_row(ws: Worksheet, r: int, label: Text, lang: Lang, text: str | float,
               number_format: str = POINTS_FORMAT) -> str:
    put(ws, r, 3, label(lang), font=BOLD).alignment = NO_WRAP  # overflows into the empty cells
    if isinstance(text, str):
        formula(ws, r, C_ADJUSTED, text, number_format=number_format)
    else:
        put(ws, r, C_ADJUSTED, text, font=BOLD, number_format=POINTS_FORMAT)
    for col in range(3, C_ADJUSTED + 1):
        ws.cell(row=r, column=col).fill = TOTAL_FILL
    return f"P{r}"


def _adjustment_range(ws: Worksheet, first: int, last: int, lang: Lang) -> None:
    """人工调整 keeps the adjusted score within 0..the indicator's points."""
    from openpyxl.worksheet.datavalidation import DataValidation

    dv = DataValidation(type="decimal", operator="between", formula1=f"-H{first}",
                        formula2=f"F{first}-H{first}", allow_blank=True, showErrorMessage=True,
                        errorTitle=COLUMNS[C_ADJUST - 1][0](lang),
                        error=t("调整后得分须在 0 与该指标分值之间",
                                "the adjusted score must stay between 0 and the points")(lang))
    ws.add_data_validation(dv)
    dv.add(f"O{first}:O{max(last, first)}")


def write_indicators(ws: Worksheet, result: AuditResult, lang: Lang,
                     scrub: Callable[[str], str]) -> IndicatorCells:
    header_row(ws, 1, [label(lang) for label, _ in COLUMNS], [w for _, w in COLUMNS])
    first = 2
    for n, indicator in enumerate(result.indicators):
        _row(ws, first + n, indicator, lang, scrub)
    last = first + len(result.indicators) - 1
    table_frame(ws, 1, last, len(COLUMNS))
    _adjustment_range(ws, first, last, lang)
    rng = {c: f"${c}${first}:${c}${max(last, first)}" for c in "FHJOP"}
    counted, bonus_label = COUNTED(lang), BONUS(lang)
    r = last + 2
    den = _total_row(ws, r, L["den"], lang, f'=SUMIF({rng["J"]},"{counted}",{rng["F"]})')
    _total_row(ws, r + 1, L["excluded"], lang, f'=COUNTIF({rng["J"]},"{EXCLUDED(lang)}")', "0")
    raw = _total_row(ws, r + 2, L["raw"], lang, f'=SUMIF({rng["J"]},"{counted}",{rng["P"]})')
    bonus = _total_row(ws, r + 3, L["bonus"], lang,
                       f'=SUMIF({rng["J"]},"{bonus_label}",{rng["P"]})')
    maximum = _total_row(ws, r + 4, L["max"], lang, points(result.score.max))
    total = _total_row(ws, r + 5, L["total"], lang,
                       f"=IF({den}>0,ROUND({raw}/{den}*{maximum}+{bonus},2),ROUND({bonus},2))")
    plain = f'SUMPRODUCT(({rng["J"]}="{counted}")*({rng["H"]}+{rng["O"]}))'
    without = _total_row(ws, r + 6, L["without"], lang,
                         f"=IF({den}>0,ROUND({plain}/{den}*{maximum}+{bonus},2),ROUND({bonus},2))")
    for name, cell in (("CSC_CALC_DENOMINATOR", den), ("CSC_CALC_BONUS", bonus),
                       ("CSC_CALC_TOTAL", total), ("CSC_CALC_WITHOUT_WAIVERS", without)):
        define(ws, name, cell)
    page_setup(ws, lang, f"{result.center.get('name', '')} {result.period}")
    return IndicatorCells(ws.title, first, last, den, raw, bonus, total, without)
