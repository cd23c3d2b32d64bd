"""The order every reporter lists findings in: by the points their indicator lost, then by
severity (the 整改清单, the 问题明细, the console's 主要问题 and the 总览's top deductions)."""

from __future__ import annotations

from cscaudit.results.model import SEVERITY_ORDER, AuditResult, Finding


def points_lost(result: AuditResult) -> dict[str, float]:
    """Points each indicator lost (the finding's 扣分 is its indicator's)."""
    return {i.id: i.lost for i in result.indicators}


def by_points_lost(result: AuditResult) -> list[Finding]:
    """Findings by points lost, then severity; one indicator's findings stay together."""
    lost = points_lost(result)
    place = {i.id: n for n, i in enumerate(result.indicators)}
    worst: dict[str, int] = {}
    for f in result.findings:
        worst[f.indicator] = max(worst.get(f.indicator, 0), SEVERITY_ORDER[f.severity])
    order = sorted(range(len(result.findings)), key=lambda n: (
        -lost.get(result.findings[n].indicator, 0.0), -worst[result.findings[n].indicator],
        place.get(result.findings[n].indicator, len(place)),
        -SEVERITY_ORDER[result.findings[n].severity], n))
    return [result.findings[n] for n in order]


def evidence_rows(f: Finding) -> int:
    """Rows the finding takes in the 问题明细: one per evidence row, one when it has none."""
    return max(len(f.evidence), 1)
