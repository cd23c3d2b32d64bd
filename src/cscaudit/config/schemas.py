"""The JSON Schemas shipped in `standards/schema/`, one per document kind, compiled once.

A schema file is `standards/schema/<kind>.schema.json` (Draft 2020-12, with an `$id`).
Validators are built lazily and cached for the life of the process, so validating a thousand
files compiles each schema once.
"""

from __future__ import annotations

import json
from functools import cache
from typing import TYPE_CHECKING, Any

from cscaudit.config.yamlio.model import JsonObject
from cscaudit.resources import schema_dir

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

SCHEMA_SUFFIX = ".schema.json"


@cache
def known_kinds() -> tuple[str, ...]:
    """Every document kind that has a schema, sorted."""
    return tuple(sorted(p.name[: -len(SCHEMA_SUFFIX)] for p in schema_dir().glob("*" + SCHEMA_SUFFIX)))


@cache
def schema_for(kind: str) -> JsonObject:
    """The parsed schema of `kind`; KeyError when there is none."""
    path = schema_dir() / f"{kind}{SCHEMA_SUFFIX}"
    if not path.is_file():
        raise KeyError(kind)
    with open(path, encoding="utf-8") as fh:
        schema: dict[str, Any] = json.load(fh)
    return schema


_ANNOTATIONS = frozenset(["title", "description", "$comment", "examples", "default"])
_DATA_KEYWORDS = frozenset(["const", "enum", "default", "examples"])


def inline_local_refs(schema: JsonObject) -> JsonObject:
    """The schema with `{"$ref": "#/$defs/x"}` replaced by the definition itself.

    Resolving a `$ref` costs jsonschema a registry lookup on every use, about half of the
    validation time of a small document. Only plain local references are inlined: a `$ref`
    with sibling keywords other than annotations, or one inside its own definition
    (recursion), is left as it is, so the meaning of the schema does not change.
    """
    defs = schema.get("$defs", {})

    def walk(node: Any, active: frozenset[str]) -> Any:
        if isinstance(node, list):
            return [walk(item, active) for item in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        name = ref[len("#/$defs/"):] if isinstance(ref, str) and ref.startswith("#/$defs/") \
            else None
        if name is not None and "/" not in name and name in defs and name not in active \
                and set(node) - {"$ref"} <= _ANNOTATIONS:
            target = walk(defs[name], active | {name})
            if isinstance(target, dict):
                return {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        return {k: v if k in _DATA_KEYWORDS else walk(v, active) for k, v in node.items()}

    result: dict[str, Any] = walk(schema, frozenset())
    return result


@cache
def validator_for(kind: str) -> Draft202012Validator:
    """A compiled Draft 2020-12 validator for `kind`, with format checking on."""
    from jsonschema import Draft202012Validator

    schema = inline_local_refs(schema_for(kind))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
