"""The 问题汇总 sheet: every finding of every center, filterable by area, requirement, street."""

from __future__ import annotations

from collections.abc import Callable

from openpyxl.worksheet.worksheet import Worksheet

from cscaudit.engine.district.assessment import Assessment
from cscaudit.i18n import Lang, t
from cscaudit.report.district.sheet_kit import SEVERITY_FILLS, table, title
from cscaudit.report.labels import SEVERITY_LABELS
from cscaudit.results.model import Finding

HEADERS = (t("街道", "Street"), t("中心编号", "Center id"), t("中心名称", "Center"),
           t("领域", "Area"), t("指标", "Indicator"), t("要求编号", "Requirements"),
           t("严重程度", "Severity"), t("问题", "Problem"), t("社工", "Worker"),
           t("涉及行数", "Rows"), t("依据（前几行）", "Evidence (first rows)"))
WIDTHS = (14, 16, 20, 7, 9, 22, 10, 60, 10, 9, 40)


def evidence_text(f: Finding, scrub: Callable[[str], str]) -> str:
    parts = []
    for e in f.evidence:
        where = e.file + (f"[{e.sheet}]" if e.sheet else "") + (f":{e.row}" if e.row else "")
        parts.append(where + (f" {scrub(e.key)}" if e.key else ""))
    return "; ".join(parts)


def write_findings(ws: Worksheet, assessment: Assessment, lang: Lang,
                   scrub: Callable[[str], str]) -> None:
    rows = [[a.street, a.center_id, a.result.center.get("name", ""), f.area, f.indicator,
             ", ".join(f.requirements), SEVERITY_LABELS[f.severity](lang),
             scrub(f.message(lang)), scrub(f.worker) if f.worker else None, f.evidence_total or len(f.evidence),
             evidence_text(f, scrub)]
            for a in assessment.audits for f in a.result.findings]
    note = t("用筛选按钮按领域、要求编号、街道筛选；依据列只列前几行，涉及行数为全部。",
             "Use the filter buttons to select by area, requirement or street; the evidence "
             "column lists the first rows, Rows counts them all.")
    top = title(ws, t("问题汇总", "Findings")(lang), [note(lang)])
    table(ws, top, [h(lang) for h in HEADERS], rows, WIDTHS, lang=lang)
    severities = [f.severity for a in assessment.audits for f in a.result.findings]
    for offset, severity in enumerate(severities, start=top + 1):
        ws.cell(row=offset, column=7).fill = SEVERITY_FILLS[severity]
