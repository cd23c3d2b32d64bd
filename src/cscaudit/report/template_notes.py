"""The `填写说明` sheet of an input template: each field, its type and accepted values, the
multi-select columns, and the visit content tags the reader recognises (the standard's labels
and keywords plus the field dictionary's, as `parsers.content_labels` merges them)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cscaudit.ingest.dictionary import FieldDictionary, TableSpec
from cscaudit.ingest.parsers import content_labels, content_tag_words

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

TYPE_LABELS = {
    "text": ("文本", "text"), "key": ("编号/名称（文本）", "id or name (text)"),
    "int": ("整数", "whole number"), "number": ("数字", "number"),
    "date": ("日期 2024-03-05", "date 2024-03-05"),
    "datetime": ("日期时间 2024-03-05 14:30", "date and time 2024-03-05 14:30"),
    "bool": ("是/否", "yes/no"), "enum": ("下拉选择", "one of a list"),
    "tags": ("可多选：从下拉中选一个，或填写多个并用、分隔",
             "several: pick one from the list, or type several separated by 、"),
    "id_number": ("身份证号（文本）", "ID number (text)"), "phone": ("电话（文本）", "phone (text)"),
    "items": ("每题一列，五级满意度", "one column per question, five-level rating"),
}
WIDTHS = (22, 14, 26, 26, 10, 36, 60)


def write_notes(ws: Worksheet, table: TableSpec, dictionary: FieldDictionary) -> None:
    """Fill `ws` with the notes of `table`."""
    from openpyxl.styles import Alignment, Font

    from cscaudit.ingest.row_checks import EXAMPLE_MARK
    from cscaudit.report.template import choices
    from cscaudit.report.xlsx_style import page_setup

    ws.append([f"{table.title.zh}（{table.name}）填写说明 / how to fill in the {table.title.en} template"])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([f"第 2 行是示例（首格以「{EXAMPLE_MARK}」开头），导入时不读取，可保留或删除 / "
               "row 2 is an example, skipped on import"])
    ws.append(["字段 field", "表头 header", "含义 meaning", "类型 type", "必填 required",
               "也可用的表头 other accepted headers", "可填的值 accepted values"])
    for cell in ws[3]:
        cell.font = Font(bold=True)
    has_content = False
    for spec in table.fields.values():
        zh, en = TYPE_LABELS.get(spec.type, (spec.type, spec.type))
        values = "、".join(choices(spec, dictionary))
        if spec.type == "tags" and spec.vocabulary == "content":
            has_content = True
            values = _content_note()
        ws.append([spec.name, spec.headers[0] if spec.headers else spec.name,
                   f"{spec.title.zh} / {spec.title.en}", f"{zh} / {en}",
                   "是 yes" if spec.required else "", "、".join(spec.headers[1:] + spec.fallback_headers),
                   values])
    if has_content:
        ws.append([])
        ws.append(["走访内容标签 content tag", "标签 label", "也认作此标签的词 keywords"])
        for cell in ws[ws.max_row]:
            cell.font = Font(bold=True)
        for code, words in content_labels(dictionary).items():
            ws.append([code, words[0] if words else code, "、".join(words[1:])])
    for letter, width in zip("ABCDEFG", WIDTHS, strict=True):
        ws.column_dimensions[letter].width = width
    for row in ws.iter_rows(min_row=4):
        lines = 1
        for cell, width in zip(row, WIDTHS, strict=False):
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            text = str(cell.value or "")
            lines = max(lines, -(-sum(2 if ord(ch) > 0x2E7F else 1 for ch in text) // int(width)))
        number = row[0].row
        if number is not None:
            ws.row_dimensions[number].height = 14 * lines
    page_setup(ws, "zh", ws.title)


def _content_note() -> str:
    """The accepted content tags with their synonyms, and how free text is read."""
    tags = "、".join(words[0] + (f"（{'/'.join(words[1:])}）" if len(words) > 1 else "")
                    for words in content_tag_words().values() if words)
    return (f"多选标签，用、分隔；括号内为同样接受的写法：{tags}。也可写自由文本，按标准的关键词和"
            "说法识别（见下方走访内容标签表）。 / several standard tags separated by 、 (other "
            "accepted words in brackets), or free text, read by the standard's keywords and "
            "phrasings (table below)")
