"""The audit of one center: configuration and exports in, `AuditResult` out.

One pass per table: the tables are read in `TABLE_ORDER`, each record handed to every
accumulator that asked for its table, so each export is parsed exactly once whatever the
number of indicators. Nothing here prints or exits; problems in the data travel as values.
Once scored, `completeness.check` decides whether the result may carry a grade (a required
table missing, empty or unreadable withholds it); exports with no record in the audit year
are an input error naming the year they are in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cscaudit import __version__
from cscaudit.audit.hidden_names import hide_in_labels
from cscaudit.audit.measures.base import (
    TABLE_ORDER,
    Accumulator,
    AuditContext,
    IndicatorSpec,
    MeasureKind,
    NarrowedTables,
    Routed,
)
from cscaudit.audit.model import (
    INCOMPLETE_GRADE,
    SEVERITY_ORDER,
    AuditResult,
    Finding,
    IndicatorResult,
    InputFile,
    Measurement,
)
from cscaudit.audit.table_census import TableCensus, dating_fields
from cscaudit.errors import ConfigError, CscauditError
from cscaudit.i18n import Text, t
from cscaudit.ingest.model import DataIssue, Record
from cscaudit.ingest.model import unusable_file as _file_issue

if TYPE_CHECKING:
    from cscaudit.audit.resolved import ResolvedChecklist
    from cscaudit.center import Center
    from cscaudit.ingest.dictionary import FieldDictionary
    from cscaudit.ingest.discover import Discovery, TableSource

STANDARD_NAME = "GB/T 36735-2018"
EXPORTS_OUTSIDE = t("center.yaml 设置了 exports.allow_outside: true：导出文件可来自服务中心文件夹之外"
                    "（如共享盘），请核对“输入文件”中的文件是否确为本中心的台账",
                    "center.yaml sets exports.allow_outside: true: exports may come from outside "
                    "the center folder (a shared drive); check that the input files listed are "
                    "this center's own ledgers")


@dataclass(frozen=True)
class AuditOptions:
    """What the user chose on the command line (all optional)."""

    checklist: str | Path | None = None
    profile: str | Path | None = None
    waivers: Path | None = None
    findings: Path | None = None
    year: int | None = None
    dictionary: Path | None = None

    def __post_init__(self) -> None:
        from cscaudit.center import YEAR_MAX, YEAR_MIN

        if self.year is not None and not YEAR_MIN <= self.year <= YEAR_MAX:
            raise ConfigError(t(
                f"--year {self.year} 超出范围：考核年度应在 {YEAR_MIN}–{YEAR_MAX} 之间（与 center.yaml "
                "的 year 相同）",
                f"--year {self.year} is out of range: give an audit year from {YEAR_MIN} to "
                f"{YEAR_MAX} (the same bounds as year: in center.yaml)"))


@dataclass
class _TableRun:
    """Everything read from the exports, table by table."""

    present: set[str] = field(default_factory=set)
    unreadable: dict[str, Text] = field(default_factory=dict)
    issues: list[DataIssue] = field(default_factory=list)
    inputs: list[InputFile] = field(default_factory=list)
    names_in_labels: set[str] = field(default_factory=set)  # residents' names in file names


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _input_file(shown: str, path: Path) -> InputFile:
    return InputFile(shown, sha256_of(path), str(path.absolute()))


def _display_path(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.name


def _audit_year(options: AuditOptions, center: Center) -> int:
    """`--year`, else center.yaml's `year:` (2024.0 is 2024), else last year."""
    if options.year is not None:
        return options.year
    year: int | None = center.year
    return year if year is not None else dt.date.today().year - 1


def _load_inspection(path: Path | None, center_id: str, year: int) -> dict[str, Any]:
    if path is None:
        return {}
    from cscaudit.audit.inspection import load_inspection_findings

    return load_inspection_findings(path, center_id=center_id, period_start=dt.date(year, 1, 1))




def _read_tables(
    center: Center, discovery: Discovery, dictionary: FieldDictionary,
    consumers: dict[str, list[Callable[[Record], None]]],
) -> _TableRun:
    from cscaudit.ingest import open_table
    from cscaudit.ingest.label_names import (
        label_of,
        may_hold_a_name,
        name_fields,
        names_held,
        roster_names,
    )

    run = _TableRun()
    run.issues.extend(discovery.issues)
    by_table: dict[str, list[TableSource]] = {}
    for source in discovery.sources:
        by_table.setdefault(source.table, []).append(source)
    ordered = [t_ for t_ in TABLE_ORDER if t_ in by_table] + sorted(
        t_ for t_ in by_table if t_ not in TABLE_ORDER
    )
    hashed: set[Path] = set()
    labels = [label_of(s.display, s.sheet) for s in discovery.sources] + [
        i.file for i in discovery.issues if i.file]
    residents: set[str] = set()
    # a resident's name in another export's file or sheet name: the roster says who is one
    collect = [roster_names(name_fields(dictionary, "roster"), residents)] if any(
        may_hold_a_name(label, dictionary) for label in labels) else []
    for table in ordered:
        adds = [*consumers.get(table, []), *(collect if table == "roster" else [])]
        for source in by_table[table]:
            path = Path(source.path)
            shown = source.display  # as discovery names it (marked when outside)
            if path not in hashed and path.is_file():
                hashed.add(path)
                run.inputs.append(_input_file(shown, path))
            try:
                with open_table(source, dictionary) as reader:
                    for record in reader.records():
                        for add in adds:
                            add(record)
                    run.issues.extend(reader.issues)
                    run.names_in_labels |= reader.names_in_label
            except CscauditError as exc:
                run.unreadable[table] = exc.message
                run.issues.append(_file_issue(shown, table, exc))
                continue
            run.present.add(table)
    for table in run.unreadable:
        run.present.discard(table)
    run.names_in_labels |= names_held(labels, residents, dictionary)
    return run


