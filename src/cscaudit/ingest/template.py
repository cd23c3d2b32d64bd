"""Blank input templates: one workbook per table that cscaudit reads back without issues.

The data sheet is named after the table (so discovery finds it) and has the first accepted
header of every field, drop-down lists for enums, bools and resident groups (lists kept on a
hidden `_lists` sheet, so long lists are not cut at Excel's 255-character limit), date formats,
text format for ID and phone columns (so Excel never turns them into floats), widths and a
frozen header row. A `填写说明` sheet explains each field and its accepted values.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cscaudit.errors import InputError
from cscaudit.i18n import t
from cscaudit.ingest.dictionary import FieldDictionary, FieldSpec, TableSpec
from cscaudit.ingest.parsers import content_tag_words

NOTES_SHEET = "填写说明"
LISTS_SHEET = "_lists"
ITEM_COLUMNS = 5  # question columns offered in a survey template
DATA_ROWS = 2000  # rows the drop-downs and formats cover
BOOL_LABELS = ("是", "否")
TYPE_LABELS = {
    "text": ("文本", "text"), "key": ("编号/名称（文本）", "id or name (text)"), "int": ("整数", "whole number"), "number": ("数字", "number"),
    "date": ("日期 2024-03-05", "date 2024-03-05"),
    "datetime": ("日期时间 2024-03-05 14:30", "date and time 2024-03-05 14:30"),
    "bool": ("是/否", "yes/no"), "enum": ("下拉选择", "one of a list"),
    "tags": ("可多选，用、分隔", "several, separated by 、"),
    "id_number": ("身份证号（文本）", "ID number (text)"), "phone": ("电话（文本）", "phone (text)"),
    "items": ("每题一列，五级满意度", "one column per question, five-level rating"),
}


def _choices(spec: FieldSpec, dictionary: FieldDictionary) -> tuple[str, ...]:
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


def build_template(table_name: str, dictionary: FieldDictionary) -> Any:
    """An openpyxl Workbook: the template of one table."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    if table_name not in dictionary.tables:
        raise InputError(t(f"未知的表 {table_name!r}，可用：{'、'.join(dictionary.tables)}",
                           f"unknown table {table_name!r}; known: {', '.join(dictionary.tables)}"))
    table = dictionary.table(table_name)
    wb = Workbook()
    sheet = wb.active
    assert sheet is not None
    sheet.title = sheet_title(table)
    lists = wb.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    bold, required_fill = Font(bold=True), PatternFill("solid", fgColor="FFF2CC")
    list_column = 0
    for col, (header, spec) in enumerate(_headers(table), start=1):
        letter = get_column_letter(col)
        cell = sheet.cell(row=1, column=col, value=header)
        cell.font = bold
        cell.alignment = Alignment(horizontal="center", vertical="center")
        if spec.required:
            cell.fill = required_fill
        sheet.column_dimensions[letter].width = max(12, min(40, 3 * len(header) + 4))
        area = f"{letter}2:{letter}{DATA_ROWS + 1}"
        fmt = {"date": "yyyy-mm-dd", "datetime": "yyyy-mm-dd hh:mm", "id_number": "@",
               "phone": "@", "text": "@", "key": "@"}.get(spec.type)
        if fmt:
            for row in range(2, DATA_ROWS + 2):
                sheet.cell(row=row, column=col).number_format = fmt
        choices = _choices(spec, dictionary)
        if choices:
            list_column += 1
            list_letter = get_column_letter(list_column)
            for n, label in enumerate(choices, start=1):
                lists.cell(row=n, column=list_column, value=label)
            several = spec.type == "tags"
            dv = DataValidation(type="list", allow_blank=True,
                                formula1=f"{LISTS_SHEET}!${list_letter}$1:${list_letter}${len(choices)}",
                                errorStyle="warning" if several else "stop",
                                showErrorMessage=not several)
            dv.add(area)
            sheet.add_data_validation(dv)
    sheet.freeze_panes = "A2"
    _notes(wb.create_sheet(NOTES_SHEET), table, dictionary)
    wb.move_sheet(NOTES_SHEET, offset=-1)
    wb.active = 0
    return wb


def _notes(ws: Any, table: TableSpec, dictionary: FieldDictionary) -> None:
    from openpyxl.styles import Alignment, Font

    ws.append([f"{table.title.zh}（{table.name}）填写说明 / how to fill in the {table.title.en} template"])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append(["字段 field", "表头 header", "含义 meaning", "类型 type", "必填 required",
               "也可用的表头 other accepted headers", "可填的值 accepted values"])
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for spec in table.fields.values():
        zh, en = TYPE_LABELS.get(spec.type, (spec.type, spec.type))
        values = "、".join(_choices(spec, dictionary))
        if spec.type == "tags" and spec.vocabulary == "content":
            values = _content_note()
        ws.append([spec.name, spec.headers[0] if spec.headers else spec.name,
                   f"{spec.title.zh} / {spec.title.en}", f"{zh} / {en}",
                   "是 yes" if spec.required else "", "、".join(spec.headers[1:] + spec.fallback_headers),
                   values])
    for letter, width in zip("ABCDEFG", (16, 14, 26, 26, 10, 36, 60), strict=True):
        ws.column_dimensions[letter].width = width
    for row in ws.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _content_note() -> str:
    """The accepted content tags with their synonyms, and how free text is read."""
    tags = "、".join(words[0] + (f"（{'/'.join(words[1:])}）" if len(words) > 1 else "")
                    for words in content_tag_words().values() if words)
    return (f"多选标签，用、分隔；括号内为同样接受的写法：{tags}。也可写自由文本，按标准的关键词和"
            "说法识别（cscaudit standard content）。 / several standard tags separated by 、 (other "
            "accepted words in brackets), or free text, read by the standard's keywords and "
            "phrasings (cscaudit standard content)")


def write_template(table_name: str, output: Path, dictionary: FieldDictionary) -> Path:
    """Write the template to `output` (through a temporary file, then renamed)."""
    from cscaudit.report.atomic import write_workbook_atomic

    workbook = build_template(table_name, dictionary)
    write_workbook_atomic(workbook, output)
    return output
