"""The problems of the 整改清单 and the PDF: one per finding, the variants of one topic of
one indicator (D3's missing content tags: findings sharing a `topic`) merged, in the order
of points lost, with their first evidence rows and the workers they name."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from cscaudit.i18n import Lang, t
from cscaudit.report.finding_order import by_points_lost
from cscaudit.results.model import SEVERITY_ORDER, AuditResult, Evidence, Finding, Severity

Scrub = Callable[[str], str]

SHOWN = 3  # evidence rows shown in the cell; the rest are in the 问题明细
ROW = t("第{row}行", "row {row}")
REST = t("共 {n} 行，其余 {rest} 行见问题明细", "{n} rows in all: {rest} more in the defect list")
SEE_ALL = t("共 {n} 行，见问题明细", "{n} rows: see the defect list")
NO_ADVICE = t("按指标要求整改", "rectify as the indicator requires")
MORE_WORKERS = t("等 {total} 人", " and {extra} more")
WORKERS_SHOWN = 3


@dataclass(frozen=True)
class Problem:
    """One row: a finding, or the variants of one topic of one indicator."""

    findings: tuple[Finding, ...]

    @property
    def first(self) -> Finding:
        return self.findings[0]

    def message(self, lang: Lang) -> str:
        f = self.first
        if len(self.findings) == 1 or f.topic is None:
            return f.message(lang)
        items = "、".join(v.variant(lang) for v in self.findings if v.variant is not None)
        return f"{f.topic(lang)}：{items}" if lang == "zh" else f"{f.topic(lang)}: {items}"

    @property
    def rows(self) -> int:
        return sum(max(f.evidence_total, len(f.evidence)) for f in self.findings)

    def evidence(self) -> list[tuple[Finding, Evidence]]:
        return [(f, e) for f in self.findings for e in f.evidence]

    @property
    def severity(self) -> Severity:
        return max((f.severity for f in self.findings), key=SEVERITY_ORDER.__getitem__)

    def advice(self, lang: Lang) -> str:
        return (self.first.rectification or NO_ADVICE)(lang)


def problems(result: AuditResult) -> list[Problem]:
    """Findings by points lost, those sharing an indicator and a topic merged in one row."""
    groups: dict[tuple[str, str] | int, list[Finding]] = {}
    for n, f in enumerate(by_points_lost(result)):
        key: tuple[str, str] | int = (f.indicator, f.topic.zh) if f.topic else n
        groups.setdefault(key, []).append(f)
    return [Problem(tuple(fs)) for fs in groups.values()]


def evidence_lines(shown: list[Evidence], lang: Lang, scrub: Scrub) -> list[str]:
    """Rows of one file and sheet on one line: `exports/走访.xlsx › 走访记录：第12行 (H-0012)、
    第15行 (H-0015)`."""
    places: dict[tuple[str, str | None], list[str]] = {}
    for e in shown:
        where = [ROW.format(row=e.row)(lang)] if e.row is not None else []
        if e.key:
            where.append(f"({scrub(e.key)})")
        places.setdefault((e.file, e.sheet), []).append(" ".join(where))
    lines = []
    for (file, sheet), rows in places.items():
        place = " › ".join(scrub(p) for p in (file, sheet) if p)
        listed = ("、" if lang == "zh" else "; ").join(r for r in rows if r)
        lines.append(f"{place}{'：' if lang == 'zh' else ': '}{listed}" if listed else place)
    return lines


def evidence_cell(p: Problem, lang: Lang, scrub: Scrub) -> tuple[str, bool]:
    """The first rows and a count naming where the rest are; True when the count points to
    the 问题明细."""
    shown = [e for _, e in p.evidence()[:SHOWN]]
    lines = evidence_lines(shown, lang, scrub)
    if p.rows > len(shown):
        lines.append(REST.format(n=p.rows, rest=p.rows - len(shown))(lang))
        return "\n".join(lines), True
    if p.rows > 1:
        lines.append(SEE_ALL.format(n=p.rows)(lang))
    return "\n".join(lines), p.rows > 1


def workers_cell(p: Problem, lang: Lang, scrub: Scrub) -> str | None:
    """The workers named most often by the rows, then how many more."""
    counts = Counter(e.worker or f.worker for f, e in p.evidence() if e.worker or f.worker)
    for f in p.findings:
        if f.worker and not f.evidence:
            counts[f.worker] += 1
    if not counts:
        return None
    names = [scrub(str(w)) for w, _ in counts.most_common(WORKERS_SHOWN)]
    text = "、".join(names) if lang == "zh" else ", ".join(names)
    if len(counts) == len(names):
        return text
    return text + MORE_WORKERS.format(total=len(counts), extra=len(counts) - len(names))(lang)
