"""roster_coverage: every household on the roster (联户名册) has a responsible worker.

Params: none.

Judged: households on the roster at some point of the audit period (one per household id;
the last row of a household wins). Defect: a household with no worker named.
Rate: covered / judged. An empty roster is not applicable; no roster exported is an error.
Example: 800 households, 6 without a 包片社工: rate 99.3 %, the 6 rows listed.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from cscaudit.facts import Facts
from cscaudit.facts.frames import Tables
from cscaudit.facts.households import household_evidence, household_links
from cscaudit.i18n import t
from cscaudit.measures.base import EvidenceCollector, IndicatorSpec
from cscaudit.measures.common import (
    empty_table,
    measurement,
    missing_table,
    rate_of,
    table_absent,
)
from cscaudit.results.context import AuditContext
from cscaudit.results.model import Finding, Measurement

ID = "roster_coverage"
SUMMARY = t("联户名册中的每一户都有负责的包片社工。", "every household on the roster (联户名册) has a responsible worker.")
TABLES: tuple[str, ...] = ("roster",)
PARAMS_SCHEMA: dict[str, Any] = {"type": "object", "additionalProperties": False, "properties": {}}


def reads(spec: IndicatorSpec) -> tuple[str, ...]:
    return TABLES


def measure(spec: IndicatorSpec, tables: Tables, facts: Facts, ctx: AuditContext) -> Measurement:
    if table_absent(ctx, "roster"):
        return missing_table("roster")
    # the households of the link fact the result's `links` section reads anyway
    households = facts.get(household_links).households
    n = int(households["_on_roster"].sum())  # the households judged
    if not n:
        return empty_table("roster")
    uncovered = EvidenceCollector()
    for evidence in household_evidence(households.filter(pl.col("_on_roster") & pl.col("_worker").is_null())):
        uncovered.add_evidence(evidence)
    findings: list[Finding] = []
    if uncovered.total:
        findings.append(spec.finding(t(
            f"{uncovered.total} 户未落实包片社工", f"{uncovered.total} households have no worker"),
            evidence=uncovered))
    return measurement(n, uncovered.total, findings=findings, rate=rate_of(n - uncovered.total, n))
