"""config_presence: a list in center.yaml must contain the required ids.

Use it for functional zones, wall postings, amenities, or any list of ids a center declares.

Params:
- `path` (required): dotted path of the list in center.yaml, e.g. `zones`, `postings`.
  Entries are ids, or mappings with an `id` (another key with `key`).
- `required`: the ids that must be present. Without it, every entry of the standard's
  `catalogue` marked required (else every entry) is required.
- `catalogue`: the standard's catalogue the ids come from (`zones`, `postings`,
  `amenities` or `categories`); used for names in messages and as the default `required`
  list.
- `key`: the id field of mapping entries (default `id`).

Defect: each required id missing from the list. Checked: the number of required ids.
Example: `{path: postings, catalogue: postings, required: [first_responsibility, ab_post]}`
with `postings: [ab_post]` gives 1 defect, "首问负责制" missing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cscaudit.config.standard_model import CATALOGUES
from cscaudit.i18n import t
from cscaudit.measures.base import EvidenceCollector, IndicatorSpec
from cscaudit.measures.common import (
    catalogue_name,
    config_evidence,
    config_lookup,
    config_title,
    entry_ids,
    join,
    measurement,
    not_applicable,
)
from cscaudit.results.context import AuditContext
from cscaudit.results.model import Measurement

if TYPE_CHECKING:  # configuration kinds read no table and never load polars
    from cscaudit.facts import Facts
    from cscaudit.facts.frames import Tables

ID = "config_presence"
SUMMARY = t("中心配置中某一清单包含全部必备项。", "a list in center.yaml must contain the required ids.")
TABLES: tuple[str, ...] = ()
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["path"],
    "properties": {
        "path": {"type": "string", "minLength": 1},
        "required": {"type": "array", "items": {"type": "string"}, "uniqueItems": True},
        "catalogue": {"enum": list(CATALOGUES)},
        "key": {"type": "string", "default": "id"},
    },
}


def default_required(ctx: AuditContext, catalogue: str | None) -> list[str]:
    """Ids of the catalogue entries marked required, else all of them."""
    if not catalogue:
        return []
    entries = ctx.standard.catalogue(catalogue)
    marked = [k for k, e in entries.items() if e.required]
    return marked or list(entries)


def reads(spec: IndicatorSpec) -> tuple[str, ...]:
    return TABLES


def measure(spec: IndicatorSpec, tables: Tables, facts: Facts, ctx: AuditContext) -> Measurement:
    p = spec.params
    path, catalogue = str(p["path"]), p.get("catalogue")
    required = list(p.get("required") or default_required(ctx, catalogue))
    if not required:
        return not_applicable(t("没有要求的项目", "nothing is required"))
    present = set(entry_ids(config_lookup(ctx.center, path), str(p["key"])))
    missing = [r for r in required if r not in present]
    findings = []
    if missing:
        names = [catalogue_name(ctx, catalogue, m) for m in missing]
        evidence = EvidenceCollector()
        for m in missing:
            evidence.add_evidence(config_evidence(
                ctx.center, path, key=catalogue_name(ctx, catalogue, m)))
        title = config_title(path)
        findings.append(spec.finding(
            t(f"center.yaml 的{title.zh}缺少 {len(missing)} 项：{join(names)}",
              f"{title.en} in center.yaml lacks {len(missing)}: {', '.join(missing)}"),
            evidence=evidence))
    return measurement(len(required), len(missing), findings=findings,
                       measured=t(f"具备 {len(required) - len(missing)}/{len(required)} 项",
                                  f"{len(required) - len(missing)} of {len(required)} present"))
