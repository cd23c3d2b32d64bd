"""The social-worker card (社工考核): per worker, from the same single pass over the records.

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
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any

from cscaudit.audit.facts.cases import judge_case
from cscaudit.audit.facts.issues import issue_state
from cscaudit.audit.facts.surveys import answer_levels
from cscaudit.audit.facts.visits import Items, lacking, required_items
from cscaudit.audit.measures import (
    case_timeliness,
    issue_closure,
    rate,
    satisfaction,
    visit_content,
    visit_frequency,
)
from cscaudit.audit.measures.base import AuditContext
from cscaudit.audit.measures.common import as_date, codes, filled, in_period
from cscaudit.audit.measures.households import shared_roster, visit_groups
from cscaudit.audit.measures.params import fill_defaults
from cscaudit.audit.measures.rate import matches
from cscaudit.audit.model import WorkerCard
from cscaudit.audit.worker_visits import FrequencyTracker
from cscaudit.ingest.model import Record

if TYPE_CHECKING:
    from cscaudit.audit.facts import Facts
    from cscaudit.audit.frames import Tables
    from cscaudit.audit.resolved import ResolvedChecklist

BAD_RATINGS = frozenset({"dissatisfied", "very_dissatisfied"})
# Used only when the checklist has no visit_frequency indicator: the sourced frequencies of
# gbt36735-annual's D2 (see its param_sources), the rest not judged.
DEFAULT_FREQUENCIES: dict[str, Any] = {
    "frequencies": {"elderly_high_risk": "weekly", "elderly_alone": "monthly", "low_income": "monthly",
                    "temporary": "monthly", "elderly": "quarterly", "general": "semiannual"},
}


@dataclass
class _Tally:
    visits: int = 0
    complete_visits: int = 0
    cases: int = 0
    on_time: int = 0
    judged_cases: int = 0
    bad_ratings: int = 0
    issues_raised: int = 0
    issues_closed: int = 0
    rated: int = 0
    satisfied: int = 0
    asked: int = 0
    known: int = 0


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
    return str(value).strip() if filled(value) else None


class WorkerCardAccumulator:
    """Engine-facing accumulator: `add(record)` for every record of `TABLES`, then `finish()`."""

    TABLES: tuple[str, ...] = ("roster", "service_ledger", "visits", "staff", "surveys")

    def __init__(self, ctx: AuditContext, resolved: ResolvedChecklist | None = None) -> None:
        self.ctx = ctx
        self.content_params = _params_of(resolved, visit_content, {})
        case_params = _params_of(resolved, case_timeliness, {})
        self.default_days = int(case_params["default_days"])
        self.skip = set(case_params["skip_statuses"])
        issue_params = _params_of(resolved, issue_closure, {})
        self.max_days = int(issue_params["max_days"])
        self.words = tuple(issue_params["escalation_words"])
        # the roster index is shared with the kinds still on the record stream: whoever
        # asks first feeds it
        roster, self.feeds_roster = shared_roster(ctx)
        self.tracker = FrequencyTracker(_params_of(resolved, visit_frequency, DEFAULT_FREQUENCIES),
                                        ctx.period_start, ctx.period_end, roster)
        # the residents' side reads answers as the profile's D5 (satisfaction on
        # worker_rating) and D6 (rate on knows_worker) do
        rating = _params_of(resolved, satisfaction, {"field": "worker_rating"}, field="worker_rating")
        self.rating_field, self.rating_date = str(rating["field"]), str(rating["date_field"])
        self.good = set(rating["satisfied"])
        # an empty 认识包片社工 counts as not knowing when D6 does (no `missing: skip`);
        # without such an indicator an unanswered question is not counted
        knows = _params_of(resolved, rate, {"missing": "skip"}, field="knows_worker")
        self.knows_equals = knows["equals"]
        self.knows_skip_missing = knows["missing"] == "skip"
        self.tallies: dict[str, _Tally] = {}
        self.staff: set[str] = set()
        self.posts: dict[str, str] = {}
        self.required_cache: dict[tuple[str, ...], Items] = {}

    def _tally(self, worker: str) -> _Tally:
        tally = self.tallies.get(worker)
        if tally is None:
            tally = self.tallies[worker] = _Tally()
        return tally

    def add(self, record: Record) -> None:
        if record.table == "roster":
            if self.feeds_roster:
                self.tracker.roster.add(record)
        elif record.table == "visits":
            self._visit(record)
        elif record.table == "service_ledger":
            self._case(record)
        elif record.table == "staff":
            self._staff(record)
        elif record.table == "surveys":
            self._survey(record)

    def _survey(self, record: Record) -> None:
        worker = _name(record.values.get("block_worker"))
        if worker is None:
            return
        answer = answer_levels(record, self.rating_field, self.rating_date, self.ctx)
        knows = record.values.get("knows_worker")
        asked = filled(knows) or not self.knows_skip_missing
        if not answer and not asked:
            return
        tally = self._tally(worker)
        if answer:
            tally.rated += 1
            tally.satisfied += bool(answer & self.good)
        if asked:
            tally.asked += 1
            tally.known += matches(knows, self.knows_equals)

    def _staff(self, record: Record) -> None:
        """A staff member on the list during the period (not left before it, not joined after)."""
        v = record.values
        name = _name(v.get("name"))
        if name is None:
            return
        left, joined = as_date(v.get("left_on")), as_date(v.get("joined_on"))
        if (left is not None and left < self.ctx.period_start) or \
                (joined is not None and joined > self.ctx.period_end):
            return
        self.staff.add(name)
        post = _name(v.get("post"))
        if post is not None:
            self.posts.setdefault(name, post)

    def _visit(self, record: Record) -> None:
        self.tracker.add_visit(record)
        v = record.values
        worker = _name(v.get("worker"))
        if worker is None or not in_period(as_date(v.get("visited_on")), self.ctx.period_start,
                                           self.ctx.period_end):
            return
        tally = self._tally(worker)
        tally.visits += 1
        groups = visit_groups(record, self.tracker.roster.link(record))
        if groups not in self.required_cache:
            self.required_cache[groups] = required_items(self.ctx.standard, self.content_params, groups)
        tally.complete_visits += not lacking(self.required_cache[groups], codes(v.get("content")))
        state = issue_state(v, self.max_days, self.words, self.ctx.period_end)
        if state is not None:
            tally.issues_raised += 1
            tally.issues_closed += state == "handled"

    def _case(self, record: Record) -> None:
        v = record.values
        worker = _name(v.get("handler"))
        received = as_date(v.get("received_at"))
        if worker is None or not in_period(received, self.ctx.period_start, self.ctx.period_end):
            return
        tally = self._tally(worker)
        tally.cases += 1
        tally.bad_ratings += not BAD_RATINGS.isdisjoint(codes(v.get("rating")))
        verdict = judge_case(v, self.ctx, self.default_days, self.skip)
        if verdict is not None:
            tally.judged_cases += 1
            tally.on_time += verdict == "on_time"

    def finish(self) -> tuple[WorkerCard, ...]:
        households: dict[str, int] = {}
        required: dict[str, int] = {}
        met: dict[str, int] = {}
        for h in self.tracker.roster.households.values():  # judged for visits or not
            if h.worker is not None and h.span(self.ctx.period_start, self.ctx.period_end) is not None:
                households[h.worker] = households.get(h.worker, 0) + 1
        for h, _, need, done in self.tracker.results():
            if h.worker is None or h.span(self.ctx.period_start, self.ctx.period_end) is None:
                continue
            required[h.worker] = required.get(h.worker, 0) + need
            met[h.worker] = met.get(h.worker, 0) + done
        cards = []
        for worker in sorted(set(households) | set(self.tallies) | self.staff):
            tally = self.tallies.get(worker, _Tally())
            cards.append(WorkerCard(
                worker=worker,
                households=households.get(worker, 0),
                required_visits=required.get(worker, 0),
                visits_done=met.get(worker, 0),
                content_complete_rate=tally.complete_visits / tally.visits if tally.visits else None,
                cases=tally.cases,
                on_time_rate=tally.on_time / tally.judged_cases if tally.judged_cases else None,
                bad_ratings=tally.bad_ratings,
                issues_raised=tally.issues_raised,
                issues_closed=tally.issues_closed,
                post=self.posts.get(worker),
                role=worker_role(self.posts.get(worker)),
                resident_satisfaction=tally.satisfied / tally.rated if tally.rated else None,
                resident_satisfaction_n=tally.rated,
                known_rate=tally.known / tally.asked if tally.asked else None,
                known_n=tally.asked,
            ))
        return tuple(cards)


def worker_cards(tables: Tables, facts: Facts, ctx: AuditContext,
                 resolved: ResolvedChecklist | None) -> tuple[WorkerCard, ...]:
    """The worker cards of an audit. The card still counts record by record (its port to
    columns is the one step of issue 18 left here): the frames' rows are handed to it as
    records, in table order, the households linked as the record pass linked them."""
    from cscaudit.audit.measures.base import TABLE_ORDER
    from cscaudit.audit.measures.households import HouseholdLinker
    from cscaudit.ingest.model import SourceRef

    linker = HouseholdLinker(ctx)
    card = WorkerCardAccumulator(ctx, resolved)
    for table in TABLE_ORDER:
        if table not in card.TABLES and table not in linker.TABLES:
            continue
        frame = tables.frame(table)
        fields = [c for c in frame.columns if c not in ("_file", "_sheet", "_row")
                  and not c.endswith(".date_only")]
        for row in frame.iter_rows(named=True):
            values = {f: (tuple(row[f]) if isinstance(row[f], list) else row[f]) for f in fields}
            record = Record(table, SourceRef(row["_file"], row["_sheet"]), row["_row"], values)
            if table in linker.TABLES:
                linker.add(record)
            if table in card.TABLES:
                card.add(record)
    return card.finish()
