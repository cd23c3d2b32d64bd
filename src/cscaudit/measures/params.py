"""A measure's parameters with the defaults of its `PARAMS_SCHEMA` filled in.

The schema is the one place a parameter's default lives. Checklist resolution fills every
indicator's params with `fill_defaults` (`checklist/draft.py`), so a kind reads `spec.params[name]`,
never `spec.params.get(name, <a second copy of the default>)`
(`tests/audit/measures/test_param_defaults.py` scans for that). A kind that builds parameters
itself (a part of `ledger_integrity`, the worker card without such an indicator) calls the
same function.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from cscaudit.config.yamlio.model import YamlDict, YamlMapping


def schema_defaults(schema: YamlMapping) -> YamlDict:
    """Parameter name -> its default, for the top-level properties that declare one."""
    properties: Mapping[str, Any] = schema.get("properties") or {}
    return {name: copy.deepcopy(prop["default"]) for name, prop in properties.items()
            if isinstance(prop, Mapping) and "default" in prop}


def _fill(schema: Mapping[str, Any], params: Mapping[str, Any], prefix: str,
          defaulted: list[str]) -> dict[str, Any]:
    properties: Mapping[str, Any] = schema.get("properties") or {}
    filled = dict(params)
    for name, prop in properties.items():
        if not isinstance(prop, Mapping):
            continue
        path = f"{prefix}{name}"
        if name not in filled and "default" in prop:
            filled[name] = copy.deepcopy(prop["default"])
            defaulted.append(path)
        value = filled.get(name)
        if isinstance(value, Mapping) and prop.get("properties"):
            filled[name] = _fill(prop, value, f"{path}/", defaulted)
    return filled


def fill_defaults(schema: YamlMapping, params: YamlMapping) -> YamlDict:
    """`params` with every parameter it leaves out that has a schema default set to it, also
    inside the nested objects it gives (`checks/visit_dates/grace_days`)."""
    return _fill(schema, params, "", [])


def default_paths(schema: YamlMapping, params: YamlMapping) -> tuple[str, ...]:
    """The parameter paths `fill_defaults` sets from the schema (not given in `params`)."""
    defaulted: list[str] = []
    _fill(schema, params, "", defaulted)
    return tuple(defaulted)
