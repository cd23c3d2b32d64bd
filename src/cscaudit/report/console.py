"""The terminal summary of one audit: score, grade, areas, the worst findings, written files.

`render_summary` returns the text (colours only when asked), so tests and other callers can
use it; `print_summary` is the CLI's one call, colouring only on a terminal. Every
input-derived string is scrubbed of ID and phone numbers unless `show_pii`, and its terminal
control characters are shown escaped (`cscaudit.terminal`).
"""

from __future__ import annotations

import io
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cscaudit.i18n import Lang, t
from cscaudit.masking import scrubber
from cscaudit.report.details import detail_count
from cscaudit.report.finding_order import by_points_lost
from cscaudit.report.json_result import points
from cscaudit.report.labels import (
    cause_line,
    grade_label,
    grade_with_veto,
    severity_label,
    veto_line,
)
from cscaudit.report.options import OutputOptions
from cscaudit.results.model import AuditResult, Severity, VetoState
from cscaudit.terminal import escape_controls

WORST_FINDINGS = 8
SEVERITY_STYLE = {Severity.CRITICAL: "bold red", Severity.MAJOR: "red",
                  Severity.MINOR: "yellow", Severity.INFO: "dim"}

L = {
    "period": t("考核期", "period"),
    "checklist": t("考核清单", "checklist"),
    "profile": t("地方配置", "profile"),
    "total": t("总分", "total"),
    "grade": t("等级", "grade"),
    "without": t("不计豁免", "without waivers"),
    "bonus": t("含加分", "incl. bonus"),
    "denominator": t("计分满分（不含不适用项）", "points counted (N/A excluded)"),
    "veto": t("一票否决", "veto"),
    "veto_open": t("补正后仍按一票否决定级", "the veto still sets the grade once the inputs are complete"),
    "provisional": t("（暂定）", " (provisional)"),
    "incomplete": t("输入不完整，无法评定等级（待补正），总分仅供参考：",
                    "inputs incomplete: no grade until they are completed; the total is "
                    "provisional:"),
    "note": t("说明", "note"),
    "area": t("分项", "area"),
    "score": t("得分", "score"),
    "worst": t("主要问题", "worst findings"),
    "severity": t("严重度", "severity"),
    "indicator": t("指标", "indicator"),
    "problem": t("问题", "problem"),
    "lost": t("扣分", "lost"),
    "rows": t("行数", "rows"),
    "more": t("另有 {n} 项问题，见评分表整改清单；逐条记录见问题明细",
              "{n} more findings: see the scorecard's rectification list; every row is in "
              "its defect list"),
    "no_findings": t("未发现问题", "no findings"),
    "details": t("问题记录共 {rows} 行，逐条见评分表“问题明细”（或 --details 导出的 CSV）",
                 "{rows} defective rows in all: each is in the scorecard's defect list (or the "
                 "--details CSV)"),
    "issues": t("数据质量问题：{n} 条（错误 {e}，警告 {w}）",
                "data issues: {n} ({e} errors, {w} warnings)"),
    "written": t("已写出", "written"),
    "warning": t("提示", "warning"),
}


def _fmt(value: float) -> str:
    return f"{points(value):g}"


def _header(result: AuditResult, lang: Lang, scrub: Any) -> Any:
    from rich.text import Text as RichText

    c, s = result.center, result.score
    head = RichText()
    head.append(scrub(c.get("name", c.get("id", ""))), style="bold")
    place = " · ".join(scrub(v) for v in (c.get("district"), c.get("street")) if v)
    head.append(f"  {place}\n" if place else "\n")
    head.append(f"{L['period'](lang)} {result.period}  {L['checklist'](lang)} {result.checklist}")
    if result.profile:
        head.append(f"  {L['profile'](lang)} {result.profile}")
    head.append(f"\n{L['total'](lang)} ")
    head.append(f"{_fmt(s.total)} / {_fmt(s.max)}", style="bold")
    complete = result.completeness.complete
    if not complete:
        head.append(L["provisional"](lang))
    head.append(f"  {L['grade'](lang)} ")
    head.append(grade_with_veto(s, lang), style="bold red" if s.veto_state is not VetoState.NONE
                else "bold green")
    if s.bonus:
        head.append(f"  ({L['bonus'](lang)} {_fmt(s.bonus)})")
    if (points(s.total_without_waivers) != points(s.total)
            or s.grade_without_waivers != s.grade):
        head.append(f"\n{L['without'](lang)}: {_fmt(s.total_without_waivers)} / {_fmt(s.max)}"
                    f"  {grade_label(s.grade_without_waivers, lang)}")
    head.append(f"\n{L['denominator'](lang)}: {_fmt(s.denominator)}")
    veto = veto_line(s, lang, scrub)
    if veto is not None:
        head.append(f"\n{L['veto'](lang)}: {veto}",
                    style="bold red" if s.veto_state is not VetoState.NONE else "green")
    if s.veto and not complete:
        head.append(f"\n{L['veto_open'](lang)}", style="bold red")
    return head


