"""The 整改复核 as JSON (the result's `recheck` section) and as a short console table."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cscaudit.config.yamlio.model import JsonObject
from cscaudit.i18n import Lang
from cscaudit.report.json_result import points
from cscaudit.scoring.follow_up import FollowUp
from cscaudit.scoring.recheck import STATES, Recheck
from cscaudit.scoring.rectification_check import VERDICTS

CONSOLE_ROWS = 12  # items listed on the console; the sheet and the JSON have them all


def follow_up_dict(follow_up: FollowUp, lang: Lang, scrub: Callable[[str], str]) -> JsonObject:
    """The `recheck` and `rectification` sections of the result JSON, those that apply."""
    data: dict[str, Any] = {}
    if follow_up.recheck is not None:
        data["recheck"] = recheck_dict(follow_up.recheck, lang, scrub)
    if follow_up.rectification is not None:
        rows = follow_up.rectification
        data["rectification"] = {
            "file": scrub(follow_up.rectification_file or ""),
            "as_of": None if follow_up.as_of is None else follow_up.as_of.isoformat(),
            "counts": {v: sum(1 for r in rows if r.verdict == v) for v in VERDICTS},
            "rows": [{"row": r.row, "indicator": r.indicator, "problem": scrub(r.problem),
                      "responsible": scrub(r.responsible),
                      "deadline": None if r.deadline is None else r.deadline.isoformat(),
                      "status": scrub(r.status), "verdict": r.verdict,
                      "verdict_label": VERDICTS[r.verdict](lang),
                      "note": None if r.note is None else scrub(r.note(lang))} for r in rows],
        }
    return data


def rectification_lines(follow_up: FollowUp, lang: Lang) -> list[str]:
    """The 整改清单 rows that need the inspector: 整改不实, 逾期未整改, unknown, edited, unreadable."""
    rows = follow_up.rectification or ()
    flagged = [r for r in rows if r.verdict not in ("confirmed", "open")]
    counts = "，".join(f"{VERDICTS[v](lang)} {n}" for v in VERDICTS
                      if (n := sum(1 for r in rows if r.verdict == v)))
    lines = [(f"整改清单核查（{follow_up.rectification_file}）：{counts or '无填写的行'}" if lang == "zh"
              else f"Rectification list ({follow_up.rectification_file}): {counts or 'no filled rows'}")]
    for r in flagged[:CONSOLE_ROWS]:
        note = f" — {r.note(lang)}" if r.note else ""
        lines.append(f"  {r.row}: {r.indicator} {VERDICTS[r.verdict](lang)}{note}")
    return lines


def recheck_dict(recheck: Recheck, lang: Lang, scrub: Callable[[str], str]) -> JsonObject:
    """The `recheck` section of the result JSON (audit-result.schema.json#/$defs/recheck)."""
    return {
        "previous": {"file": scrub(recheck.file), "period": recheck.period,
                     "checklist": recheck.checklist, "profile": recheck.profile,
                     "total": points(recheck.total), "grade": recheck.grade},
        "year_on_year": recheck.year_on_year, "compared_indicators": recheck.compared,
        "total_delta": points(recheck.total_delta),
        "areas": [{"area": a.area, "title": a.title(lang),
                   "before": None if a.before is None else points(a.before),
                   "now": points(a.now),
                   "delta": None if a.before is None else points(a.now - a.before)}
                  for a in recheck.areas],
        "counts": {state: recheck.count(state) for state in STATES},
        "items": [{"indicator": i.indicator, "area": i.area,
                   "worker": None if i.worker is None else scrub(i.worker),
                   "message": scrub(i.message(lang)), "state": i.state,
                   "state_label": STATES[i.state](lang), "before": i.before, "left": i.left}
                  for i in recheck.items],
        "notes": [scrub(n(lang)) for n in recheck.notes],
    }


def recheck_lines(recheck: Recheck, lang: Lang) -> list[str]:
    """A few lines for the console: the counts, the total's change and the first items."""
    zh = lang == "zh"
    counts = "，".join(f"{STATES[s](lang)} {recheck.count(s)}" for s in STATES) if zh else \
        ", ".join(f"{STATES[s](lang)} {recheck.count(s)}" for s in STATES)
    head = (f"整改复核（对照 {recheck.period} 年结果 {recheck.file}）：{counts}；总分 "
            f"{points(recheck.total):g} → {points(recheck.total_now):g}（{points(recheck.total_delta):+g}）"
            if zh else f"Recheck (against {recheck.period}, {recheck.file}): {counts}; total "
            f"{points(recheck.total):g} -> {points(recheck.total_now):g} ({points(recheck.total_delta):+g})")
    lines = [head, *(f"  {n(lang)}" for n in recheck.notes)]
    for item in recheck.items[:CONSOLE_ROWS]:
        left = "" if item.state in ("fixed", "not_fixed") else (
            f"（余 {item.left}）" if zh and item.state == "partly_fixed" else
            f"（{item.left} 条）" if zh else f" ({item.left} left)" if item.state == "partly_fixed"
            else f" ({item.left} rows)")
        who = f" [{item.worker}]" if item.worker else ""
        lines.append(f"  {item.indicator}{who} {STATES[item.state](lang)}{left}: {item.message(lang)[:60]}")
    if len(recheck.items) > CONSOLE_ROWS:
        more = len(recheck.items) - CONSOLE_ROWS
        lines.append(f"  …另有 {more} 项见评分表“整改复核” / JSON recheck" if zh else
                     f"  … {more} more in the scorecard's Recheck sheet / the JSON")
    return lines
