"""Parameter deep merge (property tests) and the schemas' shared definitions."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from cscaudit.checklist.profiles import merge_params
from cscaudit.resources import schema_dir

keys = st.sampled_from(["a", "b", "c", "d"])
leaves = st.one_of(st.integers(), st.text(max_size=3), st.lists(st.integers(), max_size=3))
trees = st.recursive(leaves, lambda inner: st.dictionaries(keys, inner, max_size=3), max_leaves=8)
params = st.dictionaries(keys, trees, max_size=4)


@given(params, params)
def test_merge_keeps_what_the_change_does_not_touch(base: dict[str, Any],
                                                     change: dict[str, Any]) -> None:
    merged = merge_params(base, change)
    for key, value in base.items():
        if key not in change:
            assert merged[key] == value
    for key, value in change.items():
        if not (isinstance(value, dict) and isinstance(base.get(key), dict)):
            assert merged[key] == value


@given(params, params)
def test_merge_does_not_alter_its_inputs(base: dict[str, Any], change: dict[str, Any]) -> None:
    before = json.dumps([base, change], sort_keys=True)
    merge_params(base, change)
    assert json.dumps([base, change], sort_keys=True) == before


@given(params)
def test_merging_nothing_or_itself_is_identity(base: dict[str, Any]) -> None:
    assert merge_params(base, {}) == base
    assert merge_params(base, base) == base


def test_null_removes_a_key_and_mappings_merge() -> None:
    base = {"limits": {"urgent": 2, "normal": 168}, "required": ["a", "b"], "x": 1}
    change = {"limits": {"urgent": 1}, "required": ["c"], "x": None}
    assert merge_params(base, change) == {"limits": {"urgent": 1, "normal": 168},
                                          "required": ["c"]}


def test_profile_schema_shares_the_checklist_definitions() -> None:
    checklist = json.loads((schema_dir() / "checklist.schema.json").read_text(encoding="utf-8"))
    profile = json.loads((schema_dir() / "profile.schema.json").read_text(encoding="utf-8"))
    for name, definition in checklist["$defs"].items():
        assert profile["$defs"][name] == definition, name


def test_schemas_are_bilingual_and_versioned() -> None:
    for kind in ("checklist", "profile", "waivers", "calendar"):
        schema = json.loads((schema_dir() / f"{kind}.schema.json").read_text(encoding="utf-8"))
        assert schema["$id"] == f"https://cscaudit.github.io/schema/1/{kind}.schema.json"
        assert schema["properties"]["kind"] == {"const": kind, "title": "文档类型 / document kind"}
        assert schema["properties"]["schema_version"]["const"] == 1
        assert " / " in schema["title"] and " / " in schema["description"]
