"""The codebase's own gates: ruff and mypy --strict, run as part of the test suite."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True,
                          text=True, check=False)


@pytest.mark.skipif(shutil.which("ruff") is None and not (ROOT / ".venv").exists(),
                    reason="ruff not installed")
def test_ruff_is_clean() -> None:
    result = _run("ruff", "check", "src", "tests", "bench", "scripts")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_is_clean() -> None:
    result = _run("mypy", "src/cscaudit", "scripts/compare_runs.py")
    assert result.returncode == 0, result.stdout + result.stderr
