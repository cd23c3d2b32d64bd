"""Plain bilingual messages for JSON Schema errors, one rule per validator keyword.

`explain(error)` turns a jsonschema `ValidationError` into a `Text` that a center's staff can
act on: what is wrong, with the allowed values or the expected form, and what to write
instead. `deepest(error)` follows `oneOf`/`anyOf` errors down to the most relevant branch
(jsonschema's `best_match`), so both the message and its location name the real mistake.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from cscaudit.config.yamlio.model import YamlValue
from cscaudit.config.yamlio.scalars import clip
from cscaudit.i18n import Text, t
from cscaudit.suggest import closest, did_you_mean

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

__all__ = ["closest", "deepest", "did_you_mean", "explain", "show", "unknown_key"]

_TYPES_ZH = {
    "string": "文本", "integer": "整数", "number": "数字", "boolean": "布尔值（true/false）",
    "object": "映射（键: 值）", "array": "列表", "null": "空值",
}
_TYPES_EN = {
    "string": "text", "integer": "an integer", "number": "a number",
    "boolean": "a boolean (true/false)", "object": "a mapping (key: value)",
    "array": "a list", "null": "null",
}
_FORMATS = {
    "date": ("YYYY-MM-DD 格式的日期（如 2024-03-01）", "a date as YYYY-MM-DD (e.g. 2024-03-01)"),
    "date-time": ("日期时间（如 2024-03-01T09:00:00+08:00）",
                  "a date-time (e.g. 2024-03-01T09:00:00+08:00)"),
    "time": ("时间（如 09:00:00+08:00）", "a time (e.g. 09:00:00+08:00)"),
    "email": ("电子邮箱地址", "an e-mail address"),
    "uri": ("完整网址（如 https://…）", "a full URL (e.g. https://…)"),
}


def show(value: YamlValue, limit: int = 40) -> str:
    """A short, readable rendering of an instance value for a message."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif value is None:
        text = "null"
    elif isinstance(value, str):
        text = repr(value)
    elif isinstance(value, dict):
        text = "{…}"
    elif isinstance(value, list):
        text = "[…]"
    else:
        text = str(value)
    return clip(text, limit)


def _types(value: Any) -> tuple[str, str]:
    names = value if isinstance(value, list) else [value]
    zh = "或".join(_TYPES_ZH.get(str(n), str(n)) for n in names)
    en = " or ".join(_TYPES_EN.get(str(n), str(n)) for n in names)
    return zh, en


def deepest(error: ValidationError) -> ValidationError:
    """For oneOf/anyOf, the most relevant nested error (repeatedly); else the error itself."""
    from jsonschema.exceptions import best_match

    seen = 0
    while error.validator in ("oneOf", "anyOf") and error.context and seen < 20:
        # A branch that failed on `type` is the wrong branch; prefer a branch of the right
        # type that failed on a detail (a missing key, a bad value).
        branches = {e.relative_schema_path[0] for e in error.context
                    if e.validator == "type" and not e.relative_path}
        detailed = [e for e in error.context if e.relative_schema_path[0] not in branches]
        error = best_match(detailed or error.context)
        seen += 1
    return error


def unknown_key(key: str, known: Iterable[str]) -> Text:
    """The message for one key the schema does not allow."""
    known = sorted(known)
    shown = clip(key)
    return t(f"未知的键 “{shown}”", f"unknown key '{shown}'") + did_you_mean(key, known) + (
        t(f"（可用的键：{'、'.join(known)}）", f" (allowed keys: {', '.join(known)})")
        if known and len(known) <= 12 else t("", "")
    )


def _required(e: Any) -> Text:
    missing = [k for k in e.validator_value if isinstance(e.instance, dict) and k not in e.instance]
    names = missing or list(e.validator_value)
    return t(f"缺少必填项 “{'、'.join(names)}”：请补上", f"missing required key '{', '.join(names)}': add it")


def _type(e: Any) -> Text:
    zh, en = _types(e.validator_value)
    return t(f"应为{zh}，实际是 {show(e.instance)}", f"expected {en}, got {show(e.instance)}")


def _enum(e: Any) -> Text:
    allowed = [show(v) for v in e.validator_value]
    hint = did_you_mean(str(e.instance), [str(v) for v in e.validator_value]) \
        if isinstance(e.instance, str) else t("", "")
    return t(f"{show(e.instance)} 不是允许的值；可选：{'、'.join(allowed)}",
             f"{show(e.instance)} is not an allowed value; choose one of: {', '.join(allowed)}") + hint


