"""Tests never write outside temporary folders.

Every test runs in its own temporary folder, so a command that writes to the working
directory by default (`audit` without `-o` writes `<中心>-<年度>-考核评分表.xlsx` there) never
leaves a file in the checkout. The caches the suite fills are redirected here, in one place:
cscaudit's validity cache (one folder per session), and the caches of the tools the suite
runs (mypy, ruff: `test_quality`) and of hypothesis, which persist across sessions in one
folder of the system's temporary folder so repeated runs stay warm. Only pytest's own
`.pytest_cache` stays in the checkout (git ignores it).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis.database import DirectoryBasedExampleDatabase

TOOL_CACHES = Path(tempfile.gettempdir()) / "cscaudit-test-caches"
os.environ["MYPY_CACHE_DIR"] = str(TOOL_CACHES / "mypy")
os.environ["RUFF_CACHE_DIR"] = str(TOOL_CACHES / "ruff")
settings.register_profile(
    "cscaudit", database=DirectoryBasedExampleDatabase(TOOL_CACHES / "hypothesis"))
settings.load_profile("cscaudit")


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep cscaudit's validity cache out of the user's cache folder."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CSCAUDIT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture(autouse=True)
def _work_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
