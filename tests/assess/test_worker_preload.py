"""Pool workers start with the audit's modules already imported (the forkserver preloads
them once, `runner.WORKER_PRELOAD`) and with polars still deferred, so that each worker
loads polars itself, after its initializer set the thread count, and no worker is forked
from a process whose polars threads are running."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from cscaudit.engine.audit import AuditOptions
from cscaudit.engine.district import runner
from cscaudit.scoring.district.model import CenterFailure
from tests.assess.units import unreadable_centers, worker_start


@pytest.mark.skipif(sys.platform == "win32", reason="spawn: no forkserver to preload")
def test_workers_start_with_the_audit_modules_and_polars_deferred(tmp_path: Path) -> None:
    outcomes = runner.run_centers(unreadable_centers(tmp_path, 3), AuditOptions(), workers=2,
                                  audit=worker_start)
    reasons = {o.reason.en for o in outcomes if isinstance(o, CenterFailure)}
    assert reasons == {"registry True, polars deferred True"}


def test_the_preloaded_modules_do_not_load_polars() -> None:
    """Each module of the list, imported in a fresh interpreter, leaves polars deferred."""
    import subprocess

    check = ("import sys, importlib\n"
             "from cscaudit.lazy_polars import DeferredModule\n"
             "for name in sys.argv[1:]:\n"
             "    importlib.import_module(name)\n"
             "    assert type(sys.modules['polars']) is DeferredModule, name\n")
    names = [m for m in runner.WORKER_PRELOAD if m != "__main__"]
    done = subprocess.run([sys.executable, "-c", check, *names], capture_output=True,
                          text=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
