"""The 整改清单 sheet: one row per finding, with the rows that prove it and blank columns
for the person responsible, the deadline and the follow-up."""

from __future__ import annotations

from collections.abc import Callable

from openpyxl.worksheet.worksheet import Worksheet

from cscaudit.audit.model import AuditResult, Evidence, Finding
from cscaudit.i18n import Lang, Text, t
from cscaudit.report.labels import severity_label
from cscaudit.report.xlsx_style import (
    SEVERITY_FILLS,
    header_row,
    page_setup,
    put,
    table_frame,
)

COLUMNS: tuple[tuple[Text, float], ...] = (
    (t("序号", "No."), 5), (t("严重度", "Severity"), 7), (t("指标", "Indicator"), 7),
    (t("要求编号", "Requirement ids"), 14), (t("问题", "Problem"), 34),
    (t("证据（文件 / 工作表 / 行）", "Evidence (file / sheet / row)"), 40),
    (t("证据行数", "Evidence rows"), 9), (t("整改建议", "Suggested rectification"), 30),
    (t("社工", "Worker"), 8), (t("责任人", "Responsible"), 10),
    (t("整改期限", "Deadline"), 10), (t("完成情况", "Done"), 10),
)
ROW = t("第{row}行", "row {row}")
TOTAL = t("共{n}行", "{n} rows in all")
NO_ADVICE = t("按指标要求整改", "rectify as the indicator requires")


def evidence_line(e: Evidence, lang: Lang, scrub: Callable[[str], str]) -> str:
    """`exports/走访.xlsx › 走访记录 › 第12行 (H-0012)`."""
    parts = [scrub(e.file)]
    if e.sheet:
        parts.append(scrub(e.sheet))
    if e.row is not None:
        parts.append(ROW.format(row=e.row)(lang))
    line = " › ".join(parts)
    return f"{line} ({scrub(e.key)})" if e.key else line


def evidence_cell(f: Finding, lang: Lang, scrub: Callable[[str], str]) -> str:
    """The first evidence rows, one a line, and `共N行` when there are more than shown."""
    lines = [evidence_line(e, lang, scrub) for e in f.evidence]
    total = max(f.evidence_total, len(f.evidence))
    if total > len(f.evidence):
        lines.append(TOTAL.format(n=total)(lang))
    return "\n".join(lines)


def write_rectification(ws: Worksheet, result: AuditResult, lang: Lang,
                        scrub: Callable[[str], str]) -> None:
    header_row(ws, 1, [label(lang) for label, _ in COLUMNS], [w for _, w in COLUMNS])
    for n, f in enumerate(result.findings, start=1):
        r = n + 1
        advice = f.rectification or NO_ADVICE
        values: tuple[object, ...] = (
            n, severity_label(f.severity, lang), f.indicator,
            ("、" if lang == "zh" else ", ").join(f.requirements), scrub(f.message(lang)),
            evidence_cell(f, lang, scrub), max(f.evidence_total, len(f.evidence)),
            scrub(advice(lang)), scrub(f.worker) if f.worker else None, None, None, None)
        for col, value in enumerate(values, start=1):
            put(ws, r, col, value)
        ws.cell(row=r, column=2).fill = SEVERITY_FILLS[f.severity]
    table_frame(ws, 1, len(result.findings) + 1, len(COLUMNS))
    page_setup(ws, lang, scrub(result.center.get("name", "")))
