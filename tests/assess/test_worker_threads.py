"""Workers set polars to one thread each when there are at least as many workers as cores,
in the process pool and on a local Dask cluster: each worker's unit of work reports
`polars.thread_pool_size()` from inside the worker. The machine's core count is patched in
this process (where the decision is made), so the tests need no more workers than 2."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cscaudit.engine.audit import AuditOptions
from cscaudit.engine.district import runner
from cscaudit.engine.district.dask_backend import open_dask
from cscaudit.engine.district.discover import District
from cscaudit.engine.district.scheduler_spec import SchedulerSpec
from cscaudit.scoring.district.model import CenterFailure, CenterOutcome
from tests.assess.units import polars_threads, unreadable_centers

POLARS_THREADS = "POLARS_MAX_THREADS"


def _sizes(outcomes: tuple[CenterOutcome, ...] | list[CenterOutcome]) -> set[str]:
    return {o.reason.en for o in outcomes if isinstance(o, CenterFailure)}


@pytest.fixture
def one_core(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "default_workers", lambda: 1)
    monkeypatch.delenv(POLARS_THREADS, raising=False)


def test_more_pool_workers_than_cores_run_one_polars_thread_each(
        tmp_path: Path, one_core: None) -> None:
    outcomes = runner.run_centers(unreadable_centers(tmp_path, 4), AuditOptions(), workers=2,
                                  audit=polars_threads)
    assert len(outcomes) == 4
    assert _sizes(outcomes) == {"1"}


def test_as_many_pool_workers_as_cores_run_one_polars_thread_each(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "default_workers", lambda: 2)
    monkeypatch.delenv(POLARS_THREADS, raising=False)
    outcomes = runner.run_centers(unreadable_centers(tmp_path, 2), AuditOptions(), workers=2,
                                  audit=polars_threads)
    assert _sizes(outcomes) == {"1"}


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="polars' own default is 1 thread here")
def test_fewer_workers_than_cores_keep_polars_default(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "default_workers", lambda: 3)
    monkeypatch.delenv(POLARS_THREADS, raising=False)
    outcomes = runner.run_centers(unreadable_centers(tmp_path, 2), AuditOptions(), workers=2,
                                  audit=polars_threads)
    assert "1" not in _sizes(outcomes)


def test_a_users_setting_is_inherited(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "default_workers", lambda: 1)
    monkeypatch.setenv(POLARS_THREADS, "3")
    assert runner.worker_environment(4) == {}


def test_more_local_dask_workers_than_cores_run_one_polars_thread_each(
        tmp_path: Path, one_core: None) -> None:
    entries = unreadable_centers(tmp_path, 4)
    district = District(root=tmp_path, entries=tuple(entries))
    with open_dask(SchedulerSpec(local_workers=2), district, audit=polars_threads) as backend:
        outcomes = list(backend.outcomes(entries, AuditOptions(), None))
    assert len(outcomes) == 4
    assert _sizes(outcomes) == {"1"}
