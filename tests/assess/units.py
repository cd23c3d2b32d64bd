"""Units of work for the runner's worker processes (module-level, so the workers can
import them): one that kills its process for one center, as a reader that aborts does, and
one that keeps every evidence row."""

from __future__ import annotations

import os

from cscaudit.assess.model import CenterEntry, CenterOutcome
from cscaudit.assess.runner import audit_entry
from cscaudit.audit.engine import AuditOptions

CRASHING_CENTER = "crash"


def audit_or_die(entry: CenterEntry, options: AuditOptions) -> CenterOutcome:
    if entry.path.name == CRASHING_CENTER:
        os._exit(134)  # what an aborting native reader leaves: no exception, no result
    return audit_entry(entry, options)


def audit_keeping_evidence(entry: CenterEntry, options: AuditOptions) -> CenterOutcome:
    from cscaudit.assess import runner

    runner.EVIDENCE_KEEP = 10_000  # in this worker process: keep every evidence row
    return audit_entry(entry, options)
