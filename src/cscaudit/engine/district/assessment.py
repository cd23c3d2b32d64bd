"""One assessment run: discover the centers, audit them in parallel, compose and rank.

`assess_district` returns data only (an `Assessment`); the CLI writes the JSON and workbook
and decides the exit code.

Which rules the composite follows: `--profile` (with `--checklist`) when given; otherwise, if
every audited center followed the same profile (its center.yaml names it), that profile;
otherwise the checklist alone. The workbook and JSON name what was used.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from cscaudit.engine.audit import AuditOptions
from cscaudit.engine.district.backend import CenterBackend, PoolBackend, collect
from cscaudit.engine.district.discover import CENTER_FILE, District, discover_district
from cscaudit.engine.district.runner import Progress
from cscaudit.run_inputs import RunInputs
from cscaudit.scoring.district.model import CenterAudit, CenterOutcome
from cscaudit.scoring.district.ranking import Previous, Ranking, rank_centers
from cscaudit.scoring.district.settings import AssessSettings, settings_from


@dataclass(frozen=True)
class AssessOptions:
    """How a district is assessed (built once by `cscaudit assess`): each center's audit
    options, how many processes audit them on this machine (when no other backend is given),
    and the scores the ranking reads besides the audits: the peers' (`--peer`) and last
    year's (`--previous`)."""

    audit: AuditOptions = field(default_factory=AuditOptions)
    workers: int = 1
    peers: Mapping[str, float] | None = None
    previous: Mapping[str, Previous] | None = None


@dataclass(frozen=True)
class Assessment:
    district: District
    outcomes: tuple[CenterOutcome, ...]  # in discovery order
    ranking: Ranking
    period: str
    has_previous: bool = False

    @property
    def audits(self) -> list[CenterAudit]:
        return [o for o in self.outcomes if isinstance(o, CenterAudit)]


def settings_for(outcomes: tuple[CenterOutcome, ...], options: AuditOptions) -> AssessSettings:
    from cscaudit.checklist.resolution import resolve

    profile = options.profile
    if profile is None:
        used = {o.result.profile for o in outcomes if isinstance(o, CenterAudit)}
        if len(used) == 1:
            profile = used.pop()
    return settings_from(resolve(checklist=options.checklist, profile=profile))


def period_of(outcomes: tuple[CenterOutcome, ...], options: AuditOptions) -> str:
    periods = sorted({o.result.period for o in outcomes if isinstance(o, CenterAudit)})
    if periods:
        return "/".join(periods)
    return str(options.year) if options.year is not None else ""


def assess_district(target: Path, options: AssessOptions, *,
                    progress: Progress | None = None,
                    district: District | None = None,
                    backend: CenterBackend | None = None) -> Assessment:
    """Audit every center of `target` and rank them (raises only for unusable district input).
    The audits run on `backend` (default: this machine's pool of `options.workers`
    processes); `district`, when given, is `target` already discovered."""
    district = district or discover_district(target)
    audit = options.audit
    outcomes = collect(backend or PoolBackend(options.workers), district.entries, audit, progress)
    settings = settings_for(outcomes, audit)
    ranking = rank_centers(outcomes, settings, options.peers, options.previous)
    return Assessment(district=district, outcomes=outcomes, ranking=ranking,
                      period=period_of(outcomes, audit),
                      has_previous=options.previous is not None)


def files_read(assessment: Assessment, given: RunInputs) -> RunInputs:
    """`given` (the files named on the command line) and every file the run read: the
    district.yaml used, each center's center.yaml (a center that failed too) and every file
    an audited center read."""
    read = given.adding([assessment.district.source])
    read = read.adding(entry.path / CENTER_FILE for entry in assessment.district.entries)
    for audit in assessment.audits:
        read = read.adding_read(audit.result.inputs)
    return read
