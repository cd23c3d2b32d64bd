"""The 整改清单 as the center filled it, read back (`audit --rectification 整改清单.xlsx`)
and checked against this audit: a row claimed 已整改 whose indicator still has the problem
is 「整改不实」; a row past its 整改期限 and not done is 「逾期未整改」. A row naming an
indicator the checklist does not have, a problem no result names (edited), or a date that
cannot be read is reported with its row, never dropped.

Columns are found by their headers (`HEADERS`), so the older and newer 整改清单 layouts and
the English one are read alike; rows above the header are skipped, and so is the 合计扣分 row
under the table. A row the center added without an 指标 is reported as unknown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cscaudit.errors import InputError
from cscaudit.i18n import Text, t
from cscaudit.ingest.model import CellValue
from cscaudit.results.model import AuditResult

HEADERS = {
    "indicator": ("指标", "Indicator"), "problem": ("问题", "Problem"),
    "responsible": ("责任人", "Responsible"), "deadline": ("整改期限", "Deadline"),
    "status": ("完成情况", "Done", "Status"),
}
TOTAL_ROW = ("合计扣分", "Points lost in all")  # the SUM row under the 整改清单
DONE = ("已整改", "已完成", "完成", "done")
VERDICTS: dict[str, Text] = {
    "false_claim": t("整改不实", "claimed fixed, still failing"),
    "overdue": t("逾期未整改", "overdue, not fixed"),
    "confirmed": t("整改属实", "fix confirmed"),
    "open": t("整改中", "open"),
    "unknown": t("未知指标", "unknown indicator"),
    "edited": t("问题描述被改动", "problem text edited"),
    "unreadable": t("无法读取", "unreadable"),
}


@dataclass(frozen=True)
class RectificationRow:
    row: int
    indicator: str
    problem: str
    responsible: str
    deadline: dt.date | None
    status: str
    verdict: str  # a key of VERDICTS
    note: Text | None = None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(_text(value).replace("/", "-")) if _text(value) else None


def _header(rows: list[tuple[int, list[Any]]], path: Path) -> tuple[int, dict[str, int]]:
    for number, cells in rows[:20]:
        texts = [_text(c) for c in cells]
        where = {key: next(i for i, s in enumerate(texts) if s in names)
                 for key, names in HEADERS.items() if any(s in names for s in texts)}
        if {"indicator", "status"} <= set(where):
            return number, where
    raise InputError(t("找不到整改清单的表头（“指标”与“完成情况”）：请用评分表中的“整改清单”工作表填写",
                       "no header of the rectification list (指标 and 完成情况): fill in the "
                       "scorecard's 整改清单 sheet"), file=str(path))


def read_rectification(path: Path) -> list[tuple[int, dict[str, CellValue]]]:
    """(row number, raw cells by column key) of every filled row of the 整改清单 sheet."""
    from cscaudit.ingest.xlsx_rows import iter_sheet_rows, open_workbook

    book = open_workbook(path)
    names = [s for s in book.sheets if s in ("整改清单", "Rectification")] or list(book.sheets[:1])
    if not names:
        raise InputError(t("工作簿中没有工作表", "the workbook has no sheet"), file=str(path))
    _, first, iterator = iter_sheet_rows(book, names[0])
    rows = list(enumerate(iterator, start=first))
    header, where = _header(rows, path)
    filled = []
    for number, cells in rows:
        values = {key: cells[i] if i < len(cells) else None for key, i in where.items()}
        if number <= header or _text(values.get("problem")) in TOTAL_ROW:
            continue
        if _text(values.get("indicator")) or any(_text(v) for v in values.values()):
            filled.append((number, values))
    return filled


def check_rectification(rows: Iterable[tuple[int, dict[str, CellValue]]], result: AuditResult,
                        today: dt.date, known_problems: Iterable[str] = ()) -> tuple[RectificationRow, ...]:
    """Each filled row judged against `result` (problems: this audit's findings and the
    `known_problems` given: the earlier result's, the 整改清单's merged and masked texts)."""
    indicators = {i.id for i in result.indicators}
    failing = {f.indicator for f in result.findings}
    problems = {f.message.zh for f in result.findings} | {f.message.en for f in result.findings}
    problems |= set(known_problems)
    checked: list[RectificationRow] = []
    for number, cells in rows:
        indicator, problem = _text(cells.get("indicator")), _text(cells.get("problem"))
        status, responsible = _text(cells.get("status")), _text(cells.get("responsible"))
        try:
            deadline = _date(cells.get("deadline"))
        except ValueError:
            checked.append(RectificationRow(number, indicator, problem, responsible, None, status,
                                            "unreadable", t(f"整改期限“{_text(cells.get('deadline'))}”不是日期：请写成 2025-03-31",
                                                            "the deadline is not a date: write it as 2025-03-31")))
            continue
        done = any(word in status.casefold() for word in DONE)
        if not indicator:
            verdict, note = "unknown", t("没有填写指标", "no indicator given")
        elif indicator not in indicators:
            verdict, note = "unknown", t(f"清单中没有指标 {indicator}", f"the checklist has no indicator {indicator}")
        elif done and indicator in failing:
            verdict, note = "false_claim", t("本次审核该指标仍有问题", "this audit still finds the problem")
        elif not done and deadline is not None and deadline < today:
            verdict, note = "overdue", t(f"整改期限 {deadline.isoformat()} 已过", f"deadline {deadline.isoformat()} passed")
        else:
            verdict, note = ("confirmed" if done else "open"), None
        if verdict not in ("unknown",) and problem and "\n" not in problem and problem not in problems:
            note = t(f"问题描述与审核结果不一致（{VERDICTS[verdict].zh}）", f"problem text differs from the results ({VERDICTS[verdict].en})")
            verdict = "edited" if verdict in ("confirmed", "open") else verdict
        checked.append(RectificationRow(number, indicator, problem, responsible, deadline, status,
                                        verdict, note))
    return tuple(checked)
