"""The 疑点核实 sheet: every 疑点 of the veto items (一票否决) with the rows behind it, one row
of the ledger a line, and empty columns where the inspector records what verification found
(核实结果, a drop-down) and who verified it. A veto that is pending becomes a veto applied
once a 疑点 is confirmed: the sheet is what the inspector signs to get there."""

from __future__ import annotations

from collections.abc import Callable

from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from cscaudit.i18n import Lang, Text, t
from cscaudit.report.labels import VETO_LABELS, veto_line
from cscaudit.report.xlsx_style import BOLD, NO_WRAP, header_row, page_setup, put, table_frame
from cscaudit.results.model import AuditResult, Evidence, Finding, Severity, VetoState

COLUMNS: tuple[tuple[Text, float], ...] = (
    (t("疑点序号", "Suspicion"), 7), (t("指标", "Indicator"), 7), (t("疑点", "Suspicion"), 40),
    (t("文件", "File"), 22), (t("工作表", "Sheet"), 12), (t("行", "Row"), 6),
    (t("记录", "Record"), 22), (t("社工", "Worker"), 9),
    (t("核实结果", "Verification result"), 12), (t("核实人", "Verified by"), 10),
    (t("核实说明", "Verification note"), 24),
)
VERDICTS = t("属实,不属实,无法核实", "confirmed,not confirmed,could not verify")
MORE_ROWS = t("另有 {n} 行未列出（共 {total} 行），见整改清单与 JSON 结果",
              "{n} more rows not listed ({total} in all): see the rectification list and the JSON")
HEADER_ROW = 1
RESULT_COLUMN = "I"


def suspicions(result: AuditResult) -> list[Finding]:
    """The 疑点: the critical findings of the veto items whose veto is pending or applied."""
    raised = {i.id for i in result.indicators
              if i.method == "veto" and i.veto_state is not VetoState.NONE}
    return [f for f in result.findings if f.indicator in raised and f.severity is Severity.CRITICAL]


def _lines(n: int, f: Finding, lang: Lang,
           scrub: Callable[[str], str]) -> list[tuple[object, ...]]:
    message = scrub(f.message(lang))
    worker = scrub(f.worker) if f.worker else None
    rows: list[Evidence | None] = list(f.evidence) or [None]
    lines: list[tuple[object, ...]] = [
        (n, f.indicator, message, scrub(e.file) if e else None,
         scrub(e.sheet) if e and e.sheet else None, e.row if e else None,
         scrub(e.key) if e and e.key else None, worker, None, None, None)
        for e in rows]
    total = max(f.evidence_total, len(f.evidence))
    if total > len(f.evidence):
        more = MORE_ROWS.format(n=total - len(f.evidence), total=total)(lang)
        lines.append((n, f.indicator, message, more, None, None, None, worker, None, None, None))
    return lines


def write_suspicions(ws: Worksheet, result: AuditResult, lang: Lang,
                     scrub: Callable[[str], str]) -> None:
    header_row(ws, HEADER_ROW, [label(lang) for label, _ in COLUMNS], [w for _, w in COLUMNS])
    r = HEADER_ROW
    for n, finding in enumerate(suspicions(result), start=1):
        for line in _lines(n, finding, lang, scrub):
            r += 1
            for col, value in enumerate(line, start=1):
                put(ws, r, col, value)
    if r > HEADER_ROW:
        choice = DataValidation(type="list", formula1=f'"{VERDICTS(lang)}"', allow_blank=True)
        ws.add_data_validation(choice)
        choice.add(f"{RESULT_COLUMN}{HEADER_ROW + 1}:{RESULT_COLUMN}{r}")
    table_frame(ws, HEADER_ROW, r, len(COLUMNS))
    state = veto_line(result.score, lang, scrub) or VETO_LABELS[result.score.veto_state](lang)
    put(ws, r + 2, 1, t("一票否决：", "Veto: ")(lang) + state, font=BOLD).alignment = NO_WRAP
    page_setup(ws, lang, scrub(result.center.get("name", "")))