def _completeness(result: AuditResult, lang: Lang, scrub: Any) -> list[Any]:
    """Every cause that withholds the grade (file: what; what to do), then the notes; each a
    list item whose wrapped lines stay indented."""
    from rich.table import Table

    c = result.completeness
    parts: list[Any] = []
    items = [(cause_line(cause, lang, scrub), "bold red") for cause in c.causes]
    items += [(f"{L['note'](lang)}: {scrub(n(lang))}", "") for n in c.notes]
    if c.causes:
        parts.append(L["incomplete"](lang))
    if items:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1, overflow="fold")
        for text, style in items:
            grid.add_row(" -", text, style=style)
        parts.append(grid)
    return parts


def _areas(result: AuditResult, lang: Lang, width: int) -> Any:
    from rich import box
    from rich.table import Table

    bar_width = max(10, min(30, width - 50))
    table = Table(box=box.SIMPLE_HEAD, expand=False, pad_edge=False)
    table.add_column(L["area"](lang))
    table.add_column(L["score"](lang), justify="right")
    table.add_column("", no_wrap=True)
    for a in result.score.areas:
        if a.points == 0 and a.score == 0:
            continue  # the veto pseudo-area carries no points; the header reports a veto
        share = a.score / a.points if a.points else 0.0
        filled = round(share * bar_width)
        table.add_row(escape_controls(f"{a.area} {a.title(lang)}"), f"{_fmt(a.score)}/{_fmt(a.points)}",
                      "█" * filled + "░" * (bar_width - filled))
    return table


def _findings(result: AuditResult, lang: Lang, scrub: Any) -> Any:
    from rich import box
    from rich.table import Table

    lost = {i.id: i.lost for i in result.indicators}
    table = Table(title=L["worst"](lang), box=box.SIMPLE_HEAD, title_justify="left",
                  pad_edge=False)
    table.add_column(L["severity"](lang), no_wrap=True)
    table.add_column(L["indicator"](lang), no_wrap=True)
    table.add_column(L["problem"](lang), ratio=1)
    table.add_column(L["lost"](lang), justify="right", no_wrap=True)
    table.add_column(L["rows"](lang), justify="right", no_wrap=True)
    for f in by_points_lost(result)[:WORST_FINDINGS]:
        table.add_row(severity_label(f.severity, lang), scrub(f.indicator), scrub(f.message(lang)),
                      _fmt(lost.get(f.indicator, 0.0)),
                      str(max(f.evidence_total, len(f.evidence))),
                      style=SEVERITY_STYLE[f.severity])
    return table


def _renderables(result: AuditResult, lang: Lang, written: Sequence[Path], width: int, *,
                 show_pii: bool) -> list[Any]:
    masked = scrubber(show_pii=show_pii)

    def scrub(value: str) -> str:  # every input-derived string: masked, controls escaped
        return escape_controls(masked(value))

    parts: list[Any] = [_header(result, lang, scrub), *_completeness(result, lang, scrub),
                        _areas(result, lang, width)]
    if result.findings:
        parts.append(_findings(result, lang, scrub))
        if len(result.findings) > WORST_FINDINGS:
            parts.append(L["more"].format(n=len(result.findings) - WORST_FINDINGS)(lang))
        parts.append(L["details"].format(rows=detail_count(result))(lang))
    else:
        parts.append(L["no_findings"](lang))
    errors = sum(1 for d in result.data_issues if d.severity == "error")
    parts.append(L["issues"].format(n=len(result.data_issues), e=errors,
                                    w=len(result.data_issues) - errors)(lang))
    parts.extend(f"{L['warning'](lang)}: {scrub(w(lang))}" for w in result.warnings)
    parts.extend(f"{L['written'](lang)}: {escape_controls(str(path))}" for path in written)
    return parts


def render_summary(result: AuditResult, options: OutputOptions, written: Sequence[Path] = (),
                   width: int = 80, *, color: bool = False) -> str:
    """The summary as text `width` columns wide; ANSI colours only when `color`."""
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=color, no_color=not color,
                      color_system="standard" if color else None, highlight=False,
                      emoji=False, markup=False)
    for part in _renderables(result, options.lang, written, width, show_pii=options.show_pii):
        console.print(part)
    text = buffer.getvalue()
    if color:
        return text
    return "\n".join(line.rstrip() for line in text.split("\n"))


def print_summary(result: AuditResult, options: OutputOptions, written: Sequence[Path] = (),
                  *, quiet: bool = False) -> None:
    """Print the summary to stdout (the CLI's call); nothing with `quiet`."""
    if quiet:
        return
    from rich.console import Console

    console = Console(highlight=False, emoji=False, markup=False)
    color = console.is_terminal
    text = render_summary(result, options, written, min(console.width, 120), color=color)
    sys.stdout.write(text)
    sys.stdout.flush()
