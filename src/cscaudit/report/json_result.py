"""The audit result as JSON (`audit-result.schema.json`): stable, masked, in one language.

Same result, same bytes: keys are sorted (no key order carries meaning), lists keep the
engine's order (checklist order for indicators, severity order for findings), numbers are
rounded once here, there is no timestamp. Texts are rendered in the chosen language; every
input-derived string is scrubbed of ID and phone numbers unless `show_pii`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from cscaudit.config.yamlio.model import JsonObject
from cscaudit.i18n import Lang, Text
from cscaudit.ingest.model import DataIssue
from cscaudit.masking import mask_field, scrubber
from cscaudit.report.labels import grade_label
from cscaudit.report.options import OutputOptions
from cscaudit.results.model import (
    AuditResult,
    Cause,
    Completeness,
    Evidence,
    Finding,
    IndicatorResult,
    Score,
    TableLinks,
    WaiverUse,
    WorkerCard,
)

if TYPE_CHECKING:
    from cscaudit.scoring.follow_up import FollowUp

SCHEMA_VERSION = 2  # 2: score.veto is none|pending|applied with veto_reason (was a boolean)
POINT_DIGITS = 2
RATE_DIGITS = 4

Scrub = Callable[[str], str]


def points(value: float) -> float:
    """Points as they appear in every output: rounded to 2 decimals, never `-0.0`."""
    return round(float(value), POINT_DIGITS) + 0.0


def rate(value: float | None) -> float | None:
    return None if value is None else round(float(value), RATE_DIGITS) + 0.0


def _text(value: Text | None, lang: Lang, scrub: Scrub) -> str | None:
    return None if value is None else scrub(value(lang))


def _opt(value: str | None, scrub: Scrub) -> str | None:
    return None if value is None else scrub(value)


def _score(s: Score, lang: Lang, scrub: Scrub, *, provisional: bool) -> dict[str, Any]:
    return {
        "provisional": provisional,
        "total": points(s.total), "max": points(s.max), "raw": points(s.raw),
        "denominator": points(s.denominator), "bonus": points(s.bonus),
        "grade": grade_label(s.grade, lang),
        "total_without_waivers": points(s.total_without_waivers),
        "grade_without_waivers": grade_label(s.grade_without_waivers, lang),
        "veto": s.veto_state.value,
        "veto_reason": _text(s.veto_reason, lang, scrub),
        "areas": [{"area": a.area, "title": a.title(lang), "points": points(a.points),
                   "score": points(a.score)} for a in s.areas],
    }


def _indicator(i: IndicatorResult, lang: Lang, scrub: Scrub) -> dict[str, Any]:
    return {
        "id": i.id, "area": i.area, "title": i.title(lang), "requirements": list(i.requirements),
        "method": i.method, "outcome": i.outcome.value, "points": points(i.points),
        "lost": points(i.lost), "score": points(i.score),
        "measured": _text(i.measured, lang, scrub), "reason": _text(i.reason, lang, scrub),
        "evidence_count": i.evidence_count, "waived_by": i.waived_by,
        "veto_triggered": i.veto_triggered, "veto_state": i.veto_state.value, "rate": rate(i.rate),
    }


def _evidence(e: Evidence, scrub: Scrub) -> dict[str, Any]:
    return {"file": scrub(e.file), "sheet": _opt(e.sheet, scrub), "row": e.row,
            "key": _opt(e.key, scrub), "date": e.date, "worker": _opt(e.worker, scrub)}


def _finding(f: Finding, lang: Lang, scrub: Scrub) -> dict[str, Any]:
    return {
        "indicator": f.indicator, "area": f.area, "requirements": list(f.requirements),
        "severity": f.severity.value, "message": _text(f.message, lang, scrub),
        "evidence": [_evidence(e, scrub) for e in f.evidence],
        "evidence_total": max(f.evidence_total, len(f.evidence)),
        "rectification": _text(f.rectification, lang, scrub), "worker": _opt(f.worker, scrub),
    }


def _worker(w: WorkerCard, scrub: Scrub) -> dict[str, Any]:
    return {
        "worker": scrub(w.worker), "households": w.households,
        "required_visits": w.required_visits, "visits_done": w.visits_done,
        "content_complete_rate": rate(w.content_complete_rate), "cases": w.cases,
        "on_time_rate": rate(w.on_time_rate), "bad_ratings": w.bad_ratings,
        "issues_raised": w.issues_raised, "issues_closed": w.issues_closed,
        "post": _opt(w.post, scrub), "role": w.role,
        "resident_satisfaction": rate(w.resident_satisfaction),
        "resident_satisfaction_n": w.resident_satisfaction_n,
        "known_rate": rate(w.known_rate), "known_n": w.known_n,
    }


def _issue(d: DataIssue, lang: Lang, scrub: Scrub, *, show_pii: bool) -> dict[str, Any]:
    return {
        "file": scrub(d.file), "sheet": _opt(d.sheet, scrub), "row": d.row,
        "column": d.column, "header": _opt(d.header, scrub), "field": d.field,
        "raw": d.raw if show_pii else mask_field(d.raw, d.field), "message": _text(d.message, lang, scrub), "code": d.code,
        "severity": d.severity, "table": d.table,
    }


def _links(links: TableLinks, scrub: Scrub) -> dict[str, Any]:
    return {
        "table": links.table, "rows": links.rows, "rate": rate(links.rate),
        "by_key": {"id": links.by_id, "address": links.by_address, "person": links.by_person},
        "unlinked": links.unlinked, "spellings": [scrub(s) for s in links.spellings],
        "roster_spellings": [scrub(s) for s in links.roster_spellings],
    }


def _waiver(w: WaiverUse, lang: Lang, scrub: Scrub) -> dict[str, Any]:
    return {"id": w.id, "target": w.target, "approver": scrub(w.approver),
            "document": scrub(w.document), "expires": w.expires, "applied": w.applied,
            "reason": _text(w.reason, lang, scrub)}


def cause_dict(c: Cause, lang: Lang, scrub: Scrub) -> JsonObject:
    """One cause that withholds the grade (also in the assessment's run JSON)."""
    return {"code": c.code, "what": scrub(c.what(lang)), "todo": c.todo(lang),
            "table": c.table, "file": _opt(c.file, scrub), "indicator": c.indicator}


def _completeness(c: Completeness, lang: Lang, scrub: Scrub) -> dict[str, Any]:
    return {
        "complete": c.complete, "required_tables": list(c.required_tables),
        "causes": [cause_dict(x, lang, scrub) for x in c.causes],
        "notes": [scrub(n(lang)) for n in c.notes],
    }


def result_dict(result: AuditResult, options: OutputOptions) -> JsonObject:
    """The JSON document as plain data (what `to_json` serialises)."""
    lang, show_pii = options.lang, options.show_pii
    scrub = scrubber(show_pii=show_pii)
    return {
        "schema_version": SCHEMA_VERSION,
        "lang": lang,
        "tool": result.tool, "standard": result.standard, "checklist": result.checklist,
        "profile": result.profile,
        "center": {k: scrub(v) for k, v in result.center.items()},
        "period": result.period,
        "inputs": [{"path": scrub(f.path), "sha256": f.sha256} for f in result.inputs],
        "score": _score(result.score, lang, scrub,
                        provisional=not result.completeness.complete),
        "completeness": _completeness(result.completeness, lang, scrub),
        "indicators": [_indicator(i, lang, scrub) for i in result.indicators],
        "findings": [_finding(f, lang, scrub) for f in result.findings],
        "workers": [_worker(w, scrub) for w in result.workers],
        "data_issues": [_issue(d, lang, scrub, show_pii=show_pii) for d in result.data_issues],
        "waivers": [_waiver(w, lang, scrub) for w in result.waivers],
        "warnings": [scrub(w(lang)) for w in result.warnings],
        "exports_allow_outside": result.exports_outside,
        "links": [_links(links, scrub) for links in result.links],
    }


def to_json(result: AuditResult, options: OutputOptions,
            follow_up: FollowUp | None = None) -> str:
    """The result as JSON text: UTF-8 characters as they are, sorted keys, `\\n` at the end;
    with `follow_up`, its `recheck` and `rectification` sections."""
    data = result_dict(result, options)
    if follow_up is not None:
        from cscaudit.report.recheck_out import follow_up_dict

        data.update(follow_up_dict(follow_up, options.lang, scrubber(show_pii=options.show_pii)))
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2, allow_nan=False) + "\n"
