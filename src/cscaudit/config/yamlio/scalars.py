"""YAML 1.2 core-schema scalars: what a plain or tagged scalar's text means as Python data.

Dates stay strings and YAML 1.1 boolean spellings (`on`, `yes`, ...) stay strings (the loader
records them so a validator can flag them). A number Python cannot hold or print as written
is refused rather than changed: an integer of more than `MAX_INT_DIGITS` digits (Python's
int-to-text limit, which would otherwise fail later, at the first message or report that
shows it) and a float beyond the largest double (which would silently become infinity).
Refusals are `Refused`, which the loader turns into a located `YamlError`.
"""

from __future__ import annotations

import math
import re
from typing import Any

from cscaudit.config.yamlio.model import YamlValue
from cscaudit.i18n import MESSAGE_VALUE_CHARS as MESSAGE_VALUE_CHARS
from cscaudit.i18n import Text, t
from cscaudit.i18n import clip as clip

MAX_INT_DIGITS = 4300  # CPython's default int-str conversion limit (sys.int_info)
_INT_LIMIT = 10**MAX_INT_DIGITS

_SPECIAL_FIRST = frozenset("~nNtTfF0123456789+-.")  # how a non-string plain scalar begins
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_BOOL_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT10 = re.compile(r"^[-+]?[0-9]+$")
_INT8 = re.compile(r"^0o[0-7]+$")
_INT16 = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")
YAML11_BOOLS = frozenset(
    ["y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF"]
)
TAG_PREFIX = "tag:yaml.org,2002:"


class Refused(ValueError):
    """A construct that cannot be read as written; `message` says how to write it, `mark`
    (line, column; 1-based) is where, when it is not the current event's place."""

    def __init__(self, message: Text, mark: tuple[int, int] | None = None) -> None:
        super().__init__(message.en)
        self.message = message
        self.mark = mark


def _too_large(text: str) -> Refused:
    return Refused(t(
        f"整数 {clip(text)} 超过 {MAX_INT_DIGITS} 位，无法使用：如果它是编号或文字，请加引号",
        f"the integer {clip(text)} has more than {MAX_INT_DIGITS} digits and cannot be used: "
        "if it is an id or text, put it in quotes",
    ))


def _int(text: str, digits: str, base: int) -> int:
    if base == 10 and len(digits.lstrip("+-")) > MAX_INT_DIGITS:
        raise _too_large(text)
    value = int(digits, base)
    if abs(value) >= _INT_LIMIT:
        raise _too_large(text)
    return value


def _float(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise Refused(t(
            f"数值 {clip(text)} 超出范围（会被读成无穷大）：如果它是文字，请加引号；"
            "如果指无穷大，请写 .inf",
            f"the number {clip(text)} is out of range (it would be read as infinity): "
            "if it is text, put it in quotes; for infinity write .inf",
        ))
    return value


def resolve_plain(value: str) -> YamlValue:
    """The core-schema value of an untagged plain scalar."""
    if value and value[0] not in _SPECIAL_FIRST:
        return value
    if _NULL.match(value):
        return None
    if _BOOL_TRUE.match(value):
        return True
    if _BOOL_FALSE.match(value):
        return False
    if _INT10.match(value):
        return _int(value, value, 10)
    if _INT8.match(value):
        return _int(value, value[2:], 8)
    if _INT16.match(value):
        return _int(value, value[2:], 16)
    if _FLOAT.match(value):
        return _float(value)
    if _INF.match(value):
        return float("-inf") if value.startswith("-") else float("inf")
    if _NAN.match(value):
        return float("nan")
    return value


def resolve_tagged(tag: str, value: str) -> YamlValue:
    """The value of a scalar with an explicit tag; only the core-schema tags are known."""
    kind = tag[len(TAG_PREFIX):] if tag.startswith(TAG_PREFIX) else None
    if kind == "str":
        return value
    if kind in ("int", "float", "bool", "null"):
        resolved: Any = resolve_plain(value)
        expected: dict[str, tuple[type, ...]] = {
            "int": (int,), "float": (int, float), "bool": (bool,), "null": (type(None),),
        }
        if isinstance(resolved, expected[kind]) and not (
            kind != "bool" and isinstance(resolved, bool)
        ):
            return float(value) if kind == "float" else resolved
        shown = clip(repr(value))
        raise Refused(t(f"值 {shown} 不符合标签 !!{kind}",
                              f"value {shown} does not match !!{kind}"))
    raise Refused(t(f"不支持的 YAML 标签 {clip(tag)}：请删除标签",
                          f"unsupported YAML tag {clip(tag)}: remove it"))
