"""A profile named by id that lives beside the document naming it (center.yaml's `profile:`,
another profile's `extends:`) is found there, as `cscaudit validate` finds it; an id found
nowhere is an error at the line that names it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cscaudit.checklist import resolution as checklist
from cscaudit.checklist.resolution import resolve
from cscaudit.cli.app import app
from cscaudit.config.yamlio import load_yaml
from cscaudit.errors import ConfigError

WUHAN = Path(__file__).resolve().parents[2] / "samples" / "centers" / "wuhan-jinyinhu-qinghe"
PARENT = """kind: profile
schema_version: 1
id: p-parent
title: {zh: 父, en: parent}
extends: gbt36735-annual
points: {A1: 4}
"""


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    checklist._CACHE.clear()


def _center_yaml(folder: Path, profile: str) -> Path:
    path = folder / "center.yaml"
    path.write_text(f"kind: center\nschema_version: 1\nid: c\nprofile: {profile}\n",
                    encoding="utf-8")
    return path


def test_center_yaml_profile_id_is_found_in_the_center_folder(tmp_path: Path) -> None:
    (tmp_path / "local.yaml").write_text(PARENT, encoding="utf-8")  # named other than its id
    center = _center_yaml(tmp_path, "p-parent")
    resolved = resolve(profile="p-parent", named_in=load_yaml(center))
    assert resolved.profile_id == "p-parent" and resolved.indicator("A1").points == 4


def test_extends_id_is_found_beside_the_profile(tmp_path: Path) -> None:
    (tmp_path / "p-parent.yaml").write_text(PARENT, encoding="utf-8")
    child = tmp_path / "child.yaml"
    child.write_text(PARENT.replace("id: p-parent", "id: p-child")
                     .replace("extends: gbt36735-annual", "extends: p-parent")
                     .replace("points: {A1: 4}", "points: {A2: 2}"), encoding="utf-8")
    resolved = resolve(profile=child)
    assert resolved.layers == ("gbt36735-annual", "p-parent", "p-child")
    assert (resolved.indicator("A1").points, resolved.indicator("A2").points) == (4, 2)


def test_an_id_found_nowhere_is_an_error_at_center_yaml(tmp_path: Path) -> None:
    center = _center_yaml(tmp_path, "p-nope")
    with pytest.raises(ConfigError) as info:
        resolve(profile="p-nope", named_in=load_yaml(center))
    assert (info.value.file, info.value.line) == (str(center), 4)
    assert "p-nope" in info.value.message.en and str(tmp_path) in info.value.message.en


def test_audit_uses_the_profile_beside_center_yaml(tmp_path: Path) -> None:
    center = tmp_path / WUHAN.name
    shutil.copytree(WUHAN, center)
    (center / "p-parent.yaml").write_text(
        PARENT.replace("gbt36735-annual", "wuhan-jinyinhu-yigang"), encoding="utf-8")
    yaml = center / "center.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace(
        "profile: wuhan-jinyinhu-yigang", "profile: p-parent"), encoding="utf-8")
    run = CliRunner().invoke(app, ["audit", str(center), "--no-xlsx", "-q", "--fail-on", "不合格"])
    assert run.exit_code == 1, run.output
    run = CliRunner().invoke(app, ["audit", str(center), "--no-xlsx", "-q",
                                   "--json", str(tmp_path / "r.json")])
    assert run.exit_code == 0, run.output
    assert '"profile": "p-parent"' in (tmp_path / "r.json").read_text(encoding="utf-8")
