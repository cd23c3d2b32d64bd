"""The JSON Schemas shipped in `standards/schema/`, one per document kind, compiled once.

A schema file is `standards/schema/<kind>.schema.json` (Draft 2020-12, with an `$id`).
Validators are built lazily and cached for the life of the process, so validating a thousand
files compiles each schema once.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from cscaudit.resources import schema_dir

SCHEMA_SUFFIX = ".schema.json"


@cache
def known_kinds() -> tuple[str, ...]:
    """Every document kind that has a schema, sorted."""
    return tuple(sorted(p.name[: -len(SCHEMA_SUFFIX)] for p in schema_dir().glob("*" + SCHEMA_SUFFIX)))


@cache
def schema_for(kind: str) -> dict[str, Any]:
    """The parsed schema of `kind`; KeyError when there is none."""
    path = schema_dir() / f"{kind}{SCHEMA_SUFFIX}"
    if not path.is_file():
        raise KeyError(kind)
    with open(path, encoding="utf-8") as fh:
        schema: dict[str, Any] = json.load(fh)
    return schema


@cache
def validator_for(kind: str) -> Any:
    """A compiled Draft 2020-12 validator for `kind`, with format checking on."""
    from jsonschema import Draft202012Validator

    schema = schema_for(kind)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
