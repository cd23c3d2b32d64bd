"""The runner: worker processes whatever their count, order kept, every center accounted for."""

from __future__ import annotations

from pathlib import Path

import pytest

from cscaudit.engine.audit import AuditOptions
from cscaudit.engine.district.runner import default_workers, run_centers
from cscaudit.scoring.district.model import CenterEntry, CenterFailure, CenterOutcome
from tests.assess.units import unreadable_centers


class Recorder:
    def __init__(self) -> None:
        self.events: list[tuple[str, str]] = []

    def started(self, entry: CenterEntry) -> None:
        self.events.append(("start", entry.rel))

    def finished(self, entry: CenterEntry, outcome: CenterOutcome) -> None:
        self.events.append(("done", entry.rel))




def test_pooled_run_reports_every_center_in_order(tmp_path: Path) -> None:
    entries = unreadable_centers(tmp_path, 4)
    recorder = Recorder()
    outcomes = run_centers(entries, AuditOptions(), workers=2, progress=recorder)
    assert [o.entry.rel for o in outcomes] == ["c0", "c1", "c2", "c3"]
    assert all(isinstance(o, CenterFailure) for o in outcomes)
    assert sorted(r for kind, r in recorder.events if kind == "done") == ["c0", "c1", "c2", "c3"]
    # never more centers in flight than workers
    running = peak = 0
    for kind, _ in recorder.events:
        running += 1 if kind == "start" else -1
        peak = max(peak, running)
    assert peak <= 2


def test_in_process_run_matches_pooled(tmp_path: Path) -> None:
    entries = unreadable_centers(tmp_path, 2)
    pooled = run_centers(entries, AuditOptions(), workers=2)
    alone = run_centers(entries, AuditOptions(), workers=1)
    assert [(o.entry.rel, type(o)) for o in pooled] == [(o.entry.rel, type(o)) for o in alone]
    assert [o.reason for o in pooled if isinstance(o, CenterFailure)] == \
        [o.reason for o in alone if isinstance(o, CenterFailure)]


def test_default_workers_is_at_least_one() -> None:
    assert default_workers() >= 1


def test_failure_location_is_relative_to_the_district(tmp_path: Path) -> None:
    folder = tmp_path / "s02" / "c002"
    folder.mkdir(parents=True)
    (folder / "center.yaml").write_text("kind: center\nid: [unclosed\n", encoding="utf-8")
    entry = CenterEntry(path=folder, rel="s02/c002", order=0)
    (outcome,) = run_centers([entry], AuditOptions(), workers=1)
    assert isinstance(outcome, CenterFailure)
    assert outcome.where is not None and outcome.where.startswith("s02/c002/center.yaml:"), \
        outcome.where
    alone = CenterEntry(path=folder, rel=".", order=0)
    (single,) = run_centers([alone], AuditOptions(), workers=1)
    assert isinstance(single, CenterFailure) and single.where is not None
    assert single.where.startswith("center.yaml:")


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_a_dying_worker_fails_only_its_own_center(tmp_path: Path, workers: int) -> None:
    """A center whose audit kills its process is reported for itself; the centers in flight
    beside it, and those after it, get their own outcomes, with any worker count."""
    from tests.assess.units import CRASHING_CENTER, audit_or_die

    entries = unreadable_centers(tmp_path, 5)
    crash = tmp_path / CRASHING_CENTER
    entries[1].path.rename(crash)
    entries[1] = CenterEntry(path=crash, rel=CRASHING_CENTER, order=1)
    recorder = Recorder()
    outcomes = run_centers(entries, AuditOptions(), workers=workers, progress=recorder,
                           audit=audit_or_die)
    assert [o.entry.rel for o in outcomes] == ["c0", CRASHING_CENTER, "c2", "c3", "c4"]
    reasons = [o.reason.en for o in outcomes if isinstance(o, CenterFailure)]
    assert len(reasons) == 5
    assert "died" in reasons[1]
    assert all("died" not in r for i, r in enumerate(reasons) if i != 1), reasons
    assert sorted(r for kind, r in recorder.events if kind == "done") == sorted(
        e.rel for e in entries)
