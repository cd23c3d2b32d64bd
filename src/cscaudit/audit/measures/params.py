"""A measure's parameters with the defaults of its `PARAMS_SCHEMA` filled in.

The schema is the one place a parameter's default lives: a kind reads `resolved[name]`, never
`params.get(name, <a second copy of the default>)`. The checklist's provenance check
(`audit/param_sources.py`) reads the same defaults to know which numbers a kind will use.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any


def schema_defaults(schema: Mapping[str, Any]) -> dict[str, Any]:
    """Parameter name -> its default, for the properties that declare one."""
    properties: Mapping[str, Any] = schema.get("properties") or {}
    return {name: copy.deepcopy(prop["default"]) for name, prop in properties.items()
            if isinstance(prop, Mapping) and "default" in prop}


def with_defaults(schema: Mapping[str, Any], params: Mapping[str, Any]) -> dict[str, Any]:
    """`params` with every missing parameter that has a schema default set to it."""
    return {**schema_defaults(schema), **params}
