"""Units of work for the runner's worker processes (module-level, so the workers can
import them): one that kills its process for one center, as a reader that aborts does, and
one that keeps every evidence row, one that reports the worker's polars threads, one that
reports what the worker had loaded when it began; and centers whose center.yaml cannot be
read."""

from __future__ import annotations

import os
from pathlib import Path

from cscaudit.engine.audit import AuditOptions
from cscaudit.engine.district.runner import audit_entry
from cscaudit.i18n import t
from cscaudit.scoring.district.model import CenterEntry, CenterFailure, CenterOutcome

CRASHING_CENTER = "crash"


def audit_or_die(entry: CenterEntry, options: AuditOptions) -> CenterOutcome:
    if entry.path.name == CRASHING_CENTER:
        os._exit(134)  # what an aborting native reader leaves: no exception, no result
    return audit_entry(entry, options)


def audit_keeping_evidence(entry: CenterEntry, options: AuditOptions) -> CenterOutcome:
    from cscaudit.engine.district import runner

    runner.EVIDENCE_KEEP = 10_000  # in this worker process: keep every evidence row
    return audit_entry(entry, options)


def polars_threads(entry: CenterEntry, options: AuditOptions) -> CenterOutcome:
    """The worker's polars thread pool size, as the center's failure reason."""
    import polars as pl

    size = str(pl.thread_pool_size())
    return CenterFailure(entry=entry, reason=t(size, size))


def worker_start(entry: CenterEntry, options: AuditOptions) -> CenterOutcome:
    """What the worker had loaded when its task began, as the center's failure reason:
    whether the measure registry (which nothing this module imports loads) was imported,
    and whether polars was still deferred (`type`, since any attribute would load it)."""
    import sys

    from cscaudit.lazy_polars import DeferredModule

    state = (f"registry {'cscaudit.measures.registry' in sys.modules}, "
             f"polars deferred {type(sys.modules.get('polars')) is DeferredModule}")
    return CenterFailure(entry=entry, reason=t(state, state))


def unreadable_centers(folder: Path, n: int) -> list[CenterEntry]:
    """`n` centers c0, c1, ... under `folder` whose center.yaml is broken YAML."""
    entries = []
    for i in range(n):
        center = folder / f"c{i}"
        center.mkdir()
        (center / "center.yaml").write_text("kind: center\nid: [unclosed\n", encoding="utf-8")
        entries.append(CenterEntry(path=center, rel=f"c{i}", order=i))
    return entries
