"""The process a command runs in: it imports only what the command uses, the collector runs
rarely while it works, and it ends without the collector walking what the command built
(`cscaudit.cli.app.main` freezes it). Each command runs in a fresh process that drives
`main` and reports from inside."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "centers" / "ningbo-yinzhou-heyue"
# Modules an audit without --previous/--rectification never uses: the schema checker (every
# document and the checklist's params were checked by an earlier run: the validity cache),
# what `xml.sax.saxutils` drags in, and the recheck of a follow-up.
NOT_NEEDED = ("jsonschema", "urllib.request", "http.client", "cscaudit.scoring.recheck",
              "cscaudit.scoring.follow_up")

DRIVER = """
import gc, json, sys
from cscaudit.cli.app import main
sys.argv = ["cscaudit", *sys.argv[1:]]
frozen_before = gc.get_freeze_count()
code = 0
try:
    main()
except SystemExit as exc:
    code = exc.code
print("\\n" + json.dumps({"exit": code, "before": frozen_before, "after": gc.get_freeze_count(),
                         "modules": sorted(sys.modules), "threshold": gc.get_threshold()[0]}))
"""


def _run(*args: str, cache: Path | None = None) -> dict[str, object]:
    env = {**os.environ, "CSCAUDIT_CACHE_DIR": str(cache) if cache else "off"}
    done = subprocess.run([sys.executable, "-c", DRIVER, *args], capture_output=True,
                          text=True, check=False, timeout=300, env=env)
    assert done.stdout.strip(), done.stderr[-2000:]
    report: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


def _audit(tmp_path: Path, cache: Path | None = None) -> dict[str, object]:
    report = _run("audit", str(SAMPLE), "-q", "-o", str(tmp_path / "s.xlsx"),
                  "--json", str(tmp_path / "r.json"), cache=cache)
    assert report["exit"] in (0, 1)
    assert (tmp_path / "s.xlsx").is_file() and (tmp_path / "r.json").is_file()
    return report


@pytest.mark.parametrize("args", [("--version",), ("audit", "no-such-center", "-q")],
                         ids=["version", "input error"])
def test_main_freezes_what_the_command_left(args: tuple[str, ...]) -> None:
    report = _run(*args)
    assert report["exit"] in (0, None, 2)
    assert report["before"] == 0 and isinstance(report["after"], int) and report["after"] > 1000


def test_an_audit_ends_with_its_objects_frozen(tmp_path: Path) -> None:
    report = _audit(tmp_path)
    version = _run("--version")["after"]
    assert isinstance(report["after"], int) and isinstance(version, int)
    assert report["before"] == 0 and report["after"] > version + 10_000  # the audit's too


def test_an_audit_imports_only_what_it_uses(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _audit(tmp_path, cache)  # checks the documents and params, fills the cache
    assert isinstance(first["modules"], list) and "jsonschema" in first["modules"]
    again = _audit(tmp_path, cache)
    assert isinstance(again["modules"], list)
    assert [m for m in NOT_NEEDED if m in again["modules"]] == []


def test_an_audit_without_a_scorecard_does_not_import_openpyxl(tmp_path: Path) -> None:
    """`--no-xlsx --json`: the console summary and the JSON need no spreadsheet library."""
    report = _run("audit", str(SAMPLE), "-q", "--no-xlsx", "--json", str(tmp_path / "r.json"))
    assert report["exit"] in (0, 1) and (tmp_path / "r.json").is_file()
    assert isinstance(report["modules"], list)
    assert [m for m in report["modules"] if m.split(".")[0] == "openpyxl"] == []


def test_the_collector_runs_rarely_while_a_command_works(tmp_path: Path) -> None:
    """A pass of the cyclic collector every 50,000 allocations, not Python's 700."""
    from cscaudit.cli.app import GC_ALLOCATIONS

    report = _audit(tmp_path)
    assert report["threshold"] == GC_ALLOCATIONS > 700  # 700: Python's default
