"""Where the per-center audits run: the seam between the assessment and an execution engine.

A backend submits one task per center, the same unit of work everywhere
(`cscaudit.engine.district.runner.audit_entry`), and yields each outcome as it completes, in any
order. The assessment puts them back in discovery order, so the ranking, the run JSON and the
workbook do not depend on the engine. Two implementations: the local process pool
(`PoolBackend`) and a Dask cluster (`cscaudit.engine.district.dask_backend.DaskBackend`, imported only
when `--scheduler` asks for it).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from cscaudit.engine.audit import AuditOptions
from cscaudit.engine.district.runner import Progress, run_centers
from cscaudit.scoring.district.model import CenterEntry, CenterOutcome


class CenterBackend(Protocol):
    """Submit per-center tasks; yield their outcomes as they complete (each center once)."""

    def outcomes(self, entries: Sequence[CenterEntry], options: AuditOptions,
                 progress: Progress | None) -> Iterator[CenterOutcome]: ...


@dataclass(frozen=True)
class PoolBackend:
    """This machine's process pool (`run_centers`), `workers` centers at a time."""

    workers: int

    def outcomes(self, entries: Sequence[CenterEntry], options: AuditOptions,
                 progress: Progress | None) -> Iterator[CenterOutcome]:
        yield from run_centers(entries, options, workers=self.workers, progress=progress)


def collect(backend: CenterBackend, entries: Sequence[CenterEntry], options: AuditOptions,
            progress: Progress | None = None) -> tuple[CenterOutcome, ...]:
    """Every entry's outcome, in the entries' order whatever order they completed in."""
    done = {outcome.entry.order: outcome
            for outcome in backend.outcomes(entries, options, progress)}
    return tuple(done[entry.order] for entry in entries)
