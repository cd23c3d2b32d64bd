"""Workers set polars to one thread each when there are more workers than cores, in the
process pool and on a local Dask cluster: each worker's unit of work reports
`polars.thread_pool_size()` from inside the worker. The machine's core count is patched in
this process (where the decision is made), so the tests need no more workers than 2."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cscaudit.assess import runner
from cscaudit.assess.dask_backend import open_dask
from cscaudit.assess.discover import District
from cscaudit.assess.model import CenterEntry, CenterFailure, CenterOutcome
from cscaudit.assess.scheduler_spec import SchedulerSpec
from cscaudit.audit.engine import AuditOptions
from cscaudit.i18n import t

POLARS_THREADS = "POLARS_MAX_THREADS"


def polars_threads(entry: CenterEntry, options: AuditOptions) -> CenterOutcome:
    """The unit of work for these tests: the worker's polars thread pool size, as a reason."""
    import polars as pl

    size = str(pl.thread_pool_size())
    return CenterFailure(entry=entry, reason=t(size, size))


def _entries(tmp_path: Path, n: int) -> list[CenterEntry]:
    entries = []
    for i in range(n):
        folder = tmp_path / f"c{i}"
        folder.mkdir()
        (folder / "center.yaml").write_text("kind: center\n", encoding="utf-8")
        entries.append(CenterEntry(path=folder, rel=f"c{i}", order=i))
    return entries


def _sizes(outcomes: tuple[CenterOutcome, ...] | list[CenterOutcome]) -> set[str]:
    return {o.reason.en for o in outcomes if isinstance(o, CenterFailure)}


@pytest.fixture
def one_core(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "default_workers", lambda: 1)
    monkeypatch.delenv(POLARS_THREADS, raising=False)


def test_more_pool_workers_than_cores_run_one_polars_thread_each(
        tmp_path: Path, one_core: None) -> None:
    outcomes = runner.run_centers(_entries(tmp_path, 4), AuditOptions(), workers=2,
                                  audit=polars_threads)
    assert len(outcomes) == 4
    assert _sizes(outcomes) == {"1"}


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="polars' own default is 1 thread here")
def test_no_more_workers_than_cores_keep_polars_default(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "default_workers", lambda: 2)
    monkeypatch.delenv(POLARS_THREADS, raising=False)
    outcomes = runner.run_centers(_entries(tmp_path, 2), AuditOptions(), workers=2,
                                  audit=polars_threads)
    assert "1" not in _sizes(outcomes)


def test_a_users_setting_is_inherited(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "default_workers", lambda: 1)
    monkeypatch.setenv(POLARS_THREADS, "3")
    assert runner.worker_environment(4) == {}


def test_more_local_dask_workers_than_cores_run_one_polars_thread_each(
        tmp_path: Path, one_core: None) -> None:
    entries = _entries(tmp_path, 4)
    district = District(root=tmp_path, entries=tuple(entries))
    with open_dask(SchedulerSpec(local_workers=2), district, audit=polars_threads) as backend:
        outcomes = list(backend.outcomes(entries, AuditOptions(), None))
    assert len(outcomes) == 4
    assert _sizes(outcomes) == {"1"}
