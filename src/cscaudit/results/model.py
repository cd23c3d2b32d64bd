"""The audit's result types. Reporters (console, JSON, Excel) read only these.

Everything is a frozen dataclass; texts are bilingual `Text` values rendered by reporters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from cscaudit.i18n import Text
from cscaudit.ingest.model import DataIssue
from cscaudit.results.grades import Grade


class Outcome(StrEnum):
    PASS = "pass"
    PARTIAL = "partial"
    FAIL = "fail"
    NOT_APPLICABLE = "not_applicable"  # leaves the denominator; shown on the scorecard
    NOT_REVIEWED = "not_reviewed"  # needs a person (site visit); no findings file supplied it
    ERROR = "error"  # its inputs could not be read


class Severity(StrEnum):
    CRITICAL = "critical"  # veto-level (falsified ledgers, liability incident)
    MAJOR = "major"
    MINOR = "minor"
    INFO = "info"


class VetoState(StrEnum):
    """Where a veto (一票否决) stands: no sign, 疑点 to verify, or in force."""

    NONE = "none"
    PENDING = "pending"  # 疑点 found, not yet verified: the grade stands, marked pending
    APPLIED = "applied"  # confirmed on site, or signals widespread: the lowest grade


SEVERITY_ORDER = {Severity.INFO: 0, Severity.MINOR: 1, Severity.MAJOR: 2, Severity.CRITICAL: 3}


@dataclass(frozen=True, slots=True)
class Evidence:
    """One row (or config location) behind a finding."""

    file: str
    sheet: str | None = None
    row: int | None = None  # row/line as the user sees it; for YAML, the line
    key: str | None = None  # the record's id (case_id, household_id, ...) or a config path
    date: str | None = None  # the record's own date (visited_on, received_at ...), ISO
    worker: str | None = None  # the worker the record names (走访人, 受理人, 包片社工)


@dataclass(frozen=True)
class Finding:
    """One problem an indicator found, with every row that proves it (`evidence_total` is
    their number; it exceeds `len(evidence)` only for a result read from elsewhere)."""

    indicator: str
    area: str
    requirements: tuple[str, ...]
    severity: Severity
    message: Text
    evidence: tuple[Evidence, ...] = ()
    evidence_total: int = 0  # how many rows in all, of which `evidence` are the first
    rectification: Text | None = None  # suggested fix for the 整改清单
    worker: str | None = None  # the social worker concerned, when there is one
    # An indicator that reports one finding per item (D3: one per missing content tag) gives
    # each the same `topic` ("走访缺少走访内容") and its own `variant` ("就业情况 137 次"):
    # the 整改清单 lists the variants of one topic in one row.
    topic: Text | None = None
    variant: Text | None = None


@dataclass(frozen=True)
class Measurement:
    """What a measure kind observed, before scoring turns it into points.

    - `checked`: how many things were examined (households, cases, sections ...)
    - `defects`: how many of them failed (deduct/binary/veto scoring counts these)
    - `rate`: the measured rate in [0, 1] for ratio/tiers scoring, None when not a rate
    - `applicable`: False when there was nothing to measure (no activities held): N/A
    - `error`: True when its inputs could not be read (missing table): outcome error
    - `needs_review`: True for an on-site item nobody has judged yet: outcome not_reviewed
    - `measured`: a short human summary, e.g. "96.2%（481/500）"
    - `veto_grounds`: a veto measure only: why the veto applies (confirmed on site, signals
      widespread); without it the defects are 疑点 to verify and the veto is at most pending
    - `veto_cleared`: a veto measure only: the 疑点 were verified on site and not confirmed
      (an on-site item of its `confirmed_by` passed): the veto does not apply, with this reason
    - `declared`: why, as this measure found, the data cannot support a grade (e.g. too few
      visits linked to the roster; `completeness.declare`): the audit's result is then
      incomplete, each cause listed once
    """

    checked: int
    defects: int
    rate: float | None = None
    applicable: bool = True
    error: bool = False
    needs_review: bool = False  # on-site item no inspector has judged yet: not_reviewed
    measured: Text | None = None
    reason: Text | None = None
    findings: tuple[Finding, ...] = ()
    veto_grounds: Text | None = None  # a veto measure: why the veto applies, beyond 疑点
    veto_cleared: Text | None = None  # a veto measure: 疑点 verified on site, not confirmed
    declared: tuple[Cause, ...] = ()  # causes withholding the grade (code "declared")


@dataclass(frozen=True)
class IndicatorResult:
    id: str
    area: str
    title: Text
    requirements: tuple[str, ...]
    method: str  # deduct | ratio | tiers | binary | bonus | veto
    points: float  # available (0 for veto)
    lost: float
    score: float  # points - lost (bonus: the bonus earned)
    outcome: Outcome
    measured: Text | None
    reason: Text
    evidence_count: int
    waived_by: str | None = None  # waiver id when a valid waiver applied
    rate: float | None = None  # the measured rate, when the measure is a rate (assess reads it)
    veto_state: VetoState = VetoState.NONE  # a veto indicator: none, pending (疑点) or applied
    suspicions: int = 0  # a veto indicator: its 疑点 (the defects its measure counted)
    veto_cleared: bool = False  # a veto indicator whose 疑点 were verified on site, not confirmed

    @property
    def veto_triggered(self) -> bool:
        """The veto applies (veto_state is APPLIED)."""
        return self.veto_state is VetoState.APPLIED


@dataclass(frozen=True)
class AreaScore:
    area: str
    title: Text
    points: float  # available, N/A excluded
    score: float


@dataclass(frozen=True)
class Score:
    total: float  # scaled to `max` after N/A leaves the denominator
    max: float
    raw: float  # sum of indicator scores before scaling
    denominator: float  # sum of points of the indicators that count
    bonus: float
    grade: str  # e.g. 优秀 / 良好 / 合格 / 基本合格 / 不合格
    total_without_waivers: float
    grade_without_waivers: str
    areas: tuple[AreaScore, ...] = ()
    veto_state: VetoState = VetoState.NONE  # pending: the grade is computed without the veto
    veto_reason: Text | None = None  # one line: why the veto applies, or the 疑点 to verify

    @property
    def veto(self) -> bool:
        """The veto applies: the grade is the lowest whatever the score."""
        return self.veto_state is VetoState.APPLIED


@dataclass(frozen=True)
class WorkerCard:
    """The social-worker card (社工考核) for one worker of one center."""

    worker: str
    households: int
    required_visits: int
    visits_done: int  # visits that count toward the requirement
    content_complete_rate: float | None
    cases: int
    on_time_rate: float | None
    bad_ratings: int  # 差评 on their cases
    issues_raised: int
    issues_closed: int
    post: str | None = None  # 岗位 as the staff table writes it; None when not on it
    role: str | None = None  # window | block | head | other (from the post); None: no post
    # residents' side of 包片联户, from the survey rows naming this worker as 包片社工;
    # None (blank) when no resident answered
    resident_satisfaction: float | None = None
    resident_satisfaction_n: int = 0
    known_rate: float | None = None  # 知晓率
    known_n: int = 0


@dataclass(frozen=True)
class TableLinks:
    """How the rows of one table found their roster household: by household id, by
    normalised address, by 户主 name + ID-number check digits, or not at all. `spellings` are
    examples of how the rows not linked by id wrote the household (of the first
    2,000 such rows), most common first."""

    table: str
    rows: int
    by_id: int
    by_address: int
    by_person: int
    unlinked: int
    spellings: tuple[str, ...] = ()
    roster_spellings: tuple[str, ...] = ()

    @property
    def rate(self) -> float | None:
        return (self.rows - self.unlinked) / self.rows if self.rows else None


@dataclass(frozen=True)
class InputFile:
    """A file the audit read: `path` as every output shows it (relative to the center), its
    hash, and `location`, where it was read on this machine (absolute; never written to an
    output: it only keeps the run's outputs off its inputs, `run_inputs.RunInputs`)."""

    path: str
    sha256: str
    location: str = field(default="", compare=False)


@dataclass(frozen=True)
class WaiverUse:
    id: str
    target: str  # indicator or requirement id
    approver: str
    document: str
    expires: str
    applied: bool  # False when expired or not yet valid
    reason: Text | None = None


INCOMPLETE_GRADE = "无法评定，待补正"  # the grade of a result whose inputs are incomplete


@dataclass(frozen=True)
class Cause:
    """One reason the result is incomplete: a required table missing, empty or unreadable, an
    indicator that could not be measured, or what a measure declared (`Measurement.declared`)."""

    code: str  # missing-table | empty-table | unreadable | indicator-error | no-points | declared
    what: Text
    todo: Text
    table: str | None = None
    file: str | None = None
    indicator: str | None = None


@dataclass(frozen=True)
class Completeness:
    """Whether the inputs allow a grade. `causes` withhold it; `notes` are stated only: an
    optional table not provided or empty, and the indicators that therefore do not count."""

    causes: tuple[Cause, ...] = ()
    notes: tuple[Text, ...] = ()
    required_tables: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        return not self.causes


@dataclass(frozen=True)
class AuditResult:
    tool: str  # "cscaudit 0.1.0"
    standard: str  # "GB/T 36735-2018"
    checklist: str  # id@version
    profile: str | None
    center: dict[str, str]  # id, name, street, district
    period: str  # "2024"
    inputs: tuple[InputFile, ...]
    score: Score
    indicators: tuple[IndicatorResult, ...]
    findings: tuple[Finding, ...]
    workers: tuple[WorkerCard, ...]
    data_issues: tuple[DataIssue, ...] = ()
    waivers: tuple[WaiverUse, ...] = ()
    warnings: tuple[Text, ...] = field(default=())
    completeness: Completeness = field(default_factory=Completeness)
    exports_outside: bool = False  # center.yaml's exports.allow_outside: true
    links: tuple[TableLinks, ...] = ()  # per table that names roster households
    grades: tuple[Grade, ...] = ()  # the checklist's bands, highest first (for formulas)
