"""`audit --pdf`: the 总览, 整改清单 and 指标得分 as an A4 PDF an inspector prints and signs.

Drawn in Python with reportlab (`report.pdf_doc`), no LibreOffice or Office needed. The 总览
is one portrait page ending with the signature block; the two tables are landscape, their
headers repeated on every page. Labels and rows come from the same modules as the
workbook's, so the PDF and the scorecard say the same thing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import IO

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import KeepTogether, NextPageTemplate, PageBreak
from reportlab.platypus.flowables import Flowable

from cscaudit.i18n import Lang, t
from cscaudit.report.details import detail_count
from cscaudit.report.finding_order import by_points_lost, points_lost
from cscaudit.report.json_result import points
from cscaudit.report.labels import (
    cause_line,
    grade_with_veto,
    method_label,
    outcome_label,
)
from cscaudit.report.options import OutputOptions
from cscaudit.report.pdf_doc import LANDSCAPE, document, para, styles, table, usable_width
from cscaudit.report.problems import evidence_cell, problems, workers_cell
from cscaudit.report.sheet_indicators import COLUMNS as INDICATOR_COLUMNS
from cscaudit.report.sheet_overview import TOP_DEDUCTIONS
from cscaudit.report.sheet_overview import L as OVERVIEW
from cscaudit.report.sheet_rectification import COLUMNS as RECTIFICATION_COLUMNS
from cscaudit.report.sheet_rectification import STATUSES
from cscaudit.report.verdict import completeness_sentence, veto_sentence
from cscaudit.results.model import AuditResult

Scrub = Callable[[str], str]
Styles = dict[str, ParagraphStyle]
SECTIONS = {"rectification": t("整改清单", "Rectification"),
            "indicators": t("指标得分", "Indicators")}
BLANK = "__________________"


def _fmt(value: float) -> str:
    return f"{points(value):g}"


def _overview(result: AuditResult, lang: Lang, scrub: Scrub, st: Styles) -> list[Flowable]:
    c, s = result.center, result.score
    width = usable_width("portrait")
    place = " · ".join(scrub(v) for v in (c.get("district"), c.get("street")) if v)
    facts = [
        ("center", scrub(c.get("name", ""))), ("place", place or "—"),
        ("period", result.period),
        ("checklist", result.checklist + (f"（{result.profile}）" if result.profile else "")),
        ("total" if result.completeness.complete else "provisional",
         f"{_fmt(s.total)} / {_fmt(s.max)}"), ("grade", grade_with_veto(s, lang)),
        ("veto", veto_sentence(result, lang, scrub)),
        ("completeness", completeness_sentence(result, lang)),
        ("without", _fmt(s.total_without_waivers)),
        ("counts", OVERVIEW["counts_text"].format(
            findings=len(result.findings), rows=detail_count(result),
            issues=len(result.data_issues))(lang)),
    ]
    title = OVERVIEW["title"].format(name=scrub(c.get("name", "")), period=result.period)
    parts: list[Flowable] = [para(title(lang), st["title"])]
    if result.completeness.causes:  # the grade is withheld: say why first
        lines = [OVERVIEW["banner"](lang)]
        lines += [cause_line(cause, lang, scrub) for cause in result.completeness.causes]
        parts.append(para("\n".join(lines), st["alert"]))
    parts.append(table([], [[OVERVIEW[k](lang), v] for k, v in facts],
                       [width * 0.22, width * 0.78], st))
    parts.append(para(OVERVIEW["areas"](lang), st["section"]))
    parts.append(table(
        [OVERVIEW[k](lang) for k in ("area", "name", "points", "score", "rate")],
        [[a.area, a.title(lang), _fmt(a.points), _fmt(a.score),
          f"{a.score / a.points:.1%}" if a.points else ""]
         for a in s.areas if a.points or a.score],  # not the veto's pointless pseudo-area
        [width * w for w in (0.1, 0.45, 0.15, 0.15, 0.15)], st, numeric=(2, 3, 4)))
    first_problem: dict[str, str] = {}
    for f in by_points_lost(result):
        first_problem.setdefault(f.indicator, scrub(f.message(lang)))
    worst = sorted((i for i in result.indicators if i.lost > 0), key=lambda i: -i.lost)
    if worst:
        parts.append(para(OVERVIEW["top"](lang), st["section"]))
        parts.append(table(
            [OVERVIEW[k](lang) for k in ("indicator", "name", "lost", "problem")],
            [[i.id, i.title(lang), _fmt(i.lost), first_problem.get(i.id, scrub(i.reason(lang)))]
             for i in worst[:TOP_DEDUCTIONS]],
            [width * w for w in (0.08, 0.3, 0.08, 0.54)], st, numeric=(2,)))
    parts.append(KeepTogether(_signatures(lang, st, width)))
    return parts


def _signatures(lang: Lang, st: Styles, width: float) -> list[Flowable]:
    from reportlab.platypus import Spacer, Table, TableStyle

    label = {k: OVERVIEW[k](lang) for k in ("scorer", "reviewer", "leader", "date", "seal")}
    grid = Table([
        [para(label["scorer"], st["body"]), BLANK, para(label["reviewer"], st["body"]), BLANK,
         para(label["seal"], st["small"])],
        ["", "", "", "", ""],
        [para(label["leader"], st["body"]), BLANK, para(label["date"], st["body"]), BLANK, ""],
    ], colWidths=[width * w for w in (0.2, 0.22, 0.12, 0.22, 0.24)],
        rowHeights=[22, 12, 22])
    grid.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), st["body"].fontName, 9),
        ("BOX", (4, 0), (4, 2), 0.6, "#808080"), ("SPAN", (4, 0), (4, 2)),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("VALIGN", (4, 0), (4, 2), "TOP"),
    ]))
    return [Spacer(1, 14), grid]


def _rectification(result: AuditResult, lang: Lang, scrub: Scrub, st: Styles) -> list[Flowable]:
    width = usable_width(LANDSCAPE)
    keep = (0, 1, 2, 3, 4, 5, 7, 8, 9, 10)  # all but the workbook's link column
    shares = (0.035, 0.045, 0.2, 0.045, 0.16, 0.24, 0.08, 0.06, 0.065, 0.07)
    lost = points_lost(result)
    seen: set[str] = set()
    rows = []
    for n, p in enumerate(problems(result), start=1):
        f = p.first
        shown = _fmt(lost[f.indicator]) if f.indicator not in seen and f.indicator in lost else ""
        seen.add(f.indicator)
        rows.append([n, f.indicator, scrub(p.message(lang)), shown, scrub(p.advice(lang)),
                     para(evidence_cell(p, lang, scrub)[0], st["small"]),
                     workers_cell(p, lang, scrub) or "", "", "", STATUSES[0](lang)])
    header = [RECTIFICATION_COLUMNS[i][0](lang) for i in keep]
    return [para(SECTIONS["rectification"](lang), st["section"]),
            table(header, rows, [width * w for w in shares], st, numeric=(3,))]


def _indicators(result: AuditResult, lang: Lang, scrub: Scrub, st: Styles) -> list[Flowable]:
    width = usable_width(LANDSCAPE)
    keep = (0, 1, 2, 3, 4, 5, 6, 7, 8, 11)
    shares = (0.04, 0.045, 0.18, 0.1, 0.07, 0.05, 0.05, 0.05, 0.08, 0.335)
    rows = [[i.area, i.id, i.title(lang), para("\n".join(i.requirements), st["ids"]),
             method_label(i.method, lang), _fmt(i.points), _fmt(i.lost), _fmt(i.score),
             outcome_label(i.outcome, lang), scrub(i.reason(lang))] for i in result.indicators]
    header = [INDICATOR_COLUMNS[i][0](lang) for i in keep]
    return [para(SECTIONS["indicators"](lang), st["section"]),
            table(header, rows, [width * w for w in shares], st, numeric=(5, 6, 7))]


def write_pdf(result: AuditResult, out: IO[bytes], options: OutputOptions) -> None:
    """Write the PDF to `out`."""
    from cscaudit.masking import scrubber

    lang = options.lang
    scrub = scrubber(show_pii=options.show_pii)
    st = styles()
    name = scrub(result.center.get("name", ""))
    title = OVERVIEW["title"].format(name=name, period=result.period)(lang)
    doc, canvas = document(out, title, f"{name} {result.period}", lang)
    story: list[Flowable] = _overview(result, lang, scrub, st)
    story += [NextPageTemplate(LANDSCAPE), PageBreak()]
    story += _rectification(result, lang, scrub, st)
    story += [PageBreak()]
    story += _indicators(result, lang, scrub, st)
    doc.build(story, canvasmaker=canvas)

