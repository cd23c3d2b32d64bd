"""Rows that are not records (blank, 合计, a repeated header, a footnote, a template's
example row) and the issue sink.

These checks run for rows that already had a problem, and for a clean row only when its
first filled cell starts like a total word (`may_be_total`, a two-character test), so a
clean row costs almost nothing here.
The sink turns cell problems into `DataIssue`s with masked raw values, keeps the first
`ISSUE_CAP` of each kind per column and counts the rest (reported in one summary issue).
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Any

from cscaudit.i18n import t
from cscaudit.ingest.headers import cell_text, normalize_header
from cscaudit.ingest.model import CellValue, DataIssue
from cscaudit.ingest.pii import mask
from cscaudit.ingest.problems import Problem

if TYPE_CHECKING:
    from cscaudit.ingest.columns import ColumnInfo
    from cscaudit.ingest.row_plan import CellProblem, RowPlan

ISSUE_CAP = 100
TOTAL_WORDS = ("合计", "总计", "小计", "共计", "total", "sum")
# the first cell of a template's example row starts with it (`report.template_example`)
EXAMPLE_MARK = "【示例】"
RAW_MAX = 200




def _heads(words: tuple[str, ...]) -> frozenset[str]:
    """The first two characters of each total word as it may be written: a Chinese word
    also with a space after its first character (合 计), a Latin one also full-width (ｔｏ)."""
    heads: set[str] = set()
    for word in words:
        heads.add(word[:2])
        if word.isascii():
            heads.add("".join(chr(ord(c) + 0xFEE0) for c in word[:2]))
        else:
            heads.update({word[0] + " ", word[0] + "\u3000"})
    return frozenset(heads)


TOTAL_HEADS = _heads(TOTAL_WORDS) | {EXAMPLE_MARK[:2]}
# a lone cell that reads like a note, a footer or a repeated title rather than a value
_NOTE_MARKS = ("：", ":", "。", "注", "说明", "备注", "制表", "填表", "审核", "负责人", "打印",
               "导出", "数据来源", "单位")
_NOTE_MIN_CJK = 6


# first characters a row's first cell can have and still be (or precede) a total word; a
# row whose first cell starts otherwise is not checked further (the reader tests this inline)
TOTAL_LEADS = frozenset({"", " ", "\u3000", "\t"} | {w[0] for w in TOTAL_HEADS}
                        | {w[0].upper() for w in TOTAL_HEADS})


def may_be_total(cells: list[CellValue]) -> bool:
    """Whether the first filled cell of a clean row could begin a total word (合计, 总计,
    Total …) or the example mark; only then is the row checked in full."""
    for cell in cells[:3]:
        if type(cell) is not str:
            if cell is None:
                continue
            return False  # a number or a date first: a record
        head = cell.lstrip()[:2]
        if head:
            return head in TOTAL_HEADS or head.lower() in TOTAL_HEADS
    return False


def _reads_like_note(text: str) -> bool:
    if any(mark in text for mark in _NOTE_MARKS):
        return True
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff") >= _NOTE_MIN_CJK


def _texts(cells: list[Any]) -> list[str]:
    return [s for s in (cell_text(c) for c in cells) if s]


def skip_reason(values: dict[str, CellValue], problems: list[CellProblem], plan: RowPlan,
                header: list[str], cells: list[CellValue] | None = None) -> str | None:
    """Why a row with problems is not a record, or None when it is one."""
    texts = _texts(cells if cells is not None else [])
    if not texts:
        return "blank"
    if [normalize_header(s) for s in texts] == [normalize_header(h) for h in header if h]:
        return "repeated_header"
    if texts[0].startswith(EXAMPLE_MARK):
        return "example"
    for text in texts[:3]:
        folded = unicodedata.normalize("NFKC", text).replace(" ", "").casefold()
        if folded.startswith(TOTAL_WORDS):
            return "total"
    if len(texts) == 1 and len(plan.columns) > 2:
        # one filled cell: a note when no required value is there, or when the one cell
        # (in a required column) reads like a note: 制表人：…, 「XX社区2024年走访记录」
        missing_all = all(values.get(name) in (None, ()) for name, _ in plan.required)
        missing_any = any(values.get(name) in (None, ()) for name, _ in plan.required)
        if missing_all or (missing_any and _reads_like_note(texts[0])):
            return "note"
    return None


class IssueSink:
    """Collects the issues of one table read."""

    def __init__(self, issues: list[DataIssue], counts: dict[str, int], *, file: str,
                 sheet: str | None, table: str) -> None:
        self.issues, self.counts = issues, counts
        self.file, self.sheet, self.table = file, sheet, table
        self._per_group: dict[tuple[str, str | None], int] = {}

    def add(self, problem: Problem, *, row: int | None = None, col: ColumnInfo | None = None,
            field: str | None = None, raw: CellValue = None, pii: str | None = None) -> None:
        """One issue: `problem` at `row` (None: the whole file) in `col` (None: no one
        column) of `field`, about the cell `raw` (masked as `pii` says)."""
        if self._listed(problem, col.letter if col else None):
            text = cell_text(raw)[:RAW_MAX] if raw is not None else None
            self.issues.append(DataIssue(
                file=self.file, sheet=self.sheet, row=row, column=col.letter if col else None,
                header=col.header if col else None, field=field, raw=mask(text, pii),
                message=problem.message, code=problem.code, severity=problem.severity,
                table=self.table))

    def beyond_header(self, problem: Problem, *, row: int, letter: str) -> None:
        """One issue about cells of a row that no header column covers (`ingest.ragged`):
        no header, no field, no value shown."""
        if self._listed(problem, letter):
            self.issues.append(DataIssue(
                file=self.file, sheet=self.sheet, row=row, column=letter, header=None,
                field=None, raw=None, message=problem.message, code=problem.code,
                severity=problem.severity, table=self.table))

    def _listed(self, problem: Problem, letter: str | None) -> bool:
        """Count one issue; whether it is within the cap of its kind and column."""
        self.counts[problem.code] = self.counts.get(problem.code, 0) + 1
        key = (problem.code, letter)
        seen = self._per_group.get(key, 0) + 1
        self._per_group[key] = seen
        return seen <= ISSUE_CAP

    def row(self, number: int, plan: RowPlan, problems: list[CellProblem]) -> None:
        for index, name, raw, problem in problems:
            col = plan.columns[index]
            self.add(problem, row=number, col=col, field=name, raw=raw, pii=plan.pii.get(name))

    def note(self, number: int, plan: RowPlan, problems: list[CellProblem]) -> None:
        self.add(Problem("note-row", t(
            "表格中的说明文字行（只有一个单元格有内容），未作为记录读取",
            "a note row (only one cell filled), not read as a record"), "warning"), row=number)

    def finish(self) -> None:
        """One summary issue per kind and column whose issues were not all listed."""
        for (code, letter), seen in sorted(self._per_group.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
            if seen > ISSUE_CAP:
                more = seen - ISSUE_CAP
                self.issues.append(DataIssue(
                    file=self.file, sheet=self.sheet, row=None, column=letter, header=None,
                    field=None, raw=None, code=code, severity="warning", table=self.table,
                    message=t(f"同类问题（{code}）另有 {more} 处未逐条列出",
                              f"{more} more issues of this kind ({code}) not listed one by one")))
