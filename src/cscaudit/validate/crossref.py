"""Checks a JSON Schema cannot make: every id a document refers to must exist elsewhere.

- center: published service items, zones, postings and amenities are in the standard's
  catalogues; plan files exist and are plans, `exports.tables` names known tables and
  existing files (`center_refs`); inline plans have the required sections; the profile it
  follows resolves;
- emergency-plan: required sections present (synonyms accepted), unknown headings flagged;
- checklist and profile: requirement ids exist in the standard; measure kinds exist in the
  registry and their params validate against the kind's PARAMS_SCHEMA; catalogue ids named
  in params exist; a profile's `extends` resolves and the indicators it touches exist;
- waivers: each target is a known indicator or requirement id; ids unique, dates in order;
- district: listed centers exist, once each, with the id their center.yaml declares
  (`doc_checks`);
- inspection-findings beside a center.yaml: that center's id, not dated before its period
  (`findings_refs`).
An unknown id comes with the closest known one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from cscaudit.checklist.center_profile import profile_problem
from cscaudit.config.documents import DocProblem, schema_problems
from cscaudit.config.yamlio import JsonPath, LoadedYaml
from cscaudit.config.yamlio.scalars import clip
from cscaudit.i18n import Text, t
from cscaudit.suggest import did_you_mean
from cscaudit.validate.center_refs import check_exports, check_plan_file
from cscaudit.validate.doc_checks import check_district, check_waiver_ids_and_dates
from cscaudit.validate.findings_refs import check_findings_center
from cscaudit.validate.known import Known
from cscaudit.validate.out import Out
from cscaudit.validate.plans import check_plan_sections

CATALOGUES: dict[str, tuple[str, str, str]] = {
    # center.yaml key -> (Standard attribute, zh name, en name)
    "service_items": ("service_items", "服务项目", "service item"),
    "zones": ("zones", "功能区", "zone"),
    "postings": ("postings", "上墙内容", "posting"),
    "amenities": ("amenities", "便民设施", "amenity"),
}
_ITEM_KEYS = ("id", "item")


_Out = Out


def _entries(value: Any, base: JsonPath) -> Iterable[tuple[JsonPath, str]]:
    """(path, id) for a list of ids, a list of {id|item: ...} mappings, or a mapping by id."""
    if isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, str):
                yield (*base, i), item
            elif isinstance(item, dict):
                for key in _ITEM_KEYS:
                    if isinstance(item.get(key), str):
                        yield (*base, i, key), item[key]
                        break
    elif isinstance(value, dict):
        for key in value:
            yield (*base, key), str(key)


def _unknown(out: _Out, path: JsonPath, code: str, what: tuple[str, str], value: str,
             known: Iterable[str]) -> None:
    shown = clip(value)
    out.add(path, code, t(f"未知的{what[0]}编号 “{shown}”", f"unknown {what[1]} id '{shown}'")
            + did_you_mean(value, known))


def _id_named(value: str, catalogue: Mapping[str, Any]) -> str | None:
    """The id of the entry whose Chinese or English name (or a synonym) is `value`."""
    wanted = value.strip().lower()
    for entry_id, entry in catalogue.items():
        name = getattr(entry, "name", None)
        names = [name.zh, name.en] if isinstance(name, Text) else []
        names.extend(getattr(entry, "synonyms", ()) or ())
        if any(isinstance(n, str) and n.strip().lower() == wanted for n in names):
            return str(entry_id)
    return None


def _unknown_entry(out: _Out, path: JsonPath, code: str, what: tuple[str, str], value: str,
                   catalogue: Mapping[str, Any]) -> None:
    named = _id_named(value, catalogue)
    if named is None:
        _unknown(out, path, code, what, value, catalogue)
        return
    shown = clip(value)
    out.add(path, code, t(f"“{shown}”是{what[0]}的名称，这里应填编号：请改为 {named}",
                          f"'{shown}' is the name of a {what[1]}; write its id here: {named}"))


def _catalogue(standard: Any, attr: str) -> Mapping[str, Any] | None:
    value = getattr(standard, attr, None) if standard is not None else None
    return value if isinstance(value, Mapping) else None


def _check_center(out: _Out, data: dict[str, Any], known: Known) -> None:
    origin = Path(out.loaded.path)
    for key, (attr, zh, en) in CATALOGUES.items():
        catalogue = _catalogue(known.standard, attr)
        if catalogue is None or key not in data:
            continue
        code = "unknown-" + en.replace(" ", "-")
        for path, value in _entries(data[key], (key,)):
            if value not in catalogue:
                _unknown_entry(out, path, code, (zh, en), value, catalogue)
    profile = data.get("profile")
    if isinstance(profile, str) and profile:
        found = known.resolve_extends(profile, origin)
        problem = None if found is not None and found.kind == "profile" else profile_problem(
            profile, found.kind if found else None, known.profile_ids(origin),
            str(origin.parent))
        if problem is not None:
            out.add(("profile",), problem.code, problem.message)
    check_exports(out, data)
    plans = data.get("emergency_plans")
    for i, plan in enumerate(plans if isinstance(plans, list) else []):
        if isinstance(plan, str):
            plan = {"file": plan}
            where: JsonPath = ("emergency_plans", i)
        else:
            where = ("emergency_plans", i, "file")
        if not isinstance(plan, dict):
            continue
        ref = plan.get("file")
        if isinstance(ref, str):
            check_plan_file(out, where, ref)
        elif "sections" in plan:
            out.items.extend(check_plan_sections(out.loaded, plan, ("emergency_plans", i),
                                                 known.standard))


def _check_indicator(out: _Out, ind: Any, path: JsonPath, known: Known) -> None:
    if not isinstance(ind, dict):
        return
    requirements = _catalogue(known.standard, "requirements")
    reqs = ind.get("requirements")
    if requirements is not None and isinstance(reqs, list):
        for j, req in enumerate(reqs):
            if isinstance(req, str) and req not in requirements:
                _unknown(out, (*path, "requirements", j), "unknown-requirement",
                         ("要求", "requirement"), req, requirements)
    kind = ind.get("kind")
    registry = known.registry
    params = ind.get("params")
    if isinstance(params, dict):
        _check_catalogue_ids(out, params, (*path, "params"), known)
    if not isinstance(kind, str) or registry is None:
        return
    if kind not in registry:
        if "kind" in ind:
            out.add((*path, "kind"), "unknown-measure-kind",
                    t(f"未知的度量类型 “{kind}”（cscaudit checklist kinds 列出全部类型）",
                      f"unknown measure kind '{kind}' (cscaudit checklist kinds lists them)")
                    + did_you_mean(kind, registry))
        return
    _check_params(out, kind, params if isinstance(params, dict) else {}, (*path, "params"), known)


def deep_merge(base: dict[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """`over` merged into `base` key by key (mappings recursively); a new dict."""
    result = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(result.get(key), dict):
            result[key] = deep_merge(result[key], value)
        else:
            result[key] = value
    return result


def _check_params(out: _Out, kind: str, params: dict[str, Any], path: JsonPath,
                  known: Known) -> None:
    validator = known.params_validator(kind)
    if validator is not None:
        prefix = t(f"{kind} 的参数有误：", f"{kind} params: ")
        for error in validator.iter_errors(params):
            out.items.extend(schema_problems(out.loaded, error, path, "bad-params", prefix))


def _check_catalogue_ids(out: _Out, params: Mapping[str, Any], path: JsonPath,
                         known: Known) -> None:
    """Ids a `catalogue:` + `required:` pair of params names must exist in that catalogue."""
    name = params.get("catalogue")
    required = params.get("required")
    if isinstance(name, str) and name in CATALOGUES and isinstance(required, list):
        attr, zh, en = CATALOGUES[name]
        catalogue = _catalogue(known.standard, attr)
        for j, value in enumerate(required):
            if catalogue is not None and isinstance(value, str) and value not in catalogue:
                _unknown(out, (*path, "required", j), "unknown-" + en.replace(" ", "-"),
                         (zh, en), value, catalogue)


def _check_checklist(out: _Out, data: dict[str, Any], known: Known) -> None:
    for i, ind in enumerate(data.get("indicators") or []):
        _check_indicator(out, ind, ("indicators", i), known)


def _check_profile(out: _Out, data: dict[str, Any], known: Known) -> None:
    origin = Path(out.loaded.path)
    for i, ind in enumerate(data.get("add") or []):
        _check_indicator(out, ind, ("add", i), known)
    parent_name = data.get("extends")
    if not isinstance(parent_name, str):
        return
    parent = known.resolve_extends(parent_name, origin)
    if parent is None:
        out.add(("extends",), "unknown-extends",
                t(f"找不到 extends 指向的清单或配置 “{parent_name}”",
                  f"extends names no known checklist or profile: '{parent_name}'")
                + did_you_mean(parent_name, known.candidate_ids(origin)))
        return
    cycle = known.extends_cycle(parent)
    if cycle:
        out.add(("extends",), "extends-cycle",
                t(f"extends 形成循环：{' → '.join(cycle)}；请让其中一个改为基于清单",
                  f"extends goes round in a circle: {' -> '.join(cycle)}; make one of them "
                  "extend a checklist"))
        return
    indicators = known.indicators(parent)
    own = {ind["id"] for ind in data.get("add") or [] if isinstance(ind, dict)
           and isinstance(ind.get("id"), str)}
    names = sorted({*indicators, *own})
    touched: list[tuple[JsonPath, str]] = []
    for i, item in enumerate(data.get("deselect") or []):
        if isinstance(item, dict) and isinstance(item.get("indicator"), str):
            touched.append((("deselect", i, "indicator"), item["indicator"]))
    for key in ("points", "params", "scoring", "severity"):
        if isinstance(data.get(key), dict):
            touched.extend(((key, name), str(name)) for name in data[key])
    for path, name in touched:
        if name not in indicators and name not in own:
            out.add(path, "unknown-indicator",
                    t(f"“{parent.id}” 中没有指标 “{name}”", f"'{parent.id}' has no indicator '{name}'")
                    + did_you_mean(name, names), at_key=path[0] != "deselect")
    registry = known.registry or {}
    for name, params in (data.get("params") or {}).items():
        base = indicators.get(str(name))
        kind = base.get("kind") if base is not None else None
        if isinstance(kind, str) and kind in registry and isinstance(params, dict):
            merged = deep_merge(dict(base.get("params") or {}), params)  # type: ignore[union-attr]
            _check_params(out, kind, merged, ("params", name), known)


def _check_waivers(out: _Out, data: dict[str, Any], known: Known) -> None:
    check_waiver_ids_and_dates(out)
    requirements = _catalogue(known.standard, "requirements") or {}
    indicators: dict[str, Any] = {}
    docs = {**known.shipped(), **known.run_docs}
    for doc in docs.values():
        indicators.update(known.indicators(doc))
    if not requirements and not indicators:
        return
    for i, waiver in enumerate(data.get("waivers") or []):
        target = waiver.get("target") if isinstance(waiver, dict) else None
        if isinstance(target, str) and target not in requirements and target not in indicators:
            out.add(("waivers", i, "target"), "unknown-waiver-target",
                    t(f"豁免对象 “{target}” 既不是已知指标也不是已知要求编号",
                      f"waiver target '{target}' is neither a known indicator nor a requirement id")
                    + did_you_mean(target, [*indicators, *requirements]))


def _check_district(out: _Out, data: dict[str, Any], known: Known) -> None:
    check_district(out, data)


def _check_findings(out: _Out, data: dict[str, Any], known: Known) -> None:
    check_findings_center(out, data)


_CHECKS = {
    "inspection-findings": _check_findings,
    "center": _check_center,
    "checklist": _check_checklist,
    "profile": _check_profile,
    "waivers": _check_waivers,
    "district": _check_district,
}


def crossref(loaded: LoadedYaml, kind: str, known: Known) -> list[DocProblem]:
    """Cross-reference problems of one document that passed its schema checks' parse."""
    if not isinstance(loaded.data, dict):
        return []
    if kind == "emergency-plan":
        return check_plan_sections(loaded, loaded.data, (), known.standard)
    check = _CHECKS.get(kind)
    if check is None:
        return []
    out = _Out(loaded)
    check(out, loaded.data, known)
    return out.items
