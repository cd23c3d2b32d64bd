"""Every test runs in its own temporary folder, so a command that writes to the working
directory by default (`audit` without `-o` writes `<中心>-<年度>-考核评分表.xlsx` there) never
leaves a file in the checkout."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _work_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
