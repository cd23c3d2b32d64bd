"""roster_coverage: every household on the roster (联户名册) has a responsible worker.

Params: none.

Judged: households on the roster at some point of the audit period (one per household id;
the last row of a household wins). Defect: a household with no worker named.
Rate: covered / judged. An empty roster is not applicable; no roster exported is an error.
Example: 800 households, 6 without a 包片社工: rate 99.3 %, the 6 rows listed.
"""

from __future__ import annotations

from typing import Any

from cscaudit.audit.measures.base import AuditContext, EvidenceCollector, IndicatorSpec
from cscaudit.audit.measures.common import (
    empty_table,
    measurement,
    missing_table,
    rate_of,
    table_absent,
)
from cscaudit.audit.measures.households import shared_roster
from cscaudit.audit.model import Measurement
from cscaudit.i18n import t
from cscaudit.ingest.model import Record

ID = "roster_coverage"
SUMMARY = t("联户名册中的每一户都有负责的包片社工。", "every household on the roster (联户名册) has a responsible worker.")
TABLES: tuple[str, ...] = ("roster",)
PARAMS_SCHEMA: dict[str, Any] = {"type": "object", "additionalProperties": False, "properties": {}}


class RosterCoverage:
    def __init__(self, spec: IndicatorSpec, ctx: AuditContext) -> None:
        self.spec, self.ctx = spec, ctx
        self.roster, self.feeds = shared_roster(ctx)

    def add(self, record: Record) -> None:
        if self.feeds:
            self.roster.add(record)

    def finish(self) -> Measurement:
        if table_absent(self.ctx, "roster"):
            return missing_table("roster")
        ctx = self.ctx
        judged = [h for h in self.roster.households.values() if h.span(ctx.period_start, ctx.period_end)]
        if not judged:
            return empty_table("roster")
        uncovered = EvidenceCollector()
        for h in judged:
            if h.worker is None:
                uncovered.add_evidence(h.evidence)
        findings = []
        if uncovered.total:
            findings.append(self.spec.finding(t(
                f"{uncovered.total} 户未落实包片社工", f"{uncovered.total} households have no worker"), uncovered))
        n = len(judged)
        return measurement(n, uncovered.total, findings, rate=rate_of(n - uncovered.total, n))


def start(spec: IndicatorSpec, ctx: AuditContext) -> RosterCoverage:
    return RosterCoverage(spec, ctx)
