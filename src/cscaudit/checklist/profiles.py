"""Apply a profile (kind: profile) to the checklist being resolved.

A profile changes what a street office or city does differently: it deselects indicators
(they stay on the scorecard as not applicable, with the profile's reason), changes points,
parameters (deep-merged key by key: a mapping merges into the inherited mapping, anything else
replaces it, and `null` removes the key), scoring and severity, adds areas and indicators, and
replaces grade bands, composite weights, the excellent cap, the maximum points and the list of
tables a center must provide (`required_tables`).

A setting that cannot take effect is an error with the profile's file, line and column: an
unknown indicator, a change to an indicator that is deselected, deselecting twice. (Parameters
the kind does not accept are caught when the draft is frozen, at the same position.)
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from cscaudit.checklist.draft import Draft, Layer, leaf_keys, scoring_problem, text_of
from cscaudit.config.yamlio import JsonPath
from cscaudit.config.yamlio.model import YamlDict, YamlMapping
from cscaudit.i18n import t


def merge_params(base: YamlDict, change: YamlMapping) -> YamlDict:
    """`change` deep-merged into a copy of `base`: mappings merge, null removes, rest replaces."""
    merged = copy.deepcopy(base)
    for key, value in change.items():
        if value is None:
            merged.pop(key, None)
        elif isinstance(value, Mapping) and isinstance(merged.get(key), dict):
            merged[key] = merge_params(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def _target(draft: Draft, layer: Layer, iid: str, path: JsonPath, what: str) -> dict[str, Any]:
    """The indicator a setting names; an error when it does not exist or is deselected."""
    if iid not in draft.indicators:
        known = ", ".join(draft.indicators)
        raise layer.error(t(f"{what}：指标 {iid} 不存在（现有：{known}）",
                            f"{what}: there is no indicator {iid} (known: {known})"), path)
    if iid in draft.deselected:
        by = draft.origins[f"indicators/{iid}/deselected"]
        raise layer.error(t(f"{what}：指标 {iid} 已被停用（{by}），此设置不会生效",
                            f"{what}: indicator {iid} is deselected ({by}), so this setting "
                            "cannot take effect"), path)
    return draft.indicators[iid]


def _deselect(draft: Draft, layer: Layer, entries: list[dict[str, Any]]) -> None:
    for i, entry in enumerate(entries):
        iid = str(entry["indicator"])
        path: JsonPath = ("deselect", i, "indicator")
        _target(draft, layer, iid, path, "deselect")
        draft.deselected[iid] = text_of(entry["reason"])
        draft.origins[f"indicators/{iid}/deselected"] = layer.origin(("deselect", i))


def _set_values(draft: Draft, layer: Layer, data: Mapping[str, Any]) -> None:
    for iid, points in (data.get("points") or {}).items():
        _target(draft, layer, iid, ("points", iid), "points")["points"] = points
        draft.origins[f"indicators/{iid}/points"] = layer.origin(("points", iid))
    for iid, severity in (data.get("severity") or {}).items():
        _target(draft, layer, iid, ("severity", iid), "severity")["severity"] = severity
        draft.origins[f"indicators/{iid}/severity"] = layer.origin(("severity", iid))
    for iid, scoring in (data.get("scoring") or {}).items():
        indicator = _target(draft, layer, iid, ("scoring", iid), "scoring")
        problem = scoring_problem(scoring)
        if problem is not None:
            raise layer.error(problem, ("scoring", iid))
        indicator["scoring"] = dict(scoring)
        draft.origins[f"indicators/{iid}/scoring"] = layer.origin(("scoring", iid))
    for iid, change in (data.get("params") or {}).items():
        indicator = _target(draft, layer, iid, ("params", iid), "params")
        indicator["params"] = merge_params(indicator["params"], change)
        prefix = f"indicators/{iid}/params"
        for key, rel in leaf_keys(prefix, change):
            for stale in [k for k in draft.origins if k == key or k.startswith(key + "/")]:
                del draft.origins[stale]
            draft.origins[key] = layer.origin(("params", iid, *rel))
    for iid, sources in (data.get("param_sources") or {}).items():
        _target(draft, layer, iid, ("param_sources", iid), "param_sources")
        draft.set_param_sources(layer, iid, sources, ("param_sources", iid))


def _add(draft: Draft, layer: Layer, data: Mapping[str, Any]) -> None:
    for i, area in enumerate(data.get("areas") or []):
        draft.add_area(layer, area, ("areas", i))
    for i, indicator in enumerate(data.get("add") or []):
        draft.add_indicator(layer, indicator, ("add", i))


def _replace_globals(draft: Draft, layer: Layer, data: Mapping[str, Any]) -> None:
    if "grades" in data:
        draft.set_grades(layer, data["grades"], ("grades",))
    if "composite" in data:
        draft.set_composite(layer, data["composite"], ("composite",))
    if data.get("excellent_cap") is not None:
        draft.excellent_cap = float(data["excellent_cap"])
        draft.origins["excellent_cap"] = layer.origin(("excellent_cap",))
    if "required_tables" in data:
        draft.set_required_tables(layer, data["required_tables"])
    if data.get("max_points") is not None:
        draft.max_points = float(data["max_points"])
        draft.origins["max_points"] = layer.origin(("max_points",))


def apply_profile(draft: Draft, layer: Layer) -> None:
    """Apply one schema-valid profile document to `draft`, in place."""
    data = layer.loaded.data
    _add(draft, layer, data)
    _deselect(draft, layer, data.get("deselect") or [])
    _set_values(draft, layer, data)
    _replace_globals(draft, layer, data)
    draft.layers.append(layer.id)
    draft.files.append((layer.name, layer.loaded.path))
    draft.profile_id = layer.id
