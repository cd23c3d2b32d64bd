"""config_values: values in center.yaml meet stated conditions (a local practice in place).

Use it for what a center declares about how it works: a counter-free open hall
(`hall.open_space`), universal posts (`hall.universal_posts`), merged stations, a weekly
off-desk day, the year's list of practical things and how many of them were delivered.

Params:
- `checks` (required): a mapping from a check's name to the check (named, so that each
  number has a parameter path such as `checks/ten_things/min` for its source); each check
  names a `path` (dotted, in center.yaml), a `title` ({zh, en}, what the check means, shown
  in the finding) and one or more conditions:
  - `equals`: the value must equal this (true, `fri`, ...);
  - `min` / `max`: a number the value must reach / not exceed; a list counts its entries;
  - `min_path`: another path whose value this one must reach (universal posts >= windows);
  - `where`: with a list of mappings, count only the entries whose fields equal these
    (`{status: done}`).

Defect: each check whose value is missing or fails a condition. Checked: the checks.
Example: `checks: {universal: {path: hall.universal_posts, min: 1, min_path: hall.windows}}`
with `windows: 12` and `universal_posts: 0` gives 1 defect ("为 0，应不少于 1").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from cscaudit.config.yamlio.model import YamlMapping
from cscaudit.i18n import Text, t
from cscaudit.measures.base import EvidenceCollector, IndicatorSpec
from cscaudit.measures.common import config_evidence, config_lookup, measurement
from cscaudit.results.context import AuditContext
from cscaudit.results.model import Finding, Measurement

if TYPE_CHECKING:  # configuration kinds read no table and never load polars
    from cscaudit.config.center import Center
    from cscaudit.facts import Facts
    from cscaudit.facts.frames import Tables

ID = "config_values"
SUMMARY = t("中心配置中的取值符合规定条件（某项地方做法已落实）。",
            "values in center.yaml meet stated conditions (a local practice in place).")
TABLES: tuple[str, ...] = ()
_TEXT = {"type": "object", "required": ["zh", "en"], "additionalProperties": False,
         "properties": {"zh": {"type": "string", "minLength": 1},
                        "en": {"type": "string", "minLength": 1}}}
_CONDITIONS = ("equals", "min", "max", "min_path")
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["checks"],
    "properties": {
        "checks": {
            "type": "object",
            "minProperties": 1,
            "propertyNames": {"pattern": "^[a-z][a-z0-9_]*$"},
            "additionalProperties": {
                "type": "object",
                "additionalProperties": False,
                "required": ["path", "title"],
                "anyOf": [{"required": [c]} for c in _CONDITIONS],
                "properties": {
                    "path": {"type": "string", "minLength": 1},
                    "title": _TEXT,
                    "equals": {"type": ["string", "number", "boolean"]},
                    "min": {"type": "number"},
                    "max": {"type": "number"},
                    "min_path": {"type": "string", "minLength": 1},
                    "where": {"type": "object"},
                },
            },
        },
    },
}


def _counted(value: Any, where: Mapping[str, Any] | None) -> Any:
    """A list becomes the number of its entries (those matching `where`); else the value."""
    if not isinstance(value, list):
        return value
    if not where:
        return len(value)
    return sum(1 for entry in value if isinstance(entry, Mapping)
               and all(entry.get(k) == v for k, v in where.items()))


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _shown(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def failure(check: YamlMapping, center: Center | None) -> Text | None:
    """Why the check fails on the center's data (as `config_lookup` reads it), or None."""
    path = str(check["path"])
    value = _counted(config_lookup(center, path), check.get("where"))
    shown = _shown(value)
    if value is None:
        return t(f"{path} 未填写", f"{path} is not given")
    if "equals" in check and value != check["equals"]:
        want = _shown(check["equals"])
        return t(f"{path} 为 {shown}，应为 {want}", f"{path} is {shown}, should be {want}")
    number = _number(value)
    bounds = [("min", check.get("min")), ("max", check.get("max"))]
    if "min_path" in check:
        bounds.append(("min", _counted(config_lookup(center, str(check["min_path"])), None)))
    for side, bound in bounds:
        limit = _number(bound)
        if limit is None:
            continue
        if number is None or (number < limit if side == "min" else number > limit):
            word_zh, word_en = ("不少于", "at least") if side == "min" else ("不多于", "at most")
            return t(f"{path} 为 {shown}，应{word_zh} {_shown(limit)}",
                     f"{path} is {shown}, should be {word_en} {_shown(limit)}")
    return None


def reads(spec: IndicatorSpec) -> tuple[str, ...]:
    return TABLES


def measure(spec: IndicatorSpec, tables: Tables, facts: Facts, ctx: AuditContext) -> Measurement:
    checks = list(spec.params["checks"].values())
    findings: list[Finding] = []
    for check in checks:
        why = failure(check, ctx.center)
        if why is None:
            continue
        title = check["title"]
        evidence = EvidenceCollector()
        evidence.add_evidence(config_evidence(ctx.center, str(check["path"])))
        findings.append(spec.finding(
            t(f"{title['zh']}：{why.zh}", f"{title['en']}: {why.en}"), evidence=evidence))
    kept = len(checks) - len(findings)
    return measurement(len(checks), len(findings), findings=findings,
                       measured=t(f"符合 {kept}/{len(checks)} 项",
                                  f"{kept} of {len(checks)} met"))
