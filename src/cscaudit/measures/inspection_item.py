"""inspection_item: something only a person on site can judge (a site visit, an interview).

The outcome is `not_reviewed` until an inspection-findings file (`--findings F`) gives a
result for this indicator's id: `pass`, `partial`, `fail` or `not_applicable`, with a note
and optional evidence (photo numbers, document references).

Params:
- `prompt`: what the inspector checks, shown on the on-site sheet ({zh, en}).
- `partial_rate`: the rate a `partial` result scores (default 0.5).

Checked: 1. Defect: 1 for `fail` and `partial`. Rate: 1, `partial_rate` or 0.
Example: findings entry `{indicator: S3, result: fail, note: 老花镜缺失}` gives a failed
indicator whose finding carries the note.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from cscaudit.i18n import Text, t
from cscaudit.measures.base import IndicatorSpec
from cscaudit.measures.common import not_applicable
from cscaudit.results.context import AuditContext
from cscaudit.results.model import Evidence, Finding, Measurement

if TYPE_CHECKING:  # configuration kinds read no table and never load polars
    from cscaudit.config.yamlio.model import YamlMapping, YamlValue
    from cscaudit.facts import Facts
    from cscaudit.facts.frames import Tables

ID = "inspection_item"
SUMMARY = t("只能由现场人员判断的事项（实地查看、访谈）。",
            "something only a person on site can judge (a site visit, an interview).")
TABLES: tuple[str, ...] = ()
_TEXT = {"type": "object", "required": ["zh", "en"], "properties": {"zh": {"type": "string"}, "en": {"type": "string"}}}
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "prompt": _TEXT,
        "partial_rate": {"type": "number", "minimum": 0, "maximum": 1, "default": 0.5},
    },
}
RESULTS = ("pass", "partial", "fail", "not_applicable")


def _get(entry: YamlMapping | None, name: str) -> YamlValue:
    return entry.get(name) if entry is not None else None


def _text(value: Any) -> Text | None:
    if isinstance(value, Text):
        return value
    if isinstance(value, Mapping):
        zh = str(value.get("zh") or value.get("en") or "")
        return Text(zh, str(value.get("en") or zh)) if zh else None
    return Text(str(value), str(value)) if value else None


def reads(spec: IndicatorSpec) -> tuple[str, ...]:
    return TABLES


def measure(spec: IndicatorSpec, tables: Tables, facts: Facts, ctx: AuditContext) -> Measurement:
    entry = ctx.inspection.get(spec.id)
    result = str(_get(entry, "result") or "") if entry is not None else ""
    if result not in RESULTS:
        return Measurement(checked=0, defects=0, needs_review=True,
                           reason=t("需现场核查，尚无核查结果", "needs an on-site check; no finding supplied"))
    note = _text(_get(entry, "note"))
    if result == "not_applicable":
        return not_applicable(note or t("核查人员判定不适用", "judged not applicable on site"))
    rate = {"pass": 1.0, "fail": 0.0}.get(result, float(spec.params["partial_rate"]))
    findings: tuple[Finding, ...] = ()
    if result != "pass":
        where = [Evidence(file=str(_get(entry, "file") or "inspection"), key=str(e))
                 for e in (_get(entry, "evidence") or ())]
        message = t("现场核查：", "on-site check: ") + (note or t("未达要求", "requirement not met"))
        finding = spec.finding(message)
        findings = (replace(finding, evidence=tuple(where), evidence_total=len(where)),)
    label = {"pass": t("现场核查通过", "passed on site"), "partial": t("部分达标", "partly met"),
             "fail": t("现场核查未通过", "failed on site")}[result]
    return Measurement(checked=1, defects=int(result != "pass"), rate=rate,
                       measured=label, reason=note, findings=findings)


def cleared_on_site(ctx: AuditContext, items: Sequence[str]) -> Text | None:
    """Why a veto's 疑点 stand cleared: none of `items` failed and one was judged `pass` (the
    records were verified on site and no fabrication was found); None otherwise."""
    if failed_on_site(ctx, items) is not None:
        return None
    passed = [item for item in items if str(_get(ctx.inspection.get(item), "result") or "") == "pass"]
    if not passed:
        return None
    listed = "、".join(passed)
    return t(f"疑点经现场核实未发现造假（现场核查 {listed} 通过）",
             f"the suspicions were verified on site and no fabrication was found (on-site check "
             f"{', '.join(passed)} passed)")


def failed_on_site(ctx: AuditContext, items: Sequence[str]) -> Text | None:
    """Why the inspection-findings file confirms a veto: the first of `items` (indicator ids of
    the on-site checklist, or the veto indicator's own id) judged `fail`, with its note; None
    when none of them failed."""
    for item in items:
        entry = ctx.inspection.get(item)
        if entry is not None and str(_get(entry, "result") or "") == "fail":
            note = _text(_get(entry, "note")) or t("未通过", "failed")
            return t(f"现场核查 {item} 核实属实：", f"confirmed by on-site check {item}: ") + note
    return None
