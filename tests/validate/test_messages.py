"""One plain bilingual message per JSON Schema keyword."""

from __future__ import annotations

from typing import Any

import pytest
from jsonschema import Draft202012Validator

from cscaudit.config.schema_messages import closest, deepest, explain

SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["name"],
    "properties": {
        "name": {"type": "string", "minLength": 2, "maxLength": 5},
        "level": {"enum": ["shall", "should"]},
        "code": {"type": "string", "pattern": "^[a-z]+$"},
        "on": {"type": "string", "format": "date"},
        "points": {"type": "number", "minimum": 0, "maximum": 10},
        "ratio": {"type": "number", "exclusiveMinimum": 0},
        "version": {"const": 1},
        "tags": {"type": "array", "minItems": 1, "maxItems": 2, "uniqueItems": True},
        "justification": {"oneOf": [
            {"type": "string", "minLength": 1},
            {"type": "object", "required": ["zh", "en"],
             "properties": {"zh": {"type": "string"}, "en": {"type": "string"}}},
        ]},
    },
}
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _only_error(instance: dict[str, Any]) -> Any:
    errors = list(VALIDATOR.iter_errors({"name": "ok", **instance}))
    assert len(errors) == 1, [e.message for e in errors]
    return errors[0]


@pytest.mark.parametrize(
    ("instance", "zh", "en"),
    [
        ({"name": 3}, "应为文本，实际是 3", "expected text, got 3"),
        ({"name": "x"}, "至少 2 个", "at least 2 characters"),
        ({"name": "abcdefg"}, "至多 5 个", "at most 5 characters"),
        ({"level": "shal"}, "可选：'shall'、'should'", "did you mean 'shall'?"),
        ({"code": "AB"}, "写法不符合要求", "pattern ^[a-z]+$"),
        ({"on": "2024-02-30"}, "不是有效的YYYY-MM-DD", "not a date as YYYY-MM-DD"),
        ({"points": -1}, "应不小于 0", "must be at least 0"),
        ({"points": 11}, "应不大于 10", "must be at most 10"),
        ({"ratio": 0}, "应大于 0", "greater than 0"),
        ({"version": 2}, "必须是 1", "must be 1, got 2"),
        ({"tags": []}, "至少 1 个", "at least 1 items"),
        ({"tags": ["a", "b", "c"]}, "至多 2 个", "at most 2 items"),
        ({"tags": ["a", "a"]}, "重复项 'a'", "repeats 'a'"),
        ({"nmae": "x"}, "未知的键 “nmae”；是否应为 “name”", "did you mean 'name'?"),
    ],
)
def test_keyword_messages(instance: dict[str, Any], zh: str, en: str) -> None:
    message = explain(_only_error(instance))
    assert zh in message.zh
    assert en in message.en


def test_required_names_the_missing_key() -> None:
    [error] = list(VALIDATOR.iter_errors({}))
    assert explain(error).zh == "缺少必填项 “name”：请补上"
    assert "missing required key 'name'" in explain(error).en


def test_one_of_explains_the_best_matching_branch() -> None:
    error = _only_error({"justification": {"zh": "理由"}})
    inner = deepest(error)
    assert inner.validator == "required"
    assert "'en'" in explain(error).en


def test_bool_type_message_says_true_false() -> None:
    validator = Draft202012Validator({"type": "boolean"})
    [error] = list(validator.iter_errors("yes"))
    assert "true/false" in explain(error).en


def test_closest_suggests_only_close_names() -> None:
    assert closest("amenites", ["amenities", "zones"]) == "amenities"
    assert closest("zzz", ["amenities", "zones"]) is None
