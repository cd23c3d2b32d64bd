"""Indicator params that passed their kind's PARAMS_SCHEMA are remembered (`schema_memo`), so
an audit of an unchanged checklist does not import jsonschema; anything else is checked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from cscaudit.checklist import resolution as checklist
from cscaudit.checklist.resolution import resolve
from cscaudit.config import schema_memo
from cscaudit.errors import ConfigError


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CSCAUDIT_CACHE_DIR", str(folder))
    monkeypatch.setattr(checklist, "_CACHE", {})  # no in-process hit either
    return folder


def _refuse_schema(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: Any, **__: Any) -> Any:
        raise AssertionError("PARAMS_SCHEMA checked again")
    monkeypatch.setattr(jsonschema, "Draft202012Validator", refuse)


def _profile(tmp_path: Path, params: str) -> Path:
    path = tmp_path / "p7.yaml"
    path.write_text("kind: profile\nschema_version: 1\nid: p7\ntitle: {zh: 七, en: seven}\n"
                    f"extends: gbt36735-annual\nparams:\n  A1: {params}\n", encoding="utf-8")
    return path


def test_params_that_passed_are_not_checked_again_and_bad_ones_still_are(
        cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = resolve()
    assert list(cache.rglob("*")), "nothing remembered"
    monkeypatch.setattr(checklist, "_CACHE", {})
    with pytest.raises(ConfigError) as info:  # changed params: checked, refused
        resolve(profile=_profile(tmp_path, "{bogus: 1}"))
    assert info.value.line == 7 and "bogus" in info.value.message.en
    monkeypatch.setattr(checklist, "_CACHE", {})
    with pytest.raises(ConfigError):  # a refusal is never remembered
        resolve(profile=_profile(tmp_path, "{bogus: 1}"))
    monkeypatch.setattr(checklist, "_CACHE", {})
    _refuse_schema(monkeypatch)
    again = resolve()
    assert again.indicators == first.indicators  # params and their filled defaults alike
    monkeypatch.setenv("CSCAUDIT_CACHE_DIR", "off")  # no cache: checked every time
    monkeypatch.setattr(checklist, "_CACHE", {})
    with pytest.raises(AssertionError, match="checked again"):
        resolve()


@pytest.mark.parametrize("value", [
    {"a": (1, 2)},  # a tuple is not the schema's array: it must not share a list's key
    {"a": dt.date(2024, 1, 1)},
    {1: "x"},  # would share "1"'s key
    [{"a": {"b": [object()]}}],
])
def test_data_that_is_not_plain_json_is_never_remembered(value: Any) -> None:
    assert schema_memo.json_payload(value) is None


def test_plain_json_keys_tell_types_apart() -> None:
    values: list[Any] = [[1], [1.0], [True], ["1"], [None], [{}]]
    payloads = {schema_memo.json_payload(v) for v in values}
    assert len(payloads) == 6 and None not in payloads
    assert schema_memo.json_payload({"b": 1, "a": 2}) == schema_memo.json_payload({"a": 2, "b": 1})
