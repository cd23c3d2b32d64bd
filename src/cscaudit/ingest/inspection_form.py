"""The on-site form (`cscaudit template findings`) read back as inspection findings.

The form is one sheet, `FORM_SHEET`: a header row with `FORM_HEADERS` (located by its first
two headers, so rows may be inserted above it) and one row per on-site indicator. A row's
结果 is one of `RESULT_LABELS` (or the code itself); a row left blank is not reviewed. The
entries have the shape `inspection.load_inspection_findings` returns for a YAML file, so the
`inspection_item` kind and the integrity veto read them alike. Any cell that cannot be read
is an error naming the file, row, column and what to write instead.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from cscaudit.config.yamlio.model import YamlDict
from cscaudit.errors import ConfigError, InputError
from cscaudit.i18n import t

FORM_SHEET = "现场核查表"
# (header, what the column holds); the writer and the reader share them
FORM_HEADERS = ("编号", "区域", "核查项目", "核查要点", "分值", "结果", "说明", "核查人", "日期")
RESULT_LABELS = {"符合": "pass", "部分符合": "partial", "不符合": "fail", "不适用": "not_applicable"}
HEADER_SEARCH_ROWS = 20


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip() if value not in (None, "") else ""


def _date(value: Any, path: Path, row: int, col: int) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = _text(value)
    try:
        return dt.date.fromisoformat(text.replace("/", "-")).isoformat() if text else ""
    except ValueError:
        raise ConfigError(t(f"日期“{text}”无法识别：请写成 2025-01-08", f"date {text!r} not understood: "
                            "write it as 2025-01-08"), file=str(path), line=row,
                          column=col + 1) from None


def _header_row(rows: list[tuple[int, list[Any]]], path: Path) -> tuple[int, dict[str, int]]:
    for number, cells in rows[:HEADER_SEARCH_ROWS]:
        texts = [_text(c) for c in cells]
        if FORM_HEADERS[0] in texts and "结果" in texts:
            return number, {name: texts.index(name) for name in FORM_HEADERS if name in texts}
    raise InputError(t(f"找不到现场核查表的表头（“{FORM_HEADERS[0]}”与“结果”）：请用 cscaudit template "
                       "findings 生成的表填写", "no header row of the on-site form (编号 and 结果): fill "
                       "in the form `cscaudit template findings` writes"), file=str(path))


def _check_heading(rows: list[tuple[int, list[Any]]], header: int, path: Path,
                   center_id: str | None, period_start: dt.date | None) -> None:
    """The form's 中心编号 and 检查日期 (above the table) refused as a YAML findings file's
    `center` and `inspected_on` are: another center's form, or one dated before the period."""
    from cscaudit.ingest.inspection import before_period, other_center

    for number, cells in rows:
        if number >= header:
            return
        texts = [_text(c) for c in cells]
        for label, index in ((x, i) for i, x in enumerate(texts) if x in ("中心编号", "检查日期")):
            value = cells[index + 1] if index + 1 < len(cells) else None
            if not _text(value):
                continue
            refusal = (other_center(_text(value), center_id) if label == "中心编号" and center_id
                       else before_period(_date(value, path, number, index + 1), period_start)
                       if label == "检查日期" and period_start else None)
            if refusal is not None:
                raise ConfigError(refusal, file=str(path), line=number, column=index + 2)


def read_findings_form(path: Path, center_id: str | None = None,
                       period_start: dt.date | None = None) -> dict[str, YamlDict]:
    """Per indicator id, the entry of a filled on-site form (rows without a 结果 left out);
    with `center_id` / `period_start`, another center's form or one dated before the period
    is a `ConfigError` at its heading cell."""
    from cscaudit.ingest.xlsx_rows import iter_sheet_rows, open_workbook

    book = open_workbook(path)
    sheet = FORM_SHEET if FORM_SHEET in book.sheets else (book.sheets[0] if book.sheets else None)
    if sheet is None:
        raise InputError(t("工作簿中没有工作表", "the workbook has no sheet"), file=str(path))
    _, first, iterator = iter_sheet_rows(book, sheet)
    rows = list(enumerate(iterator, start=first))
    header, where = _header_row(rows, path)
    _check_heading(rows, header, path, center_id, period_start)
    for name in ("编号", "结果"):
        if name not in where:
            raise InputError(t(f"现场核查表缺少“{name}”列", f"the on-site form has no {name} column"),
                             file=str(path), line=header)
    entries: dict[str, dict[str, Any]] = {}
    for number, cells in rows:
        if number <= header:
            continue

        def cell(name: str, cells: list[Any] = cells) -> Any:
            index = where.get(name)
            return cells[index] if index is not None and index < len(cells) else None

        indicator, label = _text(cell("编号")), _text(cell("结果"))
        if not label:
            continue
        result = RESULT_LABELS.get(label, label if label in RESULT_LABELS.values() else None)
        if result is None:
            column = where["结果"]
            raise ConfigError(t(
                f"{_letter(column)} 列：结果“{label}”无法识别：请从下拉中选 {'、'.join(RESULT_LABELS)}",
                f"column {_letter(column)}: result {label!r} not understood: pick one of "
                f"{', '.join(RESULT_LABELS)}"), file=str(path), line=number, column=column + 1)
        if not indicator:
            column = where["编号"]
            raise ConfigError(t(f"{_letter(column)} 列：有结果但没有指标编号：请保留编号列",
                                f"column {_letter(column)}: a result without an indicator id: keep "
                                "the 编号 column"), file=str(path), line=number, column=column + 1)
        if indicator in entries:
            raise ConfigError(t(f"指标 {indicator} 的检查结果重复出现；每个指标只能记录一次",
                                f"indicator {indicator} has two results; record each indicator once"),
                              file=str(path), line=number, column=where["编号"] + 1)
        note = _text(cell("说明"))
        who = _text(cell("核查人"))
        when = _date(cell("日期"), path, number, where.get("日期", 0))
        signed = "，".join(part for part in (who, when) if part)
        entries[indicator] = {
            "result": result,
            "note": f"{note}（{signed}）" if note and signed else (note or None),
            "evidence": (f"{FORM_SHEET} 第 {number} 行（{signed}）",) if signed else (),
            "file": path.name,
        }
    return entries
