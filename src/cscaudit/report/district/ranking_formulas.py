"""The 排名 sheet's arithmetic as Excel formulas, so a street office can adjust and re-rank.

The audit's figures stay values: each part of the composite (街道考核部分, 同级互评部分,
居民满意部分) and the veto state. What a street office may change is an input cell, filled
`EDITABLE_FILL` and bounded by data validation: a row's 街道考核调整 (points added to or
taken from its street part, which stays within 0..100), the weights, the grade bands and
the cap on the top grade, all in a labelled 计算参数 block under the table. The composite,
grade and rank of every ranked center are formulas over those cells, following
`cscaudit.scoring.district.composite` and `cscaudit.scoring.district.ranking`:

- composite: the weighted mean of the parts that have a value (a missing part's weight is
  shared out by dividing by the weights present), rounded to 2 decimals;
- grade: an applied veto gives the lowest band whatever the score; otherwise the first band
  whose minimum the composite reaches, the top band only for the first centers in rank order
  within the cap; a pending veto adds its mark;
- rank: vetoed centers after the others; then higher composite, resident part, adjusted
  street part, center id.

With no edit the formulas give the Python ranking (the rows are written in that order).
Python breaks a tie on a missing resident part as if it were below 0; the formula reads an
empty cell as 0.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from openpyxl.styles import Border, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from cscaudit.i18n import Lang, Text, t
from cscaudit.report import xlsx_style as style
from cscaudit.report.labels import VETO_PENDING
from cscaudit.results.model import Score, VetoState
from cscaudit.scoring.district.settings import PART_NAMES, PARTS, AssessSettings

EDITABLE_FILL = PatternFill("solid", fgColor="FFF2CC")  # light yellow: a cell to edit
# the ranking table's columns (1-based)
C_RANK, C_ID, C_COMPOSITE, C_STREET, C_ADJUST, C_PEER, C_RESIDENT, C_VETO, C_GRADE = (
    1, 3, 5, 6, 7, 8, 9, 10, 11)
C_LAST_RANK, C_LAST_COMPOSITE, C_DELTA, C_PLACES = 13, 14, 15, 16
PART_COLUMNS = {"street": C_STREET, "peer": C_PEER, "resident": C_RESIDENT}
ADJUST_HEADER = t("街道考核调整", "Street adjustment")
SIGNED_FORMAT = "+0.00;-0.00;0.00"
VETO_APPLIED = t("已否决", "applied")
VETO_PENDING_STATE = t("待核实", "pending")
L = {"params": t("计算参数（黄色单元格可修改；综合得分、等级、排名按公式随之重算）",
                 "Parameters (yellow cells may be edited; composite, grade and rank are "
                 "formulas and follow)"),
     "param": t("参数", "Parameter"), "item": t("项目", "Item"), "value": t("取值", "Value"),
     "weights": t("综合权重", "Weights"), "bands": t("等级分数线", "Grades from"),
     "cap": t("优秀比例上限", "Cap on the top grade"), "share": t("占参评中心比例", "share of rated centers"),
     "allowed": t("本次至多（个）", "at most (centers)"),
     "adjust_error": t("调整后的街道考核部分须在 0 与 100 之间",
                       "the adjusted street part must stay between 0 and 100"),
     "share_error": t("须在 0 与 1 之间", "must be between 0 and 1"),
     "min_error": t("须不小于 0", "must be 0 or more")}
FORMULA_NOTES = (
    t("综合得分、等级、排名为公式，随黄色单元格重算：“街道考核调整”（对街道考核部分加减分，调整后仍在 0–100 之间），"
      "以及表下的权重与等级分数线。",
      "Composite, grade and rank are formulas over the yellow cells: a street adjustment "
      "(points added to or taken from the street part, kept within 0–100) and the weights "
      "and grade bands under the table."),
    t("行序、备注和其他工作表为审核时的结果（同运行结果 JSON）。",
      "Row order, notes and the other sheets are the audit's, as in the run JSON."))


def veto_state_text(score: Score, lang: Lang) -> str:
    """The 一票否决 column: applied, pending, or empty."""
    if score.veto_state is VetoState.APPLIED:
        return VETO_APPLIED(lang)
    if score.veto_state is VetoState.PENDING:
        return VETO_PENDING_STATE(lang)
    return ""


@dataclass(frozen=True)
class ParameterCells:
    """Where the parameters are: absolute references such as `$D$20`."""

    weights: Mapping[str, str]  # part -> weight cell
    bands: tuple[tuple[str, str], ...]  # (name cell, minimum cell), highest band first
    allowed: str | None  # the number of centers that may get the top grade; None: no cap


@dataclass(frozen=True)
class RankedRows:
    """The ranked rows of the table, `first..last`."""

    first: int
    last: int

    def column(self, col: int) -> str:
        letter = get_column_letter(col)
        return f"${letter}${self.first}:${letter}${self.last}"


def _ref(row: int, col: int) -> str:
    return f"${get_column_letter(col)}${row}"


def _editable(ws: Worksheet, row: int, col: int, value: object, number_format: str | None,
              validation: DataValidation | None = None) -> None:
    cell = style.put(ws, row, col, value, number_format=number_format)
    cell.fill = EDITABLE_FILL
    if validation is not None:
        validation.add(cell.coordinate)


def _validation(ws: Worksheet, low: str, high: str | None, title: Text, error: Text,
                lang: Lang) -> DataValidation:
    dv = DataValidation(type="decimal",
                        operator="between" if high is not None else "greaterThanOrEqual",
                        formula1=low, formula2=high,
                        allow_blank=True, showErrorMessage=True, errorTitle=title(lang),
                        error=error(lang))
    ws.add_data_validation(dv)
    return dv


def write_parameters(ws: Worksheet, settings: AssessSettings, ranked: RankedRows | None,
                     lang: Lang, *, top: int) -> ParameterCells:
    """The 计算参数 block from row `top`: weights, bands, the cap; returns where they are."""
    put = style.put
    put(ws, top, 1, L["params"](lang), font=style.BOLD).alignment = style.NO_WRAP
    ws.cell(row=top, column=1).border = Border()
    for col, key in ((2, "param"), (3, "item"), (4, "value")):
        put(ws, top + 1, col, L[key](lang), font=style.BOLD).fill = style.HEADER_FILL
    share = _validation(ws, "0", "1", L["weights"], L["share_error"], lang)
    minimum = _validation(ws, "0", None, L["bands"], L["min_error"], lang)
    r = top + 2
    weights: dict[str, str] = {}
    for n, part in enumerate(PARTS):
        put(ws, r, 2, L["weights"](lang) if n == 0 else None, font=style.BOLD)
        put(ws, r, 3, PART_NAMES[part](lang))
        _editable(ws, r, 4, settings.weights.of(part), style.PERCENT_FORMAT, share)
        weights[part] = _ref(r, 4)
        r += 1
    bands: list[tuple[str, str]] = []
    for n, grade in enumerate(settings.grades):
        put(ws, r, 2, L["bands"](lang) if n == 0 else None, font=style.BOLD)
        put(ws, r, 3, settings.label(grade.name, lang))
        _editable(ws, r, 4, grade.min, style.POINTS_FORMAT, minimum)
        bands.append((_ref(r, 3), _ref(r, 4)))
        r += 1
    allowed = None
    if settings.excellent_cap is not None:
        put(ws, r, 2, L["cap"](lang), font=style.BOLD)
        put(ws, r, 3, L["share"](lang))
        _editable(ws, r, 4, settings.excellent_cap, style.PERCENT_FORMAT, share)
        put(ws, r + 1, 2, None)
        put(ws, r + 1, 3, L["allowed"](lang))
        rows = f"ROWS({ranked.column(C_RANK)})" if ranked else "0"
        style.formula(ws, r + 1, 4, f"=INT({_ref(r, 4)}*{rows}+1E-9)", font=style.FONT,
                      number_format="0")
        allowed = _ref(r + 1, 4)
    return ParameterCells(weights=weights, bands=tuple(bands), allowed=allowed)


def _cell(col: int, row: int) -> str:
    return f"${get_column_letter(col)}{row}"


def composite_formula(row: int, params: ParameterCells) -> str:
    """The weighted mean of the parts present, the street part with its adjustment."""
    street = f"({_cell(C_STREET, row)}+{_cell(C_ADJUST, row)})"
    values = {"street": street, "peer": _cell(C_PEER, row), "resident": _cell(C_RESIDENT, row)}
    weighted = "+".join(f"{params.weights[p]}*{values[p]}" for p in PARTS)
    present = "+".join(f'{params.weights[p]}*({_cell(PART_COLUMNS[p], row)}<>"")' for p in PARTS)
    return f"=IF(({present})>0,ROUND(({weighted})/({present}),2),0)"


def _bands(value: str, bands: tuple[tuple[str, str], ...]) -> str:
    text = bands[-1][0]
    for name, minimum in reversed(bands[:-1]):
        text = f"IF({value}>={minimum},{name},{text})"
    return text


def grade_formula(row: int, params: ParameterCells, ranked: RankedRows, lang: Lang) -> str:
    """The grade from the bands; the lowest under an applied veto; the cap on the top grade;
    the pending-veto mark."""
    composite, veto = _cell(C_COMPOSITE, row), _cell(C_VETO, row)
    applied = VETO_APPLIED(lang)
    banded = _bands(composite, params.bands)
    if params.allowed is not None:
        top_min = params.bands[0][1]
        second = params.bands[1][0] if len(params.bands) > 1 else params.bands[0][0]
        ahead = (f"SUMPRODUCT(({ranked.column(C_RANK)}<{_cell(C_RANK, row)})*"
                 f"({ranked.column(C_COMPOSITE)}>={top_min})*"
                 f'({ranked.column(C_VETO)}<>"{applied}"))')
        banded = f"IF(AND({composite}>={top_min},{ahead}>={params.allowed}),{second},{banded})"
    mark = VETO_PENDING(lang).replace('"', '""')
    pending = f'IF({veto}="{VETO_PENDING_STATE(lang)}","{mark}","")'
    return f'=IF({veto}="{applied}",{params.bands[-1][0]},{banded}&{pending})'


def rank_formula(row: int, ranked: RankedRows, lang: Lang) -> str:
    """1 + the centers ahead: all unvetoed ones when this one is vetoed, then those of the same
    veto state with a higher composite, resident part, adjusted street part, or lower id."""
    applied = VETO_APPLIED(lang)

    def col(c: int) -> str:
        return ranked.column(c)

    vetoed_all, vetoed = f'({col(C_VETO)}="{applied}")', f'({_cell(C_VETO, row)}="{applied}")'
    street_all = f"({col(C_STREET)}+{col(C_ADJUST)})"
    street = f"({_cell(C_STREET, row)}+{_cell(C_ADJUST, row)})"
    comp, res, cid = (_cell(c, row) for c in (C_COMPOSITE, C_RESIDENT, C_ID))
    ahead = (f"({col(C_COMPOSITE)}>{comp})+({col(C_COMPOSITE)}={comp})*(({col(C_RESIDENT)}>{res})"
             f"+({col(C_RESIDENT)}={res})*(({street_all}>{street})+({street_all}={street})"
             f"*({col(C_ID)}<{cid})))")
    return (f"=1+SUMPRODUCT(--({vetoed_all}<{vetoed}))"
            f"+SUMPRODUCT(({vetoed_all}={vetoed})*({ahead}))")


def delta_formula(row: int) -> str:
    last, comp = _cell(C_LAST_COMPOSITE, row), _cell(C_COMPOSITE, row)
    return f'=IF({last}="","",ROUND({comp}-{last},2))'


def places_formula(row: int) -> str:
    last, rank = _cell(C_LAST_RANK, row), _cell(C_RANK, row)
    return f'=IF({last}="","",{last}-{rank})'


def adjustment_validation(ws: Worksheet, ranked: RankedRows, lang: Lang) -> None:
    """街道考核调整: yellow, and bounded so the adjusted street part stays within 0..100
    (or at most the audited part when bonus points put it above 100)."""
    street = f"{get_column_letter(C_STREET)}{ranked.first}"
    dv = _validation(ws, f"-{street}", f"MAX(100,{street})-{street}", ADJUST_HEADER,
                     L["adjust_error"], lang)
    letter = get_column_letter(C_ADJUST)
    dv.add(f"{letter}{ranked.first}:{letter}{ranked.last}")  # relative to the first row
    for r in range(ranked.first, ranked.last + 1):
        _editable(ws, r, C_ADJUST, None, SIGNED_FORMAT)


def write_row_formulas(ws: Worksheet, ranked: RankedRows, params: ParameterCells, lang: Lang,
                       *, with_previous: bool) -> None:
    """The rank, composite and grade (and the year-on-year change) of every ranked row."""
    for r in range(ranked.first, ranked.last + 1):
        style.formula(ws, r, C_RANK, rank_formula(r, ranked, lang), font=style.FONT, number_format="0")
        style.formula(ws, r, C_COMPOSITE, composite_formula(r, params), font=style.FONT, number_format="0.00")
        style.formula(ws, r, C_GRADE, grade_formula(r, params, ranked, lang), font=style.FONT,
                      number_format="General")
        if with_previous:
            style.formula(ws, r, C_DELTA, delta_formula(r), font=style.FONT, number_format=SIGNED_FORMAT)
            style.formula(ws, r, C_PLACES, places_formula(r), font=style.FONT, number_format="+0;-0;0")
    adjustment_validation(ws, ranked, lang)
