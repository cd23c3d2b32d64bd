"""The validity cache: unchanged valid files skip the schema, anything else is checked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cscaudit.config import documents, schema_memo
from cscaudit.errors import ConfigError
from tests.validate.conftest import FIXTURES, run_json

VALID = (FIXTURES / "valid" / "waivers.yaml").read_text(encoding="utf-8")


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CSCAUDIT_CACHE_DIR", str(folder))
    return folder


def _no_schema(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(kind: str) -> Any:
        raise AssertionError(f"schema of {kind} used")
    monkeypatch.setattr(documents, "validator_for", refuse)


def test_a_valid_file_is_remembered_and_then_skips_the_schema(
        cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(VALID, encoding="utf-8")
    assert not schema_memo.known_valid(path, "waivers")
    assert run_json(str(path))[0] == 0
    assert schema_memo.known_valid(path, "waivers")
    markers = [p for p in (cache / "valid").rglob("*") if p.is_file()]  # the params' too
    assert markers and all(p.parent.parent == cache / "valid"  # valid/<2 hex>/<digest>
                           and p.name.startswith(p.parent.name) for p in markers)
    _no_schema(monkeypatch)
    assert run_json(str(path))[0] == 0
    assert documents.load_document(path, "waivers").data["kind"] == "waivers"


def test_a_changed_or_invalid_file_is_checked_again(
        cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(VALID, encoding="utf-8")
    assert run_json(str(path))[0] == 0
    path.write_text(VALID.replace('start: "2024-01-01"', 'start: "2024-13-01"'), encoding="utf-8")
    assert not schema_memo.known_valid(path, "waivers")
    code, report = run_json(str(path))
    assert code == 1 and report["files"][0]["problems"][0]["code"] == "schema"
    assert not schema_memo.known_valid(path, "waivers")  # still invalid: never remembered
    with pytest.raises(ConfigError):
        documents.load_document(path, "waivers")
    assert not schema_memo.known_valid(path, "waivers")


def test_the_kind_is_part_of_the_key(cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(VALID, encoding="utf-8")
    assert run_json(str(path))[0] == 0
    assert schema_memo.known_valid(path, "waivers") and not schema_memo.known_valid(path, "center")


def test_cache_off_and_unwritable_cache_are_harmless(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(VALID, encoding="utf-8")
    monkeypatch.setenv("CSCAUDIT_CACHE_DIR", "off")
    assert schema_memo.cache_dir() is None
    assert run_json(str(path))[0] == 0
    assert not schema_memo.known_valid(path, "waivers")
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("CSCAUDIT_CACHE_DIR", str(blocker))  # a file, not a folder
    assert run_json(str(path))[0] == 0
    assert not schema_memo.known_valid(path, "waivers")
