"""The social-worker card (社工考核): per worker, from the audit's tables and facts.

For each worker: households assigned on the roster, visit periods required by the
checklist's frequencies versus periods met, content completeness of the visits they
recorded, service-hall cases they handled and the on-time rate, bad ratings (差评) on those
cases, and issues raised on their visits versus issues closed or escalated in time; and the
residents' side of 包片联户: of the survey rows naming them as 包片社工, the share satisfied
with them and the share who know them (知晓率), blank when no resident answered.

Every worker on the center's staff list (社工名册) who was on the staff during the period
gets a card, even one with no households, visits or cases (zero counts, blank rates), so a
social worker who did nothing is listed rather than left out; anyone named in the records but
missing from the staff list gets a card too.

The rules are the checklist's own: the frequencies of its `visit_frequency` indicator, the
content rule of `visit_content`, the default promise of `case_timeliness`, the days of
`issue_closure`, and the survey answers read as the profile's satisfaction indicator on
`worker_rating` and rate indicator on `knows_worker` read them. Without such an indicator the
kind's defaults apply.

`worker_cards` reads the same facts the indicators read (case verdicts, issue states, a
visit's completeness, household links and coverage, survey answers), so a card and the
indicators agree; the counts per worker are group-bys over the tables.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any

import polars as pl

from cscaudit.facts import Facts
from cscaudit.facts.cases import case_verdicts
from cscaudit.facts.columns import day, filled, has_code, in_period
from cscaudit.facts.frames import Tables
from cscaudit.facts.households import household_links
from cscaudit.facts.issues import issue_states
from cscaudit.facts.surveys import survey_answers
from cscaudit.facts.visit_periods import frequencies_of, visit_coverage
from cscaudit.facts.visits import group_overrides, visit_completeness
from cscaudit.measures import (
    case_timeliness,
    issue_closure,
    rate,
    satisfaction,
    visit_content,
    visit_frequency,
)
from cscaudit.measures.common import filled as cell_filled
from cscaudit.measures.params import fill_defaults
from cscaudit.results.context import AuditContext
from cscaudit.results.model import WorkerCard

if TYPE_CHECKING:
    from cscaudit.checklist.resolved import ResolvedChecklist

# the tables a card reads: the engine builds their frames whatever the checklist
TABLES: tuple[str, ...] = ("roster", "service_ledger", "visits", "staff", "surveys")
BAD_RATINGS = frozenset({"dissatisfied", "very_dissatisfied"})
# Used only when the checklist has no visit_frequency indicator: the sourced frequencies of
# gbt36735-annual's D2 (see its param_sources), the rest not judged.
DEFAULT_FREQUENCIES: dict[str, Any] = {
    "frequencies": {"elderly_high_risk": "weekly", "elderly_alone": "monthly", "low_income": "monthly",
                    "temporary": "monthly", "elderly": "quarterly", "general": "semiannual"},
}
COUNTS: tuple[str, ...] = ("visits", "complete_visits", "cases", "on_time", "judged_cases",
                           "bad_ratings", "issues_raised", "issues_closed", "rated", "satisfied",
                           "asked", "known", "households", "required", "met")


def _params_of(resolved: ResolvedChecklist | None, kind: ModuleType, given: Mapping[str, Any],
               field: str | None = None) -> Mapping[str, Any]:
    """The params of the checklist's first indicator of `kind` (on `field`, if given), else
    `given` with the kind's defaults filled in, as checklist resolution fills them."""
    for spec in resolved.indicators if resolved is not None else ():
        if spec.kind == kind.ID and (field is None or spec.params["field"] == field):
            return dict(spec.params)
    return fill_defaults(kind.PARAMS_SCHEMA, given)


# A worker's role from the 岗位 the staff table gives (first match wins).
ROLE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("head", ("站长", "主任", "书记", "负责人")),
    ("window", ("窗口", "受理", "前台")),
    ("block", ("包片", "网格", "联户", "楼栋")),
)


def worker_role(post: str | None) -> str | None:
    """`window`, `block`, `head` or `other` for a 岗位 text; None without one."""
    if not post:
        return None
    return next((role for role, words in ROLE_WORDS if any(w in post for w in words)), "other")


def _name(value: Any) -> str | None:
    return str(value).strip() if cell_filled(value) else None


