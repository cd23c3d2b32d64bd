"""config_completeness: every entry of a list in center.yaml has the required fields filled.

Use it for published service items (each states basis, materials, steps, time limit) or any
other list of mappings.

Params:
- `path` (required): dotted path of the list in center.yaml, e.g. `service_items`.
- `fields` (required): the fields every entry must fill (a blank string, empty list, `无`
  or null is not filled).
- `key`: the id field used in messages (default `id`).

Defect: an entry with at least one required field missing. Checked: the entries.
Rate: complete entries / entries. An empty or absent list is not applicable (the list's
presence is another indicator's job).
Example: `{path: service_items, fields: [basis, materials, steps, time_limit_days]}`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from cscaudit.i18n import t
from cscaudit.measures.base import EvidenceCollector, IndicatorSpec
from cscaudit.measures.common import (
    config_evidence,
    config_lookup,
    config_title,
    filled,
    measurement,
    not_applicable,
    rate_of,
)
from cscaudit.results.context import AuditContext
from cscaudit.results.model import Measurement

if TYPE_CHECKING:  # configuration kinds read no table and never load polars
    from cscaudit.facts import Facts
    from cscaudit.facts.frames import Tables

ID = "config_completeness"
SUMMARY = t("中心配置中某一清单的每一项都填齐必填内容。",
            "every entry of a list in center.yaml has the required fields filled.")
TABLES: tuple[str, ...] = ()
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["path", "fields"],
    "properties": {
        "path": {"type": "string", "minLength": 1},
        "fields": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        "key": {"type": "string", "default": "id"},
    },
}


def reads(spec: IndicatorSpec) -> tuple[str, ...]:
    return TABLES


def measure(spec: IndicatorSpec, tables: Tables, facts: Facts, ctx: AuditContext) -> Measurement:
    p = spec.params
    path, fields, key = str(p["path"]), list(p["fields"]), str(p["key"])
    entries = config_lookup(ctx.center, path)
    if not isinstance(entries, list) or not entries:
        return not_applicable(t(f"center.yaml 中没有{config_title(path).zh}",
                                f"no {path} in center.yaml"))
    by_field: dict[str, EvidenceCollector] = {}
    incomplete = 0
    for i, entry in enumerate(entries):
        data = entry if isinstance(entry, Mapping) else {}
        lacking = [f for f in fields if not filled(data.get(f))]
        if not lacking:
            continue
        incomplete += 1
        name = str(data.get("name") or data.get(key) or f"#{i + 1}")  # 名称 for people
        for f in lacking:
            by_field.setdefault(f, EvidenceCollector()).add_evidence(
                config_evidence(ctx.center, f"{path}.{i}", key=name))
    names = ctx.standard.item_fields
    section = config_title(path)
    findings = []
    for f, ev in sorted(by_field.items()):
        title = names.get(f, t(f, f))
        findings.append(spec.finding(t(
            f"{section.zh}中有 {ev.total} 项未填写“{title.zh}”",
            f"{ev.total} entries of the {section.en} lack '{title.en}' ({f})"), evidence=ev,
            topic=t(f"{section.zh}有项目未填写", f"entries of the {section.en} with blanks"),
            variant=t(f"{title.zh} {ev.total} 项", f"{title.en}: {ev.total}")))
    checked = len(entries)
    return measurement(checked, incomplete, findings=findings,
                       rate=rate_of(checked - incomplete, checked))