def _error_measurement(tables: Iterable[str], unreadable: dict[str, Text]) -> Measurement:
    reasons = [unreadable[tb] for tb in tables if tb in unreadable]
    reason = reasons[0] if reasons else t("输入无法读取", "inputs could not be read")
    return Measurement(checked=0, defects=0, error=True,
                       reason=t("数据无法读取：", "inputs unreadable: ") + reason)


def _config_inputs(center: Center, resolved: ResolvedChecklist,
                   options: AuditOptions) -> list[InputFile]:
    files: list[InputFile] = []
    center_yaml = Path(center.source.path)
    files.append(_input_file(_display_path(center_yaml, center.root), center_yaml))
    files.extend(_input_file(_display_path(plan.path, center.root), plan.path)
                 for plan in center.plans if plan.path.is_file() and plan.path != center_yaml)
    files.extend(_input_file(label, Path(path)) for label, path in resolved.files
                 if Path(path).is_file())
    extras = (options.waivers, options.findings, options.dictionary)
    files.extend(_input_file(extra.name, extra) for extra in extras if extra is not None)
    return files


def _tables_of(accumulator: Accumulator, kind: MeasureKind) -> tuple[str, ...]:
    """The tables one indicator reads: its accumulator's own `tables` (kinds whose table is a
    parameter, such as `rate`), else the kind's `TABLES`."""
    if isinstance(accumulator, NarrowedTables):
        return tuple(accumulator.tables)
    return tuple(kind.TABLES)


def _sort_findings(findings: Iterable[Finding], order: dict[str, int]) -> tuple[Finding, ...]:
    return tuple(sorted(
        findings,
        key=lambda f: (-SEVERITY_ORDER[f.severity], order.get(f.indicator, 0), f.message.zh),
    ))


