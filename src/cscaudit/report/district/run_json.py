"""The JSON of a whole assessment run: byte-identical for identical inputs.

No timestamps, no machine-dependent paths (centers are named by their path relative to the
district, or as written in district.yaml when outside it; see `engine.district.discover`),
floats rounded, keys sorted, lists in a stated order (ranking order; centers to be completed (`pending`:
inputs incomplete, not ranked, with their causes), failures and findings in discovery order). Personal data in texts is masked unless `show_pii`. The `ranking` list is
what `--previous` reads next year.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from cscaudit.config.yamlio.model import JsonObject
from cscaudit.engine.district.assessment import Assessment
from cscaudit.i18n import Lang
from cscaudit.masking import scrubber
from cscaudit.report.district.worker_table import WORKER_RULE, worker_rows
from cscaudit.report.json_result import cause_dict
from cscaudit.report.options import OutputOptions
from cscaudit.results.model import Finding
from cscaudit.scoring.district.model import CenterAudit
from cscaudit.scoring.district.ranking import RankedCenter

SCHEMA_VERSION = 1


def _r(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value + 0.0, digits)


def _ranked(row: RankedCenter, scrub: Callable[[str], str]) -> dict[str, Any]:
    audit, comp, score = row.audit, row.composite, row.audit.result.score
    prev = row.previous
    return {
        "rank": row.rank,
        "center": dict(audit.result.center, street=audit.street),
        "path": audit.entry.rel,
        "composite": comp.value,
        "street_part": comp.street,
        "resident_part": comp.resident,
        "peer_part": comp.peer,
        "weights_used": {"street": _r(comp.weights_used.street, 4),
                         "resident": _r(comp.weights_used.resident, 4),
                         "peer": _r(comp.weights_used.peer, 4)},
        "missing_parts": list(comp.missing),
        "grade": row.grade,
        "grade_before_cap": comp.grade,
        "capped": row.capped,
        "veto": comp.veto,
        "veto_state": score.veto_state.value,
        "score": {"total": _r(score.total), "max": _r(score.max), "grade": score.grade,
                  "total_without_waivers": _r(score.total_without_waivers)},
        "previous": None if prev is None else {
            "rank": prev.rank, "composite": prev.composite, "grade": prev.grade},
        "delta": row.delta,
        "rank_change": row.rank_change,
        "findings": len(audit.result.findings),
        "data_issues": audit.data_issue_total,
        "unusable_files": list(audit.unusable_files),
        "inputs": [{"path": i.path, "sha256": i.sha256} for i in audit.result.inputs],
        "exports_allow_outside": audit.result.exports_outside,
    }


def _pending(audit: CenterAudit, lang: Lang, scrub: Callable[[str], str]) -> dict[str, Any]:
    """A center audited but not ranked: its inputs are incomplete (待补正)."""
    score = audit.result.score
    return {
        "center": dict(audit.result.center, street=audit.street),
        "path": audit.entry.rel,
        "provisional_total": _r(score.total), "max": _r(score.max),
        "causes": [cause_dict(c, lang, scrub) for c in audit.result.completeness.causes],
        "unusable_files": list(audit.unusable_files),
    }


def _finding(center: str, street: str, f: Finding, lang: Lang,
             scrub: Callable[[str], str]) -> dict[str, Any]:
    return {
        "center": center, "street": street, "indicator": f.indicator, "area": f.area,
        "requirements": list(f.requirements), "severity": f.severity.value,
        "message": scrub(f.message(lang)),
        "worker": None if f.worker is None else scrub(f.worker),
        "evidence_total": f.evidence_total or len(f.evidence),
        "evidence": [{"file": scrub(e.file), "sheet": None if e.sheet is None else scrub(e.sheet),
                      "row": e.row,
                      "key": None if e.key is None else scrub(e.key)} for e in f.evidence],
    }


def run_dict(assessment: Assessment, options: OutputOptions) -> JsonObject:
    """The run as plain data (see the module docstring for its guarantees)."""
    from cscaudit import __version__

    lang = options.lang
    scrub = scrubber(show_pii=options.show_pii)
    ranking = assessment.ranking
    settings = ranking.settings
    audits = assessment.audits
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": "assessment-run",
        "tool": f"cscaudit {__version__}",
        "standard": "GB/T 36735-2018",
        "checklist": settings.checklist,
        "profile": settings.profile,
        "period": assessment.period,
        "district": {"name": assessment.district.name,
                     "source": assessment.district.source.name if assessment.district.source
                     else None,
                     "centers": len(assessment.outcomes)},
        "rules": {
            "weights": {"street": settings.weights.street, "resident": settings.weights.resident,
                        "peer": settings.weights.peer},
            "grades": [{"name": g.name, "name_en": g.name_en, "min": g.min}
                       for g in settings.grades],
            "excellent_cap": settings.excellent_cap,
            "excellent_allowed": ranking.excellent_allowed,
            "ranking_rule": ranking.rule(lang),
            "worker_rule": WORKER_RULE(lang),
        },
        "ranking": [_ranked(row, scrub) for row in ranking.ranked],
        "pending": [_pending(a, lang, scrub) for a in ranking.pending],
        "failed": [{"path": f.entry.rel, "center_id": f.center_id, "street": f.street,
                    "reason": scrub(f.reason(lang)), "where": f.where} for f in ranking.failed],
        "workers": [{"rank": w.rank, "center": w.center_id, "street": w.street,
                     "worker": scrub(w.card.worker), "households": w.card.households,
                     "required_visits": w.card.required_visits,
                     "visits_done": w.card.visits_done,
                     "visit_completion": _r(w.visit_completion, 4),
                     "content_complete_rate": _r(w.card.content_complete_rate, 4),
                     "cases": w.card.cases, "on_time_rate": _r(w.card.on_time_rate, 4),
                     "bad_ratings": w.card.bad_ratings, "issues_raised": w.card.issues_raised,
                     "issues_closed": w.card.issues_closed,
                     "resident_satisfaction": _r(w.card.resident_satisfaction, 4),
                     "resident_satisfaction_n": w.card.resident_satisfaction_n,
                     "known_rate": _r(w.card.known_rate, 4), "known_n": w.card.known_n}
                    for w in worker_rows(audits)],
        "findings": [_finding(a.center_id, a.street, f, lang, scrub)
                     for a in audits for f in a.result.findings],
    }


def to_run_json(assessment: Assessment, options: OutputOptions) -> str:
    """The run as JSON text; a non-finite number is a defect here and raises ValueError
    rather than writing JSON no other reader accepts."""
    return json.dumps(run_dict(assessment, options), ensure_ascii=False, sort_keys=True,
                      indent=2, allow_nan=False) + "\n"
