"""The household-link table on the 数据质量 sheet: per table, how many rows found their roster
household by id, by normalised address, by 户主 name + ID-number check digits, or not at all.

It sits below the data issues (one blank row between), so the issue table keeps its filter
and frozen header. Spelling examples are scrubbed like every input-derived string.
"""

from __future__ import annotations

from collections.abc import Callable

from openpyxl.worksheet.worksheet import Worksheet

from cscaudit.i18n import Lang, Text, t
from cscaudit.report.xlsx_style import BOLD, HEADER_FILL, put
from cscaudit.results.model import TableLinks

TITLE = t("住户关联情况（走访等记录如何对应联户名册中的住户）",
          "Household links (how rows found their household on the roster)")
COLUMNS: tuple[Text, ...] = (
    t("数据表", "Table"), t("记录数", "Rows"), t("按户号", "By id"), t("按门牌地址", "By address"),
    t("按户主+身份证", "By name + ID"), t("未关联", "Unlinked"), t("关联率", "Link rate"),
    t("写法示例", "Spellings seen"),
)


def _row(links: TableLinks, scrub: Callable[[str], str]) -> tuple[object, ...]:
    return (links.table, links.rows, links.by_id, links.by_address, links.by_person,
            links.unlinked, links.rate, scrub("；".join(links.spellings)))


def write_links(ws: Worksheet, links: tuple[TableLinks, ...], lang: Lang,
                scrub: Callable[[str], str], *, first_row: int) -> int:
    """Write the link table from `first_row`; the last row written (first_row - 1 if none)."""
    if not links:
        return first_row - 1
    put(ws, first_row, 1, TITLE(lang), font=BOLD)
    for col, label in enumerate(COLUMNS, start=1):
        put(ws, first_row + 1, col, label(lang), font=BOLD).fill = HEADER_FILL
    row = first_row + 1
    for entry in links:
        row += 1
        for col, value in enumerate(_row(entry, scrub), start=1):
            put(ws, row, col, value, number_format="0.0%" if col == 7 else None)
    return row