def _names(frame: pl.DataFrame, name: str) -> pl.Expr:
    """`_name` of each cell (null: no name), asked once per distinct value."""
    column = frame.get_column(name)
    distinct = [v for v in column.unique(maintain_order=True).to_list() if v is not None]
    if not distinct:
        return pl.lit(None, dtype=pl.Utf8())
    return pl.col(name).replace_strict(
        pl.Series(distinct, dtype=column.dtype), pl.Series([_name(v) for v in distinct], dtype=pl.Utf8()),
        default=None, return_dtype=pl.Utf8())


@dataclass(frozen=True)
class CardRules:
    """The checklist's rules the card applies (`_params_of` each kind)."""

    content: Mapping[str, Any]
    case: Mapping[str, Any]
    issue: Mapping[str, Any]
    frequency: Mapping[str, Any]
    rating: Mapping[str, Any]
    knows: Mapping[str, Any]

    @classmethod
    def of(cls, resolved: ResolvedChecklist | None) -> CardRules:
        # the residents' side reads answers as the profile's D5 (satisfaction on
        # worker_rating) and D6 (rate on knows_worker) do; an empty 认识包片社工 counts as not
        # knowing when D6 does (no `missing: skip`); without such an indicator an unanswered
        # question is not counted
        return cls(
            content=_params_of(resolved, visit_content, {}),
            case=_params_of(resolved, case_timeliness, {}),
            issue=_params_of(resolved, issue_closure, {}),
            frequency=_params_of(resolved, visit_frequency, DEFAULT_FREQUENCIES),
            rating=_params_of(resolved, satisfaction, {"field": "worker_rating"}, field="worker_rating"),
            knows=_params_of(resolved, rate, {"missing": "skip"}, field="knows_worker"))


ONE = pl.col("_worker").is_not_null()  # a row counts one


def _per_worker(rows: pl.DataFrame, where: pl.Expr, **counts: pl.Expr) -> pl.DataFrame:
    """The rows `where` holds that name a worker: `_worker` and each of `counts` (as a
    number), which `worker_cards` sums per worker; one select, no group_by of its own."""
    kept = where & pl.col("_worker").is_not_null()
    return rows.select(pl.col("_worker").filter(kept),
                       *(expr.cast(pl.Int64()).filter(kept).alias(name) for name, expr in counts.items()))


def _visit_counts(tables: Tables, facts: Facts, ctx: AuditContext, rules: CardRules) -> pl.DataFrame:
    visits = tables.frame("visits", "worker", "visited_on")
    complete = facts.get(visit_completeness, facts.get(household_links),
                         group_overrides(rules.content),
                         include_general=bool(rules.content["include_general"]))
    states = facts.get(issue_states, int(rules.issue["max_days"]),
                       tuple(rules.issue["escalation_words"]))
    rows = visits.select(
        _names(visits, "worker").alias("_worker"),
        in_period(visits, "visited_on", ctx.period_start, ctx.period_end).alias("_in"),
        complete["_lacking"], states["issue_state"])
    state = pl.col("issue_state")
    return _per_worker(rows, pl.col("_in"), visits=ONE,
                       complete_visits=pl.col("_lacking").list.len().eq(0),
                       issues_raised=state.is_not_null(), issues_closed=state.eq_missing("handled"))


def _case_counts(tables: Tables, facts: Facts, ctx: AuditContext, rules: CardRules) -> pl.DataFrame:
    ledger = tables.frame("service_ledger", "handler", "received_at", "rating")
    skip = tuple(sorted(set(rules.case["skip_statuses"])))
    verdicts = facts.get(case_verdicts, int(rules.case["default_days"]), skip)
    rows = ledger.select(
        _names(ledger, "handler").alias("_worker"),
        in_period(ledger, "received_at", ctx.period_start, ctx.period_end).alias("_in"),
        has_code(ledger, "rating", BAD_RATINGS).alias("_bad"),
        verdicts["verdict"])
    verdict = pl.col("verdict")
    return _per_worker(rows, pl.col("_in"), cases=ONE, bad_ratings=pl.col("_bad"),
                       judged_cases=verdict.is_not_null(), on_time=verdict.eq_missing("on_time"))


