"""`assess --fail-on GRADE` uses the grades in force, a profile's own names included."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cscaudit.cli.app import app
from cscaudit.engine.district import assessment as assessment_module
from cscaudit.scoring.district.settings import AssessSettings, Grade
from tests.assess.conftest import make_district

OWN = (Grade("好", "fine", 80), Grade("中", "middling", 60), Grade("差", "poor", 0))


def _run(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["assess", str(root), "--workers", "1", "--no-xlsx",
                                      "--lang", "en", *args])
    return result.exit_code, result.output


@pytest.mark.usefixtures("fake_audit")
def test_profile_grade_names_decide_the_exit_code(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(assessment_module, "settings_for", lambda *_: AssessSettings(grades=OWN))
    root = make_district(tmp_path / "d", ["good", "weak"])  # composites 93 (好) and 69 (中)
    assert _run(root, "--fail-on", "中")[0] == 1
    assert _run(root, "--fail-on", "middling")[0] == 1
    assert _run(root, "--fail-on", "好")[0] == 1
    assert _run(root, "--fail-on", "poor")[0] == 0
    code, out = _run(root, "--fail-on", "基本合格")
    assert code == 2 and "middling" in out and "Traceback" not in out, out


@pytest.mark.usefixtures("fake_audit")
def test_a_grade_the_named_profile_lacks_is_refused_before_the_run(tmp_path: Path) -> None:
    root = make_district(tmp_path / "d", ["good", "weak"])
    code, out = _run(root, "--profile", "four-grades", "--fail-on", "基本合格")
    assert code == 2 and "fail (不合格)" in out and "rated" not in out, out
