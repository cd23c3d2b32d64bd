"""A parameter a profile removes (`null`) that the kind requires is an error at the profile's
line, not at the checklist's indicator."""

from __future__ import annotations

from pathlib import Path

import pytest

from cscaudit.checklist.resolution import resolve
from cscaudit.errors import ConfigError


def _profile(tmp_path: Path, params: str) -> Path:
    path = tmp_path / "p7.yaml"
    path.write_text("kind: profile\nschema_version: 1\nid: p7\ntitle: {zh: 七, en: seven}\n"
                    f"extends: gbt36735-annual\nparams:\n  A1: {params}\n", encoding="utf-8")
    return path


def test_removing_a_required_parameter_is_an_error_at_the_profile(tmp_path: Path) -> None:
    path = _profile(tmp_path, "{path: null}")
    with pytest.raises(ConfigError) as info:
        resolve(profile=path)
    assert info.value.file is not None and info.value.file.endswith("p7.yaml")
    assert info.value.line == 7
    assert "path" in info.value.message.en


def test_an_unknown_parameter_is_still_at_its_own_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        resolve(profile=_profile(tmp_path, "{bogus: 1}"))
    assert info.value.file is not None and info.value.file.endswith("p7.yaml")
    assert info.value.line == 7