def _survey_counts(tables: Tables, facts: Facts, rules: CardRules) -> pl.DataFrame:
    surveys = tables.frame("surveys", "block_worker", "knows_worker")
    answers = facts.get(survey_answers, "surveys", str(rules.rating["field"]),
                        str(rules.rating["date_field"]))["levels"]
    skip_missing = rules.knows["missing"] == "skip"
    asked = filled(surveys, "knows_worker") | (not skip_missing)
    rows = surveys.select(
        _names(surveys, "block_worker").alias("_worker"),
        asked.alias("_asked"),
        rate.is_good(surveys, "knows_worker", rules.knows["equals"]).alias("_known"),
        answers.alias("_levels"),
    ).with_columns(pl.col("_levels").list.len().gt(0).alias("_rated"),
                   pl.col("_levels").list.eval(pl.element().is_in(
                       sorted(set(rules.rating["satisfied"])))).list.any().alias("_satisfied"))
    return _per_worker(rows, pl.col("_rated") | pl.col("_asked"), rated=pl.col("_rated"),
                       satisfied=pl.col("_satisfied"),
                       asked=pl.col("_asked"), known=pl.col("_asked") & pl.col("_known"))


def _household_counts(facts: Facts, rules: CardRules) -> list[pl.DataFrame]:
    """The households on the roster in the period (judged for visits or not), and the visit
    periods the judged ones owe and met, as rows to count per worker."""
    links = facts.get(household_links)
    p = rules.frequency
    methods = p.get("methods")
    coverage = facts.get(visit_coverage, links, frequencies_of(p["frequencies"]), str(p["default"]),
                         tuple(methods) if methods else None)
    on_roster = pl.col("_on_roster")
    return [_per_worker(links.households, on_roster, households=ONE),
            _per_worker(coverage.judged, on_roster, required=pl.col("_required"),
                        met=pl.col("_met"))]


def _staff(tables: Tables, ctx: AuditContext) -> pl.DataFrame:
    """Per staff member on the list during the period (not left before it, not joined after),
    in list order: `_worker` and the first 岗位 given (`post`, null when none)."""
    staff = tables.frame("staff", "name", "left_on", "joined_on", "post")
    left_before = (day(staff, "left_on") < ctx.period_start).fill_null(False)
    joined_after = (day(staff, "joined_on") > ctx.period_end).fill_null(False)
    rows = staff.select(_names(staff, "name").alias("_worker"), _names(staff, "post").alias("post"),
                        (left_before | joined_after).alias("_out"))
    on_list = rows.filter(pl.col("_worker").is_not_null() & ~pl.col("_out"))
    return on_list.group_by("_worker", maintain_order=True).agg(pl.col("post").drop_nulls().first())


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def worker_cards(tables: Tables, facts: Facts, ctx: AuditContext,
                 resolved: ResolvedChecklist | None) -> tuple[WorkerCard, ...]:
    """One card per worker, sorted by name: everyone on the staff list during the period,
    with households on the roster, or named on a visit or case of the period or a survey
    row that answers about them."""
    rules = CardRules.of(resolved)
    staff = _staff(tables, ctx)
    parts = [_visit_counts(tables, facts, ctx, rules), _case_counts(tables, facts, ctx, rules),
             _survey_counts(tables, facts, rules), *_household_counts(facts, rules),
             staff.select("_worker")]
    totals = pl.concat(parts, how="diagonal").group_by("_worker").agg(
        pl.col(name).sum() for name in COUNTS if any(name in p.columns for p in parts))
    posts: dict[str, str | None] = dict(staff.select("_worker", "post").iter_rows())
    cards = []
    for row in sorted(totals.iter_rows(named=True), key=lambda r: str(r["_worker"])):
        n = {name: int(row.get(name) or 0) for name in COUNTS}
        worker = str(row["_worker"])
        post = posts.get(worker)
        cards.append(WorkerCard(
            worker=worker,
            households=n["households"],
            required_visits=n["required"],
            visits_done=n["met"],
            content_complete_rate=_rate(n["complete_visits"], n["visits"]),
            cases=n["cases"],
            on_time_rate=_rate(n["on_time"], n["judged_cases"]),
            bad_ratings=n["bad_ratings"],
            issues_raised=n["issues_raised"],
            issues_closed=n["issues_closed"],
            post=post,
            role=worker_role(post),
            resident_satisfaction=_rate(n["satisfied"], n["rated"]),
            resident_satisfaction_n=n["rated"],
            known_rate=_rate(n["known"], n["asked"]),
            known_n=n["asked"],
        ))
    return tuple(cards)
