"""Input templates: one workbook per table that prints as a paper form and reads back clean.

The data sheet is named after the table (so discovery finds it) and has the first accepted
header of every field, drop-down lists for enums, bools and resident groups (lists kept on a
hidden `_lists` sheet, so long lists are not cut at Excel's 255-character limit), date
validation and formats, text format for ID and phone columns (so Excel never turns them into
floats), widths and a frozen header row. Row 2 is an example (its first cell starts with
`row_checks.EXAMPLE_MARK`, so the readers skip it). It prints on A4 landscape, one page wide,
with borders on `PRINTED_ROWS` rows to fill in by hand and the header repeated on every page.
A `填写说明` sheet explains each field, the multi-select columns and the accepted content tags.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from cscaudit.errors import InputError
from cscaudit.i18n import t
from cscaudit.ingest.dictionary import FieldDictionary, FieldSpec, TableSpec
from cscaudit.ingest.parsers import content_tag_words
from cscaudit.report.template_example import example_row

if TYPE_CHECKING:
    from openpyxl import Workbook

NOTES_SHEET = "填写说明"
LISTS_SHEET = "_lists"
ITEM_COLUMNS = 5  # question columns offered in a survey template
DATA_ROWS = 2000  # rows the drop-downs and formats cover
PRINTED_ROWS = 22  # bordered rows below the example: one printed page to fill in by hand
BOOL_LABELS = ("是", "否")
NUMBER_FORMATS = {"date": "yyyy-mm-dd", "datetime": "yyyy-mm-dd hh:mm", "id_number": "@",
                  "phone": "@", "text": "@", "key": "@"}
# Excel's own bounds of a date serial: "between" them means "any date"
DATE_BOUNDS = ("DATE(1900,1,1)", "DATE(9999,12,31)")
EXAMPLE_FILL = "EDEDED"
REQUIRED_FILL = "FFF2CC"


def choices(spec: FieldSpec, dictionary: FieldDictionary) -> tuple[str, ...]:
    """The labels a drop-down offers for the field (empty: free entry)."""
    if spec.type == "bool":
        return BOOL_LABELS
    if spec.type == "tags" and spec.vocabulary == "content":  # the standard's tags, by label
        return tuple(words[0] for words in content_tag_words().values() if words)
    if spec.type in ("enum", "items") or (spec.type == "tags" and spec.vocabulary != "content"):
        return tuple(labels[0] for labels in dictionary.labels_for(spec).values() if labels)
    return ()


def _headers(table: TableSpec) -> list[tuple[str, FieldSpec]]:
    columns: list[tuple[str, FieldSpec]] = []
    for spec in table.fields.values():
        if spec.type == "items":
            prefix = spec.header_prefixes[0] if spec.header_prefixes else "题目"
            columns.extend((f"{prefix}{n}", spec) for n in range(1, ITEM_COLUMNS + 1))
        else:
            columns.append((spec.headers[0] if spec.headers else spec.name, spec))
    return columns


def sheet_title(table: TableSpec) -> str:
    """The table's Chinese title as a valid sheet name (no []:*?/\\, at most 31 characters)."""
    title = "".join(ch for ch in table.title.zh if ch not in '[]:*?/\\')[:31]
    return title or table.name


def resolve_table(name: str, dictionary: FieldDictionary) -> str:
    """The table `name` stands for: its code (`visits`) or one of its names (`走访记录`)."""
    if name in dictionary.tables:
        return name
    found = dictionary.table_for_name(name)
    if found is None:
        raise InputError(t(f"未知的表 {name!r}，可用：{'、'.join(_known(dictionary))}",
                           f"unknown table {name!r}; known: {', '.join(dictionary.tables)}"))
    return found


def _known(dictionary: FieldDictionary) -> list[str]:
    return [f"{spec.title.zh}（{code}）" for code, spec in dictionary.tables.items()]


def _validation(spec: FieldSpec, dictionary: FieldDictionary, lists: Any,
                list_column: int) -> Any | None:
    """The data validation of one column, or None; a list is written to `lists`."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    if spec.type in ("date", "datetime"):
        return DataValidation(
            type="date", operator="between", formula1=DATE_BOUNDS[0], formula2=DATE_BOUNDS[1],
            allow_blank=True, showErrorMessage=True, errorTitle="日期 / date",
            error="请填写日期，如 2024-03-05 / enter a date such as 2024-03-05")
    labels = choices(spec, dictionary)
    if not labels:
        return None
    letter = get_column_letter(list_column)
    for n, label in enumerate(labels, start=1):
        lists.cell(row=n, column=list_column, value=label)
    several = spec.type == "tags"
    dv = DataValidation(type="list", allow_blank=True,
                        formula1=f"{LISTS_SHEET}!${letter}$1:${letter}${len(labels)}",
                        errorStyle="warning" if several else "stop",
                        showErrorMessage=not several)
    if several:
        dv.showInputMessage = True
        dv.promptTitle = "可多选 / several"
        dv.prompt = "可填多个，用、分隔 / several values, separated by 、"
    return dv


def build_template(table_name: str, dictionary: FieldDictionary) -> Workbook:
    """An openpyxl Workbook: the template of one table (`table_name` a code or a name)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from cscaudit.report.template_notes import write_notes
    from cscaudit.report.xlsx_style import BORDER, page_setup

    table = dictionary.table(resolve_table(table_name, dictionary))
    wb = Workbook()
    sheet = wb.active
    assert sheet is not None
    sheet.title = sheet_title(table)
    lists = wb.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    bold = Font(bold=True)
    headers = _headers(table)
    example = example_row([spec for _, spec in headers], dictionary)
    last_printed = PRINTED_ROWS + 2
    list_column = 0
    for col, (header, spec) in enumerate(headers, start=1):
        letter = get_column_letter(col)
        cell = sheet.cell(row=1, column=col, value=header)
        cell.font = bold
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        if spec.required:
            cell.fill = PatternFill("solid", fgColor=REQUIRED_FILL)
        sheet.column_dimensions[letter].width = max(12, min(40, 3 * len(header) + 4))
        fmt = NUMBER_FORMATS.get(spec.type)
        for row in range(2, DATA_ROWS + 2):
            target = sheet.cell(row=row, column=col)
            if fmt:
                target.number_format = fmt
            if row <= last_printed:
                target.border = BORDER
        sample = sheet.cell(row=2, column=col, value=example[col - 1])
        sample.fill = PatternFill("solid", fgColor=EXAMPLE_FILL)
        sample.font = Font(italic=True, color="595959")
        cell.border = BORDER
        dv = _validation(spec, dictionary, lists, list_column + 1)
        if dv is not None:
            list_column += dv.type == "list"
            dv.add(f"{letter}2:{letter}{DATA_ROWS + 1}")
            sheet.add_data_validation(dv)
    for row in range(3, last_printed + 1):
        sheet.row_dimensions[row].height = 24  # room for handwriting
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.print_area = f"A1:{get_column_letter(len(headers))}{last_printed}"
    page_setup(sheet, "zh", f"{table.title.zh}（第 2 行为示例，导入时不读取）")
    write_notes(wb.create_sheet(NOTES_SHEET), table, dictionary)
    wb.move_sheet(NOTES_SHEET, offset=-1)
    wb.active = 0
    return wb


def write_template(table_name: str, output: Path, dictionary: FieldDictionary) -> Path:
    """Write the template to `output` (through a temporary file, then renamed)."""
    from cscaudit.report.atomic import write_workbook_atomic

    workbook = build_template(table_name, dictionary)
    write_workbook_atomic(workbook, output)
    return output
