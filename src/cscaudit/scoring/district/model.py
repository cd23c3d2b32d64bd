"""What an assessment of many centers is made of: entries found, compact per-center results.

A worker process audits one center and sends back a `CenterAudit`: the `AuditResult` with its
evidence trimmed (a few rows per finding, a few data issues) plus the figures the composite
needs. Records never cross the process boundary, so the parent stays light whatever the
size of the exports.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cscaudit.i18n import Text
from cscaudit.results.model import AuditResult


@dataclass(frozen=True)
class CenterEntry:
    """One center to assess, as discovered or as listed in district.yaml."""

    path: Path  # the center folder
    rel: str  # the folder relative to the district root, POSIX style (stable across runs)
    street: str | None = None  # the street office named by district.yaml, if any
    order: int = 0  # position in discovery order
    declared_id: str | None = None  # the `id:` its center.yaml declares, when readable

    @property
    def known_id(self) -> str:
        """The id this center will be listed under (its folder name when none is declared)."""
        return self.declared_id or self.path.name


@dataclass(frozen=True)
class SurveyIndicator:
    """The checklist's satisfaction indicator as scored (G2): what it earned of its points.
    The composite leaves it out of the street part when the survey's rate is the resident
    part, so one self-run survey is not counted twice."""

    id: str
    score: float
    points: float


@dataclass(frozen=True)
class CenterAudit:
    """A center that could be audited, in compact form."""

    entry: CenterEntry
    result: AuditResult  # findings' evidence trimmed, data issues trimmed
    satisfaction: float | None  # survey satisfaction rate in [0, 1], None when not measured
    data_issue_total: int
    unusable_files: tuple[str, ...]  # exports that could not be opened at all
    survey: SurveyIndicator | None = None  # the indicator `satisfaction` was read from

    @property
    def center_id(self) -> str:
        return self.result.center.get("id") or self.entry.rel

    @property
    def street(self) -> str:
        return self.entry.street or self.result.center.get("street") or ""


@dataclass(frozen=True)
class CenterFailure:
    """A center that could not be audited: its row says why; the run goes on."""

    entry: CenterEntry
    reason: Text
    where: str | None = None  # file:line:col of the problem, relative to the district

    @property
    def center_id(self) -> str:
        return self.entry.known_id

    @property
    def street(self) -> str:
        return self.entry.street or ""


CenterOutcome = CenterAudit | CenterFailure
