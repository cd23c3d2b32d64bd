"""assess on the terminal marks every veto beside the grade: applied «（一票否决）» as well as
pending «（一票否决待核实）»; a center without one is unmarked."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cscaudit.cli.app import app
from cscaudit.engine.audit import AuditOptions
from cscaudit.engine.district import assessment as assessment_module
from cscaudit.engine.district import backend as backend_module
from cscaudit.scoring.district.model import CenterEntry
from cscaudit.scoring.district.settings import AssessSettings
from tests.assess.conftest import make_audit, make_district

KINDS = {"vetoed": {"veto": True}, "pending": {"pending": True}, "clean": {}}


@pytest.fixture
def vetoes(monkeypatch: pytest.MonkeyPatch) -> None:
    def run_centers(entries: Sequence[CenterEntry], options: AuditOptions, workers: int,
                    progress: object = None) -> tuple[Any, ...]:
        return tuple(make_audit(e.path.name, 88.81, 0.9, rel=e.rel, order=e.order,
                                **KINDS[e.path.name]) for e in entries)

    monkeypatch.setattr(backend_module, "run_centers", run_centers)
    monkeypatch.setattr(assessment_module, "settings_for", lambda *_: AssessSettings())


@pytest.mark.usefixtures("vetoes")
@pytest.mark.parametrize(("lang", "marks"), [
    ("zh", {"vetoed": "不合格（一票否决）", "pending": "（一票否决待核实）", "clean": "良好"}),
    ("en", {"vetoed": "fail (vetoed)", "pending": " (veto pending)", "clean": "good"}),
])
def test_each_veto_is_marked_beside_the_grade(tmp_path: Path, lang: str,
                                              marks: dict[str, str]) -> None:
    root = make_district(tmp_path / "d", list(KINDS))
    result = CliRunner().invoke(app, ["assess", str(root), "--workers", "1", "--no-xlsx",
                                      "--lang", lang])
    assert result.exit_code in (0, 1), result.output
    lines = {name: line for line in result.output.splitlines() for name in KINDS
             if f". {name} {name}" in line}
    assert set(lines) == set(KINDS), result.output
    for name, mark in marks.items():
        assert lines[name].rstrip().endswith(mark), lines[name]
    assert "一票否决" not in lines["clean"] and "veto" not in lines["clean"]