def _const(e: Any) -> Text:
    return t(f"此处必须是 {show(e.validator_value)}，实际是 {show(e.instance)}",
             f"must be {show(e.validator_value)}, got {show(e.instance)}")


def _additional(e: Any) -> Text:
    known = list(e.schema.get("properties", {}))
    extras = [k for k in e.instance if k not in known] if isinstance(e.instance, dict) else []
    if len(extras) == 1:
        return unknown_key(str(extras[0]), known)
    return t(f"未知的键：{'、'.join(map(str, extras))}", f"unknown keys: {', '.join(map(str, extras))}")


def _pattern(e: Any) -> Text:
    return t(f"{show(e.instance)} 的写法不符合要求（规则：{e.validator_value}）",
             f"{show(e.instance)} is not in the expected form (pattern {e.validator_value})")


def _format(e: Any) -> Text:
    zh, en = _FORMATS.get(str(e.validator_value), (str(e.validator_value),) * 2)
    return t(f"{show(e.instance)} 不是有效的{zh}", f"{show(e.instance)} is not {en}")


def _bound(zh_op: str, en_op: str) -> Callable[[Any], Text]:
    def render(e: Any) -> Text:
        return t(f"{show(e.instance)} 应{zh_op} {e.validator_value}",
                 f"{show(e.instance)} must be {en_op} {e.validator_value}")
    return render


def _length(zh_what: str, en_what: str, *, at_least: bool) -> Callable[[Any], Text]:
    def render(e: Any) -> Text:
        n = e.validator_value
        zh_op, en_op = ("至少", "at least") if at_least else ("至多", "at most")
        return t(f"{zh_what}{zh_op} {n} 个", f"needs {en_op} {n} {en_what}")
    return render


def _unique(e: Any) -> Text:
    seen: list[Any] = []
    dup: Any = None
    for item in e.instance if isinstance(e.instance, list) else []:
        if item in seen:
            dup = item
            break
        seen.append(item)
    return t(f"列表中有重复项 {show(dup)}：每项只写一次",
             f"the list repeats {show(dup)}: list each item once")


def _one_of(e: Any) -> Text:
    if e.validator == "oneOf" and not e.context:
        return t("同时符合多种写法，含义不明确：请只保留一种",
                 "matches more than one allowed form: keep just one")
    inner = deepest(e)
    if inner is e:
        return t("不符合任何一种允许的写法", "matches none of the allowed forms")
    return explain(inner)


def _dependent(e: Any) -> Text:
    return t(f"填写了此项时还须填写：{e.message}", f"when this is given, also give: {e.message}")


def _not(e: Any) -> Text:
    return t(f"{show(e.instance)} 在此处不允许", f"{show(e.instance)} is not allowed here")


def _false(e: Any) -> Text:
    return t("此处不允许任何值：请删除", "nothing is allowed here: remove it")


_RULES: dict[str, Callable[[Any], Text]] = {
    "required": _required,
    "type": _type,
    "enum": _enum,
    "const": _const,
    "additionalProperties": _additional,
    "unevaluatedProperties": _additional,
    "pattern": _pattern,
    "format": _format,
    "minimum": _bound("不小于", "at least"),
    "maximum": _bound("不大于", "at most"),
    "exclusiveMinimum": _bound("大于", "greater than"),
    "exclusiveMaximum": _bound("小于", "less than"),
    "multipleOf": _bound("是以下数的整数倍：", "a multiple of"),
    "minItems": _length("列表的项", "items", at_least=True),
    "maxItems": _length("列表的项", "items", at_least=False),
    "minLength": _length("文字的字符", "characters", at_least=True),
    "maxLength": _length("文字的字符", "characters", at_least=False),
    "minProperties": _length("键", "keys", at_least=True),
    "maxProperties": _length("键", "keys", at_least=False),
    "uniqueItems": _unique,
    "oneOf": _one_of,
    "anyOf": _one_of,
    "dependentRequired": _dependent,
    "not": _not,
    "false": _false,
}


def explain(error: ValidationError) -> Text:
    """A plain Chinese and English message for one jsonschema `ValidationError`."""
    rule = _RULES.get(str(error.validator))
    if rule is None:
        if error.validator is None or error.schema is False:
            return _false(error)
        message = str(error.message)
        return t(f"不符合规则 {error.validator}：{message}", f"fails {error.validator}: {message}")
    return rule(error)
