"""The Dask backend: a LocalCluster of 2 worker processes, and a real `dask scheduler` and
`dask worker` started as processes on 127.0.0.1; the run JSON is the process pool's, byte for
byte; a center whose task raises, or whose worker is killed, fails alone; Ctrl-C cancels."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import dask
import pytest
from distributed import Client, LocalCluster
from typer.testing import CliRunner

import cscaudit
from cscaudit.cli.app import app
from cscaudit.engine.audit import AuditOptions
from cscaudit.engine.district.backend import collect
from cscaudit.engine.district.dask_backend import NO_DASHBOARD, TASK_RETRIES, DaskBackend
from cscaudit.engine.district.discover import discover_district
from cscaudit.engine.district.runner import audit_entry
from cscaudit.scoring.district.model import CenterAudit, CenterEntry, CenterFailure, CenterOutcome

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "district"
BIN = Path(sys.executable).parent
BOUND = 60  # seconds any one wait on a cluster may take before the test fails


def _assess(tmp_path: Path, name: str, *extra: str) -> bytes:
    out = tmp_path / f"{name}.json"
    result = CliRunner().invoke(app, ["assess", str(SAMPLE), "--no-xlsx", "--json", str(out),
                                      "-q", *extra])
    assert result.exit_code == 0, result.output
    return out.read_bytes()


@pytest.fixture(scope="module")
def pool_json(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return _assess(tmp_path_factory.mktemp("pool"), "pool", "--workers", "2")


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    """2 worker processes; a worker that dies twice on one task gives that task up."""
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}), LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
            **NO_DASHBOARD) as local:
        yield local


@pytest.fixture
def client(cluster: LocalCluster) -> Iterator[Client]:
    with Client(cluster, set_as_default=False) as connected:
        connected.wait_for_workers(2, timeout=BOUND)
        yield connected


@dataclass(frozen=True)
class TracedAudit:
    """`audit_entry`, except for the centers a test makes misbehave; every misbehaviour is
    marked in `trace` (a tmp folder) so the test can count the attempts."""

    trace: Path
    raise_in: str = ""  # this center's task raises, every time
    kill_in: str = ""  # this center kills its worker, every time
    kill_once_in: str = ""  # this center kills its worker the first time only

    def _mark(self, entry: CenterEntry, what: str) -> int:
        mark = self.trace / f"{entry.path.name}.{what}"
        with mark.open("a", encoding="utf-8") as fh:
            fh.write("x")
        return len(mark.read_text(encoding="utf-8"))

    def __call__(self, entry: CenterEntry, options: AuditOptions) -> CenterOutcome:
        name = entry.path.name
        if name == self.raise_in:
            self._mark(entry, "raised")
            raise RuntimeError(f"boom in {name}")
        if name == self.kill_in or (name == self.kill_once_in
                                    and self._mark(entry, "killed") == 1):
            os.kill(os.getpid(), signal.SIGKILL)
        return audit_entry(entry, options)


def slow_audit(entry: CenterEntry, options: AuditOptions) -> CenterOutcome:
    if entry.path.name != "c001":
        time.sleep(4)
    return audit_entry(entry, options)


def test_without_scheduler_nothing_of_dask_is_imported(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from cscaudit.cli.app import app\n"
        "run = CliRunner().invoke(app, ['assess', sys.argv[1], '--no-xlsx', '--json', "
        "sys.argv[2], '-q', '--workers', '1'])\n"
        "bad = CliRunner().invoke(app, ['assess', sys.argv[1], '--scheduler', 'udp://x'])\n"
        "print(run.exit_code, bad.exit_code, 'local:N' in bad.output)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))\n")
    district = tmp_path / "d"
    (district / "c1").mkdir(parents=True)
    (district / "c1" / "center.yaml").write_text("kind: center\nid: [unclosed\n", "utf-8")
    done = subprocess.run([sys.executable, "-c", code, str(district), str(tmp_path / "r.json")],
                          capture_output=True, text=True, timeout=BOUND, check=True)
    assert done.stdout.splitlines() == ["2 2 True", "[]"], done.stderr


def test_local_cluster_run_json_is_the_pools(tmp_path: Path, pool_json: bytes) -> None:
    assert _assess(tmp_path, "local", "--scheduler", "local:2") == pool_json


def _wait_for(path: Path, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + BOUND
    while not path.exists() or not path.read_text(encoding="utf-8").strip():
        assert proc.poll() is None, "the dask process exited early"
        assert time.monotonic() < deadline, f"{path.name} did not appear"
        time.sleep(0.2)


def test_real_scheduler_and_worker_processes(tmp_path: Path, pool_json: bytes) -> None:
    info = tmp_path / "scheduler.json"
    log = (tmp_path / "dask.log").open("wb")
    procs: list[subprocess.Popen[bytes]] = []
    try:
        procs.append(subprocess.Popen(
            [str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", "0",
             "--no-dashboard", "--dashboard-address", ":0", "--scheduler-file", str(info)],
            stdout=log, stderr=log, cwd=tmp_path))
        _wait_for(info, procs[0])
        address = json.loads(info.read_text(encoding="utf-8"))["address"]
        assert address.startswith("tcp://127.0.0.1:")
        procs.append(subprocess.Popen(
            [str(BIN / "dask"), "worker", address, "--host", "127.0.0.1", "--nworkers", "1",
             "--nthreads", "1", "--no-dashboard"], stdout=log, stderr=log, cwd=tmp_path))
        assert _assess(tmp_path, "remote", "--scheduler", address) == pool_json
    finally:
        for proc in reversed(procs):
            proc.terminate()
        for proc in reversed(procs):
            try:
                proc.wait(timeout=BOUND)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        log.close()


def _entries() -> tuple[CenterEntry, ...]:
    return discover_district(SAMPLE).entries


def test_a_raising_task_fails_its_center_only_after_retries(
        client: Client, tmp_path: Path) -> None:
    audit = TracedAudit(tmp_path, raise_in="c003")
    outcomes = collect(DaskBackend(client, audit), _entries(), AuditOptions())
    failed = {o.entry.rel: o for o in outcomes if isinstance(o, CenterFailure)}
    assert list(failed) == ["s01/c003"]
    assert "RuntimeError: boom in c003" in failed["s01/c003"].reason("en")
    assert sum(isinstance(o, CenterAudit) for o in outcomes) == 5
    assert (tmp_path / "c003.raised").read_text(encoding="utf-8") == "x" * (TASK_RETRIES + 1)


def test_a_killed_worker_fails_its_center_only(client: Client, tmp_path: Path) -> None:
    audit = TracedAudit(tmp_path, kill_in="c003", kill_once_in="c005")
    outcomes = collect(DaskBackend(client, audit), _entries(), AuditOptions())
    failed = {o.entry.rel: o for o in outcomes if isinstance(o, CenterFailure)}
    assert list(failed) == ["s01/c003"]
    assert "Dask worker auditing this center died" in failed["s01/c003"].reason("en")
    assert (tmp_path / "c005.killed").read_text(encoding="utf-8") == "xx"  # killed, then done
    assert [o.entry.rel for o in outcomes] == [e.rel for e in _entries()]


class Interrupt:
    def started(self, entry: CenterEntry) -> None:
        raise AssertionError("the Dask backend does not report starts")

    def finished(self, entry: CenterEntry, outcome: CenterOutcome) -> None:
        raise KeyboardInterrupt


def test_ctrl_c_cancels_the_submitted_tasks(client: Client) -> None:
    with pytest.raises(KeyboardInterrupt):
        collect(DaskBackend(client, slow_audit), _entries(), AuditOptions(), Interrupt())

    def ours(dask_scheduler: object) -> list[str]:
        return [str(k) for k in dask_scheduler.tasks if "cscaudit-audit" in str(k)]  # type: ignore[attr-defined]

    deadline = time.monotonic() + 3  # well before the slow tasks would have finished
    while client.run_on_scheduler(ours) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert client.run_on_scheduler(ours) == []


def test_a_worker_on_another_version_is_named_before_any_work(
        cluster: LocalCluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cscaudit, "__version__", "0.0.0-other")
    out = tmp_path / "r.json"
    result = CliRunner().invoke(app, ["assess", str(SAMPLE), "--no-xlsx", "--json", str(out),
                                      "--scheduler", cluster.scheduler_address, "--lang", "en"])
    assert result.exit_code == 2
    assert "worker tcp://127.0.0.1:" in result.output
    assert f"runs cscaudit {cscaudit.__version__}" not in result.output  # ours is patched
    assert "this machine 0.0.0-other" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()
