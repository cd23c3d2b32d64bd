"""The 整改清单核查 sheet (`audit --rectification`): each filled row of the center's 整改清单
with its verdict (整改不实, 逾期未整改, unknown indicator, edited, unreadable, ...)."""

from __future__ import annotations

from collections.abc import Callable

from openpyxl.worksheet.worksheet import Worksheet

from cscaudit.i18n import Lang, Text, t
from cscaudit.report.xlsx_style import TITLE, header_row, page_setup, put, table_frame
from cscaudit.scoring.follow_up import FollowUp
from cscaudit.scoring.rectification_check import VERDICTS

SHEET = t("整改清单核查", "Rectification check")
COLUMNS: tuple[tuple[Text, float], ...] = (
    (t("行", "Row"), 5), (t("指标", "Indicator"), 7), (t("问题", "Problem"), 40),
    (t("责任人", "Responsible"), 9), (t("整改期限", "Deadline"), 11),
    (t("完成情况", "Status"), 9), (t("核查结论", "Verdict"), 12), (t("说明", "Note"), 34),
)
FLAG_FILL = "FFC7CE"


def write_rectification_check(ws: Worksheet, follow_up: FollowUp, lang: Lang,
                              scrub: Callable[[str], str]) -> None:
    from openpyxl.styles import PatternFill

    rows = follow_up.rectification or ()
    ws.cell(row=1, column=1, value=t(f"整改清单核查：{scrub(follow_up.rectification_file or '')}",
                                     f"Rectification list checked: "
                                     f"{scrub(follow_up.rectification_file or '')}")(lang)).font = TITLE
    header_row(ws, 2, [label(lang) for label, _ in COLUMNS], [w for _, w in COLUMNS])
    for n, row in enumerate(rows, start=3):
        values = (row.row, row.indicator, scrub(row.problem), scrub(row.responsible),
                  row.deadline, scrub(row.status), VERDICTS[row.verdict](lang),
                  None if row.note is None else scrub(row.note(lang)))
        for col, value in enumerate(values, start=1):
            put(ws, n, col, value, number_format="yyyy-mm-dd" if col == 5 else None)
        if row.verdict not in ("confirmed", "open"):
            ws.cell(row=n, column=7).fill = PatternFill("solid", fgColor=FLAG_FILL)
    table_frame(ws, 2, len(rows) + 2, len(COLUMNS))
    page_setup(ws, lang, SHEET(lang))