def audit_center(center_path: Path, options: AuditOptions | None = None) -> AuditResult:
    """Audit one center folder (or its center.yaml); raise CscauditError when it cannot be."""
    from cscaudit.audit import checklist as checklists
    from cscaudit.audit import completeness, scoring, waivers
    from cscaudit.audit.calendar import load_calendar
    from cscaudit.audit.facts import Facts
    from cscaudit.audit.facts.households import household_links
    from cscaudit.audit.frames import FrameBuilder, build_tables, field_dtypes
    from cscaudit.audit.inspection import discover_findings
    from cscaudit.audit.measures.households import HouseholdLinker
    from cscaudit.audit.measures.registry import frame_kind
    from cscaudit.audit.measures.registry import get as get_kind
    from cscaudit.audit.workers import WorkerCardAccumulator
    from cscaudit.center import load_center
    from cscaudit.ingest import discover_tables, load_dictionary
    from cscaudit.standard import load_standard

    options = options or AuditOptions()
    center = load_center(center_path)
    if options.findings is None:
        options = replace(options, findings=discover_findings(center.root))
    named_in = None if options.profile else center.source  # center.yaml's profile: its folder
    profile = options.profile or checklists.profile_for_checklist(
        options.checklist, center.data.get("profile"), named_in)
    resolved = checklists.resolve(checklist=options.checklist, profile=profile, named_in=named_in)
    waiver_set = waivers.load_waivers(options.waivers, resolved) if options.waivers else None
    year = _audit_year(options, center)
    inspection = _load_inspection(options.findings, center.id, year)
    calendar = load_calendar()
    standard = load_standard()
    dictionary = load_dictionary(options.dictionary)
    warnings: list[Text] = [*resolved.warnings, *calendar.warnings_for(year)]
    if profile is None and center.data.get("profile"):
        named = center.data["profile"]
        warnings.append(t(f"center.yaml 的地方配置 {named} 基于另一份清单，未用于 {resolved.id}",
                          f"center.yaml's profile {named} extends another checklist: not "
                          f"applied to {resolved.id}"))
    if center.exports_outside:
        warnings.append(EXPORTS_OUTSIDE)

    specs: list[IndicatorSpec] = list(resolved.indicators)
    kinds = {spec.id: get_kind(spec.kind) for spec in specs}
    discovery = discover_tables(center.root, center.exports)
    # Accumulators start knowing which tables were found; an indicator whose table then
    # proves unreadable gets an `error` measurement instead of its own.
    ctx = AuditContext(
        center=center, standard=standard, year=year,
        period_start=dt.date(year, 1, 1), period_end=dt.date(year, 12, 31), calendar=calendar,
        tables_present=frozenset(source.table for source in discovery.sources),
        inspection=inspection, address_rules=dictionary.address,
    )
    # first: it feeds the roster index the kinds still on the record stream share (the
    # result's `links` come from the `household_links` fact)
    linker = HouseholdLinker(ctx)
    framed = {spec.id: fk for spec in specs if (fk := frame_kind(kinds[spec.id])) is not None}
    accumulators = {spec.id: kinds[spec.id].start(spec, ctx) for spec in specs
                    if spec.id not in framed}
    workers = WorkerCardAccumulator(ctx, resolved)
    consumers: dict[str, list[Callable[[Record], None]]] = {}
    dtypes = field_dtypes(dictionary)
    builders = {table: FrameBuilder(table, dtypes.get(table, {}))
                for spec in specs if spec.id in framed for table in framed[spec.id].reads(spec)}
    for table in HouseholdLinker.TABLES:  # the result's `links`, whatever the checklist
        builders.setdefault(table, FrameBuilder(table, dtypes.get(table, {})))
    for table, builder in builders.items():
        consumers.setdefault(table, []).append(builder.add)
    for spec in specs:
        if spec.id in framed:
            continue
        accumulator = accumulators[spec.id]
        if isinstance(accumulator, Routed):
            for table, adds in accumulator.routes().items():
                consumers.setdefault(table, []).extend(adds)
            continue
        for table in _tables_of(accumulator, kinds[spec.id]):
            consumers.setdefault(table, []).append(accumulator.add)
    for table in workers.TABLES:
        consumers.setdefault(table, []).append(workers.add)
    for table in linker.TABLES:
        consumers.setdefault(table, []).insert(0, linker.add)

    census = TableCensus(dating_fields(dictionary.tables))
    for table in ctx.tables_present:
        consumers.setdefault(table, []).append(census.add)

    run = _read_tables(center, discovery, dictionary, consumers)
    wrong_year = census.year_problem(year, from_option=options.year is not None)
    if wrong_year is not None:
        raise wrong_year
    results: list[IndicatorResult] = []
    findings: list[Finding] = []
    reads = {spec.id: framed[spec.id].reads(spec) if spec.id in framed
             else _tables_of(accumulators[spec.id], kinds[spec.id]) for spec in specs}
    frames = build_tables(builders.values(), dtypes)
    facts = Facts(frames, ctx)
    for spec in specs:
        tables = reads[spec.id]
        if any(tb in run.unreadable for tb in tables):
            measurement = _error_measurement(tables, run.unreadable)
        else:
            measured = (framed[spec.id].measure(spec, frames, facts, ctx) if spec.id in framed
                        else accumulators[spec.id].finish())
            measurement = completeness.excuse_absent(
                spec, measured, tables, ctx.tables_present, resolved.required_tables)
        result = scoring.score_indicator(spec, measurement)
        if result.rate is None and measurement.rate is not None:
            result = replace(result, rate=measurement.rate)
        results.append(result)
        if result.outcome.value not in ("not_applicable",):
            findings.extend(measurement.findings)
    on_date = dt.date(year, 12, 31)
    uses = waiver_set.for_center(center.id, on_date) if waiver_set else ()
    score = scoring.total(results, resolved, uses)
    results = list(scoring.mark_waived(results, uses))
    found: dict[str, tuple[str, ...]] = {}
    for source in discovery.sources:
        found[source.table] = (*found.get(source.table, ()), source.display)
    state = completeness.check(
        completeness.Inputs(resolved.required_tables, found, census, year, run.issues),
        specs, results, reads, ctx, score.denominator)
    if not state.complete:
        score = replace(score, grade=INCOMPLETE_GRADE, grade_without_waivers=INCOMPLETE_GRADE)
    order = {spec.id: i for i, spec in enumerate(specs)}
    inputs = _config_inputs(center, resolved, options) + run.inputs
    audit_result = AuditResult(
        tool=f"cscaudit {__version__}",
        standard=STANDARD_NAME,
        checklist=f"{resolved.id}@{resolved.version}",
        profile=resolved.profile_id,
        center={"id": center.id, "name": center.name, "street": center.street or "",
                "district": center.district or ""},
        period=str(year),
        inputs=tuple(inputs),
        score=score,
        indicators=tuple(results),
        findings=_sort_findings(findings, order),
        workers=workers.finish(),
        data_issues=tuple(run.issues),
        waivers=tuple(uses),
        warnings=tuple(warnings),
        completeness=state,
        exports_outside=center.exports_outside,
        links=facts.get(household_links).results,
        grades=tuple(resolved.grades),
    )
    return hide_in_labels(audit_result, run.names_in_labels)

