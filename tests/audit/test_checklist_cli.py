"""`cscaudit checklist ...` through the CLI runner."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from cscaudit.cli.app import app

runner = CliRunner()


def test_resolve_json_carries_provenance() -> None:
    result = runner.invoke(app, ["checklist", "resolve", "--profile", "beijing-open-space",
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["layers"] == ["gbt36735-annual", "beijing-open-space"]
    a4 = next(i for i in data["indicators"] if i["id"] == "A4")
    assert a4["params"]["min_service_share"] == 0.8
    origin = data["provenance"]["indicators/A4/params/min_service_share"]
    assert origin["file"] == "checklists/profiles/beijing-open-space.yaml"
    assert origin["layer"] == "beijing-open-space" and origin["line"] > 1
    again = runner.invoke(app, ["checklist", "resolve", "--profile", "beijing-open-space",
                                "--format", "json"])
    assert again.stdout == result.stdout  # same inputs, same bytes


def test_resolve_text_names_the_file_and_line() -> None:
    result = runner.invoke(app, ["checklist", "resolve", "--profile", "wuhan-jinyinhu-yigang",
                                 "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "indicators/A4/params/max_office_share" in result.stdout
    assert "checklists/profiles/wuhan-jinyinhu-yigang.yaml:" in result.stdout
    assert "settings a profile changed" in result.stdout


def test_show_default_and_profile() -> None:
    result = runner.invoke(app, ["checklist", "show"])
    assert result.exit_code == 0, result.output
    assert "gbt36735-annual@" in result.stdout and "满分 100" in result.stdout
    shown = runner.invoke(app, ["checklist", "show", "xian-yanta", "--format", "json"])
    data = json.loads(shown.stdout)
    assert "provenance" not in data and data["indicators"][-1]["id"] == "X4"


def test_kinds_lists_the_registry() -> None:
    result = runner.invoke(app, ["checklist", "kinds", "--format", "json"])
    assert result.exit_code == 0, result.output
    kinds = {k["id"]: k for k in json.loads(result.stdout)}
    assert "area_ratio" in kinds and "min_service_share" in kinds["area_ratio"]["doc"]
    text = runner.invoke(app, ["checklist", "kinds", "--lang", "en"])
    assert "area_ratio" in text.stdout
    verbose = runner.invoke(app, ["checklist", "kinds", "-v"])
    assert "== visit_frequency" in verbose.stdout


def test_list() -> None:
    result = runner.invoke(app, ["checklist", "list", "--format", "json"])
    ids = {row["id"]: row["kind"] for row in json.loads(result.stdout)}
    assert ids["gbt36735-annual"] == "checklist" and ids["jiaxing-composite"] == "profile"


def test_bad_profile_exits_2_with_location(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: profile\nschema_version: 1\nid: bad\ntitle: {zh: 坏, en: bad}\n"
                   "extends: gbt36735-annual\npoints: {ZZ9: 3}\n", encoding="utf-8")
    result = runner.invoke(app, ["checklist", "resolve", "--profile", str(bad), "--lang", "en"])
    assert result.exit_code == 2
    assert f"{bad}:6:10" in result.stderr and "ZZ9" in result.stderr
    assert "Traceback" not in result.output
    unknown = runner.invoke(app, ["checklist", "show", "nope"])
    assert unknown.exit_code == 2 and "nope" in unknown.stderr
    fmt = runner.invoke(app, ["checklist", "show", "--format", "xml"])
    assert fmt.exit_code == 2


def test_resolve_refuses_a_rule_reading_a_field_center_yaml_lacks(tmp_path: Path) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text(
        "kind: profile\nschema_version: 1\nid: p\ntitle: {zh: 测试, en: Test}\n"
        "extends: gbt36735-annual\nparams:\n  A1:\n    path: hall.opne_space\n", encoding="utf-8")
    result = runner.invoke(app, ["checklist", "resolve", "--profile", str(profile),
                                 "--lang", "en"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "p.yaml:8:11" in result.stderr
    assert "names hall.opne_space, a field center.yaml does not have" in result.stderr
    profile.write_text(profile.read_text(encoding="utf-8").replace("opne", "open"),
                       encoding="utf-8")
    assert runner.invoke(app, ["checklist", "resolve", "--profile", str(profile)]).exit_code == 0
