"""The measure kinds a checklist may name, in one explicit dict (no discovery, no plugins).

`cscaudit checklist kinds` lists them with their docstrings; the checklist loader validates
each indicator's params against `REGISTRY[kind].PARAMS_SCHEMA`.
"""

from __future__ import annotations

from types import ModuleType
from typing import cast

from cscaudit.measures import (
    area_ratio,
    backup_coverage,
    bad_rating_followup,
    case_timeliness,
    catalogue_coverage,
    complaint_timeliness,
    config_completeness,
    config_presence,
    config_values,
    drill_frequency,
    field_completeness,
    incident_timeliness,
    inspection_item,
    issue_closure,
    keyword_match,
    ledger_integrity,
    off_desk_visits,
    plan_classes,
    plan_completeness,
    process_steps,
    rate,
    roster_coverage,
    satisfaction,
    staff_qualification,
    survey_sample,
    visit_content,
    visit_frequency,
)
from cscaudit.measures.base import FrameKind
from cscaudit.measures.integrity import (
    case_dates,
    duplicate_rows,
    pasted_content,
    visit_dates,
    worker_daily_load,
    year_end_burst,
)

_KINDS: tuple[ModuleType, ...] = (
    # configuration (center.yaml, plans)
    config_presence, config_values, config_completeness, area_ratio, catalogue_coverage,
    plan_classes, plan_completeness,
    # records
    field_completeness, rate, case_timeliness, bad_rating_followup, staff_qualification,
    backup_coverage, roster_coverage, visit_frequency, visit_content, issue_closure,
    process_steps, off_desk_visits, drill_frequency, incident_timeliness, survey_sample, satisfaction,
    complaint_timeliness, keyword_match,
    # integrity checks and the veto built from them
    visit_dates, worker_daily_load, pasted_content, case_dates, year_end_burst, duplicate_rows,
    ledger_integrity,
    # a person on site
    inspection_item,
)
# every kind is a module fulfilling `FrameKind` (reads + measure over the tables' frames)
REGISTRY: dict[str, FrameKind] = {kind.ID: cast(FrameKind, kind) for kind in _KINDS}


def get(kind: str) -> FrameKind:
    """The module of a measure kind; KeyError naming the known kinds when there is none."""
    try:
        return REGISTRY[kind]
    except KeyError:
        raise KeyError(f"unknown measure kind {kind!r}; known: {', '.join(sorted(REGISTRY))}") from None
