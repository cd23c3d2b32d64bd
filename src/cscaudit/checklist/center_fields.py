"""The center.yaml fields an indicator reads, and whether center.schema.json has them.

A checklist or profile rule that names a field center.yaml cannot hold (a typo such as
`hall.opne_space`, or a field never added to the schema) would read nothing and always
find it missing. `unknown_fields` lists such names so the resolver can refuse them at
`checklist resolve`, `audit` and `validate` alike.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from functools import cache
from typing import Any

from cscaudit.config.yamlio.model import YamlMapping
from cscaudit.i18n import Text, t

# (parameter path inside params, center.yaml path) for each parameter naming a field
FieldNames = Iterator[tuple[str, str]]


def _path_param(params: Mapping[str, Any]) -> FieldNames:
    if isinstance(params.get("path"), str):
        yield "path", str(params["path"])


def _checks(params: Mapping[str, Any]) -> FieldNames:
    checks = params.get("checks")
    for key, check in (checks.items() if isinstance(checks, Mapping) else ()):
        for name in ("path", "min_path"):
            if isinstance(check, Mapping) and isinstance(check.get(name), str):
                yield f"checks/{key}/{name}", str(check[name])


def _day_path(params: Mapping[str, Any]) -> FieldNames:
    if isinstance(params.get("day_path"), str):
        yield "day_path", str(params["day_path"])


# the measure kinds that read center.yaml, and where their params name its fields
FIELD_PARAMS: dict[str, Callable[[Mapping[str, Any]], FieldNames]] = {
    "config_presence": _path_param,
    "config_completeness": _path_param,
    "area_ratio": _path_param,
    "catalogue_coverage": _path_param,
    "backup_coverage": _path_param,
    "config_values": _checks,
    "off_desk_visits": _day_path,
}


@cache
def _center_schema() -> Mapping[str, Any]:
    from cscaudit.config.schemas import schema_for

    return schema_for("center")


def _deref(node: Mapping[str, Any]) -> Mapping[str, Any]:
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        found = _center_schema().get("$defs", {}).get(ref.rsplit("/", 1)[-1])
        if isinstance(found, Mapping):
            return found
    return node


def field_exists(path: str) -> bool:
    """True when center.schema.json lets center.yaml hold a value at the dotted `path`
    (a list index such as `posts.0` included)."""
    node = _deref(_center_schema())
    for part in path.split("."):
        if node.get("type") == "array" and part.isdigit():
            node = _deref(node.get("items") or {})
            continue
        properties = node.get("properties")
        if not (isinstance(properties, Mapping) and part in properties):
            # a free-form mapping holds anything below this point; a closed one does not
            return node.get("additionalProperties", True) is not False and "properties" not in node
        node = _deref(properties[part])
    return True


def unknown_fields(kind: str, params: YamlMapping) -> list[tuple[str, str]]:
    """(parameter path, center.yaml path) of each field the params name that center.yaml
    cannot hold."""
    names = FIELD_PARAMS.get(kind)
    if names is None:
        return []
    return [(rel, path) for rel, path in names(params) if not field_exists(path)]


def center_field_problem(iid: str, kind: str, params: YamlMapping) -> tuple[str, Text] | None:
    """(provenance key of the parameter, message) for the first field the indicator's params
    name that center.yaml cannot hold; None when every named field exists."""
    for rel, path in unknown_fields(kind, params)[:1]:
        return f"indicators/{iid}/params/{rel}", t(
            f"指标 {iid} 的参数 {rel} 指向 center.yaml 中不存在的字段 {path}，没有度量会读到它；"
            "请改为 center.schema.json 中的字段",
            f"indicator {iid}: parameter {rel} names {path}, a field center.yaml does not "
            "have, so no measure reads it; use a field of center.schema.json")
    return None
