"""catalogue_coverage: the published service items cover the standard's required categories.

An item's category is its own `category` field in center.yaml, else the category of the
standard's catalogue item with the same id.

Params:
- `path`: dotted path of the published items in center.yaml (default `service_items`).
- `categories`: the category ids that must be covered; default: the categories the
  standard's catalogue marks `required: true` (one marked `required: false`, such as 残联 or
  老龄 where a center has no such desk, is not demanded).
- `min_items`: items a category needs to count as covered (default 1).
- `key`: the id field of an item (default `id`).

Defect: each required category with fewer than `min_items` items. Checked: the categories.
Example: the standard lists 10 categories, 7 of them required; a center publishing items in
5 of the required ones has 2 defects, each named.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from cscaudit.i18n import t
from cscaudit.measures.base import EvidenceCollector, IndicatorSpec
from cscaudit.measures.common import (
    catalogue_name,
    config_evidence,
    config_lookup,
    join,
    measurement,
    not_applicable,
)
from cscaudit.results.context import AuditContext
from cscaudit.results.model import Measurement

if TYPE_CHECKING:  # configuration kinds read no table and never load polars
    from cscaudit.config.standard_model import ServiceItem
    from cscaudit.facts import Facts
    from cscaudit.facts.frames import Tables

ID = "catalogue_coverage"
SUMMARY = t("公开的服务事项覆盖标准要求的各个类别。",
            "the published service items cover the standard's required categories.")
TABLES: tuple[str, ...] = ()
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "path": {"type": "string", "default": "service_items"},
        "categories": {"type": "array", "items": {"type": "string"}, "uniqueItems": True},
        "min_items": {"type": "integer", "minimum": 1, "default": 1},
        "key": {"type": "string", "default": "id"},
    },
}


def _category(entry: Any, key: str, catalogue: Mapping[str, ServiceItem]) -> str | None:
    if isinstance(entry, Mapping):
        if entry.get("category"):
            return str(entry["category"])
        item_id = entry.get(key)
    else:
        item_id = entry
    item = catalogue.get(str(item_id)) if item_id is not None else None
    if item is not None and item.category:
        return item.category
    prefix = str(item_id).split(".", 1)[0] if item_id is not None and "." in str(item_id) else None
    return prefix  # ids follow `<category>.<item>`


def reads(spec: IndicatorSpec) -> tuple[str, ...]:
    return TABLES


def measure(spec: IndicatorSpec, tables: Tables, facts: Facts, ctx: AuditContext) -> Measurement:
    p = spec.params
    path, key = str(p["path"]), str(p["key"])
    standard_items = ctx.standard.service_items
    required = list(p.get("categories") or [c for c, entry in ctx.standard.categories.items()
                                             if entry.required])
    if not required:
        return not_applicable(t("未设定要求的事项类别", "no required categories"))
    entries = config_lookup(ctx.center, path)
    counts: dict[str, int] = {}
    for entry in entries if isinstance(entries, list) else []:
        category = _category(entry, key, standard_items)
        if category:
            counts[category] = counts.get(category, 0) + 1
    need = int(p["min_items"])
    missing = [c for c in required if counts.get(c, 0) < need]
    findings = []
    if missing:
        evidence = EvidenceCollector()
        for c in missing:
            evidence.add_evidence(config_evidence(
                ctx.center, path, key=catalogue_name(ctx, "categories", c)))
        names = [catalogue_name(ctx, "categories", c) for c in missing]
        findings.append(spec.finding(t(
            f"服务事项清单未覆盖 {len(missing)} 个类别：{join(names)}",
            f"the service list misses {len(missing)} categories: {', '.join(missing)}"),
            evidence=evidence))
    covered = len(required) - len(missing)
    return measurement(len(required), len(missing), findings=findings,
                       measured=t(f"覆盖 {covered}/{len(required)} 类", f"{covered} of {len(required)} categories"))
