"""The process a command runs in ends without the collector walking what the command built:
`main` freezes every object once the command is done (`cscaudit.cli.app.main`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "centers" / "ningbo-yinzhou-heyue"

DRIVER = """
import gc, sys
from cscaudit.cli.app import main
sys.argv = ["cscaudit", *sys.argv[1:]]
frozen_before = gc.get_freeze_count()
try:
    main()
except SystemExit as exc:
    code = exc.code
print("\\n", code, frozen_before, gc.get_freeze_count())
"""


def _frozen(*args: str) -> tuple[str, int, int]:
    """(exit code, objects frozen before `main`, after it) of `cscaudit ARGS`."""
    done = subprocess.run([sys.executable, "-c", DRIVER, *args], capture_output=True,
                          text=True, check=False, timeout=300)
    assert done.stdout.strip(), done.stderr[-2000:]
    code, before, after = done.stdout.split()[-3:]
    return code, int(before), int(after)


@pytest.mark.parametrize("args", [("--version",), ("audit", "no-such-center", "-q")],
                         ids=["version", "input error"])
def test_main_freezes_what_the_command_left(args: tuple[str, ...]) -> None:
    code, before, after = _frozen(*args)
    assert code in ("0", "None", "2")
    assert before == 0 and after > 1000


def test_an_audit_ends_with_its_objects_frozen(tmp_path: Path) -> None:
    code, before, after = _frozen("audit", str(SAMPLE), "-q", "-o", str(tmp_path / "s.xlsx"),
                                  "--json", str(tmp_path / "r.json"))
    assert code in ("0", "1")
    assert (tmp_path / "s.xlsx").is_file() and (tmp_path / "r.json").is_file()
    assert before == 0 and after > _frozen("--version")[2] + 10_000  # the audit's objects too
