"""Audit many centers, one process per core, and collect compact results.

`audit_entry` is the unit of work (module-level, so a process pool can pickle it): it audits
one center with `cscaudit.engine.audit.audit_center` and returns a `CenterAudit`, or a
`CenterFailure` naming the reason when the center cannot be audited. The run never stops for
one center: every center is audited in a worker process, even with one worker, so that a
reader that aborts its process (no exception to catch) fails only the center it was reading.
At most `workers` centers are in flight at a time, so the ones "running" are the ones
submitted, and the slowest can be shown.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from pathlib import Path
from typing import Any, Protocol

from cscaudit.engine.audit import AuditOptions
from cscaudit.errors import CscauditError
from cscaudit.i18n import t
from cscaudit.results.model import AuditResult, Finding
from cscaudit.scoring.district.model import (
    CenterAudit,
    CenterEntry,
    CenterFailure,
    CenterOutcome,
    SurveyIndicator,
)

EVIDENCE_KEEP = 5  # evidence rows kept per finding in the workbook (the total is kept too)
ISSUES_KEEP = 10  # data issues kept per center (the total is kept too)
SATISFACTION_KINDS = frozenset({"satisfaction"})


class Progress(Protocol):
    """What the runner tells whoever shows progress (the CLI's bar)."""

    def started(self, entry: CenterEntry) -> None: ...

    def finished(self, entry: CenterEntry, outcome: CenterOutcome) -> None: ...


class AuditOne(Protocol):
    """The unit of work: audit one center (`audit_entry`; tests pass their own)."""

    def __call__(self, entry: CenterEntry, options: AuditOptions, /) -> CenterOutcome: ...


def default_workers() -> int:
    """One worker per core the process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _satisfaction(result: AuditResult, options: AuditOptions) -> tuple[float, SurveyIndicator] | None:
    """The survey's satisfaction rate and the indicator it was read from, if measured."""
    from cscaudit.checklist.resolution import resolve

    resolved = resolve(checklist=options.checklist, profile=options.profile or result.profile)
    ids = {spec.id for spec in resolved.indicators if spec.kind in SATISFACTION_KINDS}
    for indicator in result.indicators:
        if indicator.id in ids and indicator.rate is not None \
                and indicator.outcome.value not in ("not_applicable", "not_reviewed", "error"):
            earned = indicator.points if indicator.waived_by else indicator.score
            return float(indicator.rate), SurveyIndicator(indicator.id, earned, indicator.points)
    return None


def _trim(finding: Finding) -> Finding:
    if len(finding.evidence) <= EVIDENCE_KEEP:
        return finding
    return replace(finding, evidence=finding.evidence[:EVIDENCE_KEEP])


def compact(entry: CenterEntry, result: AuditResult,
            survey: tuple[float, SurveyIndicator] | None) -> CenterAudit:
    """The parts of an audit the assessment keeps: no records, a few evidence rows."""
    unusable = tuple(sorted({i.file for i in result.data_issues if i.code == "unusable-file"}))
    small = replace(result, findings=tuple(_trim(f) for f in result.findings),
                    data_issues=result.data_issues[:ISSUES_KEEP])
    return CenterAudit(entry=entry, result=small, satisfaction=survey[0] if survey else None,
                       data_issue_total=len(result.data_issues), unusable_files=unusable,
                       survey=survey[1] if survey else None)


def _where(exc: CscauditError, entry: CenterEntry) -> str | None:
    """`file:line:col` with the file relative to the district (the center's folder joined to
    the file's path inside it); a file outside the center is named by its base name only."""
    if exc.file is None:
        return None
    file = Path(exc.file)
    try:
        inside = file.resolve().relative_to(entry.path.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop (Python 3.11)
        where = file.name
    else:
        where = inside if entry.rel in ("", ".") else f"{entry.rel}/{inside}"
    if exc.line is not None:
        where += f":{exc.line}" + (f":{exc.column}" if exc.column is not None else "")
    return where


def audit_entry(entry: CenterEntry, options: AuditOptions) -> CenterOutcome:
    """Audit one center; a center that cannot be audited becomes a `CenterFailure`."""
    from cscaudit.engine.audit import audit_center

    try:
        result = audit_center(entry.path, options)
        return compact(entry, result, _satisfaction(result, options))
    except CscauditError as exc:
        return CenterFailure(entry=entry, reason=exc.message, where=_where(exc, entry))
    except Exception as exc:  # a defect must not cost the other centers their results
        return internal_error(entry, exc)


def internal_error(entry: CenterEntry, exc: BaseException) -> CenterFailure:
    """A center lost to a defect (an exception no check expected), named with the exception."""
    return CenterFailure(entry=entry, reason=t(
        f"内部错误（请报告此问题）：{type(exc).__name__}: {exc}",
        f"internal error (please report it): {type(exc).__name__}: {exc}"))


def _died(entry: CenterEntry) -> CenterFailure:
    return CenterFailure(entry=entry, reason=t(
        "审核此中心的进程意外退出（内存不足，或某个导出文件使读取程序崩溃）：其他中心不受影响；"
        "请检查此中心的导出文件，或用 cscaudit audit 单独审核它",
        "the process auditing this center died (out of memory, or an export that crashed "
        "the reader); the other centers are not affected: check this center's exports, or "
        "audit it alone with cscaudit audit"))


POLARS_THREADS = "POLARS_MAX_THREADS"


def worker_environment(workers: int) -> dict[str, str]:
    """Environment variables each of `workers` worker processes sets before polars loads in
    it: one polars thread each when there are at least as many workers as cores (else every
    worker would start a pool of one thread per core, and they would fight over the cores:
    with two workers on two cores, four threads took ~4 % more CPU per center than two). A
    `POLARS_MAX_THREADS` the user set is inherited as it is."""
    if workers < default_workers() or POLARS_THREADS in os.environ:
        return {}
    return {POLARS_THREADS: "1"}


def set_environment(variables: dict[str, str]) -> None:
    """The pool's initializer: runs in each worker before its first task, so before polars
    loads there (`cscaudit.lazy_polars` defers it to the first use)."""
    os.environ.update(variables)


# What each worker imports for its first center, imported once in the forkserver instead:
# a worker forked from it starts with them (without, each worker, a fresh interpreter, imports
# them itself, in every pool). "__main__" keeps what the forkserver preloads by default: the
# script that started the run, which a worker would otherwise import too. Never polars:
# importing it starts threads, and a process forked after that may deadlock (polars warns
# against fork), nor a module that loads it as it is imported (`ingest.frame_values`,
# `scoring.workers`); each worker loads it at its first table, after `set_environment`.
WORKER_PRELOAD = (
    "__main__",
    "cscaudit.engine.district.runner",
    "cscaudit.engine.audit",
    "cscaudit.checklist.resolution",
    "cscaudit.config.calendar",
    "cscaudit.config.center",
    "cscaudit.config.standard",
    "cscaudit.facts.households",
    "cscaudit.ingest",
    "cscaudit.ingest.inspection",
    "cscaudit.measures.registry",
    "cscaudit.scoring.score",
    "cscaudit.scoring.waivers",
)


def _pool(workers: int) -> ProcessPoolExecutor:
    context: Any
    if sys.platform == "win32":  # no fork: each worker is a fresh interpreter
        context = multiprocessing.get_context("spawn")
    else:  # the forkserver starts with the first pool and serves every later one
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(list(WORKER_PRELOAD))
    return ProcessPoolExecutor(max_workers=workers, mp_context=context,
                               initializer=set_environment,
                               initargs=(worker_environment(workers),))


def _pool_round(queue: deque[CenterEntry], options: AuditOptions, workers: int,
                progress: Progress | None, audit: AuditOne,
                done: dict[int, CenterOutcome]) -> list[CenterEntry]:
    """Audit from `queue` in one pool until it is empty or a worker dies; return the
    centers that were in flight when it died (any of them may be the one that killed it)."""
    with _pool(workers) as pool:
        running: dict[Future[CenterOutcome], CenterEntry] = {}
        while queue or running:
            while queue and len(running) < workers:
                entry = queue.popleft()
                running[pool.submit(audit, entry, options)] = entry
                if progress:
                    progress.started(entry)
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            broken = False
            for future in sorted(finished, key=lambda f: running[f].order):
                try:
                    outcome = future.result()
                except BrokenProcessPool:
                    broken = True
                    continue
                entry = running.pop(future)
                done[entry.order] = outcome
                if progress:
                    progress.finished(entry, outcome)
            if broken:
                for future in running:
                    future.cancel()
                return sorted(running.values(), key=lambda e: e.order)
    return []


def _run_pooled(entries: Sequence[CenterEntry], options: AuditOptions, workers: int,
                progress: Progress | None, audit: AuditOne) -> dict[int, CenterOutcome]:
    """Every center in a worker process, so that one whose reader aborts the process (a
    crafted file, memory exhausted) costs only its own result. When a worker dies, the
    centers that were in flight with it are audited again one at a time, each in a process
    of its own: only the one that dies alone is reported as failed."""
    queue = deque(entries)
    done: dict[int, CenterOutcome] = {}
    while queue:
        lost = _pool_round(queue, options, workers, progress, audit, done)
        if len(lost) == 1:  # alone in flight: it is the one
            done[lost[0].order] = _died(lost[0])
            if progress:
                progress.finished(lost[0], done[lost[0].order])
            continue
        for entry in lost:
            if _pool_round(deque([entry]), options, 1, None, audit, done):
                done[entry.order] = _died(entry)
            if progress:
                progress.finished(entry, done[entry.order])
    return done


def run_centers(entries: Sequence[CenterEntry], options: AuditOptions, *, workers: int,
                progress: Progress | None = None,
                audit: AuditOne = audit_entry) -> tuple[CenterOutcome, ...]:
    """Audit every entry in worker processes (one at least, whatever `workers` says);
    outcomes come back in the entries' order whatever the timing. `audit` is the unit of
    work, a module-level function the pool can pickle."""
    workers = max(1, min(workers, len(entries)))
    done = _run_pooled(entries, options, workers, progress, audit) if entries else {}
    return tuple(done[entry.order] for entry in entries)
