"""The audit of one center: configuration and exports in, `AuditResult` out.

Each export is read once, into one polars frame per table (`engine.frame_tables`); the facts
several consumers share are computed once (`facts`); then every indicator's kind
measures the frames, in checklist order, and the worker cards are built from the same frames
and facts. Nothing here prints or exits; problems in the data travel as values.
Once scored, `completeness.check` decides whether the result may carry a grade (a required
table missing, empty or unreadable withholds it); exports with no record in the audit year
are an input error naming the year they are in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cscaudit import __version__
from cscaudit.errors import ConfigError
from cscaudit.facts.hidden_names import hide_in_labels
from cscaudit.facts.table_census import dating_fields
from cscaudit.i18n import Text, t
from cscaudit.measures.base import IndicatorSpec
from cscaudit.results.context import AuditContext
from cscaudit.results.model import (
    INCOMPLETE_GRADE,
    SEVERITY_ORDER,
    AuditResult,
    Cause,
    Finding,
    IndicatorResult,
    InputFile,
    Measurement,
)

if TYPE_CHECKING:
    from cscaudit.checklist.resolved import ResolvedChecklist
    from cscaudit.config.center import Center
    from cscaudit.ingest.discover import TableSource

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
        from cscaudit.config.center import YEAR_MAX, YEAR_MIN

        if self.year is not None and not YEAR_MIN <= self.year <= YEAR_MAX:
            raise ConfigError(t(
                f"--year {self.year} 超出范围：考核年度应在 {YEAR_MIN}–{YEAR_MAX} 之间（与 center.yaml "
                "的 year 相同）",
                f"--year {self.year} is out of range: give an audit year from {YEAR_MIN} to "
                f"{YEAR_MAX} (the same bounds as year: in center.yaml)"))


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
    from cscaudit.ingest.inspection import load_inspection_findings

    return load_inspection_findings(path, center_id=center_id, period_start=dt.date(year, 1, 1))


def _export_inputs(files: Mapping[str, tuple[TableSource, ...]]) -> list[InputFile]:
    """The exports' hashes, each file once, in the order the tables were read."""
    hashed: set[Path] = set()
    inputs: list[InputFile] = []
    for sources in files.values():
        for source in sources:
            path = Path(source.path)
            if path not in hashed and path.is_file():
                hashed.add(path)
                inputs.append(_input_file(source.display, path))
    return inputs


def _error_measurement(tables: Iterable[str], unreadable: Mapping[str, Text]) -> Measurement:
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


def _sort_findings(findings: Iterable[Finding], order: dict[str, int]) -> tuple[Finding, ...]:
    return tuple(sorted(
        findings,
        key=lambda f: (-SEVERITY_ORDER[f.severity], order.get(f.indicator, 0), f.message.zh),
    ))


def audit_center(center_path: Path, options: AuditOptions | None = None) -> AuditResult:
    """Audit one center folder (or its center.yaml); raise CscauditError when it cannot be."""
    from cscaudit.checklist import resolution as checklists
    from cscaudit.config.calendar import load_calendar
    from cscaudit.config.center import load_center
    from cscaudit.config.standard import load_standard
    from cscaudit.engine.frame_tables import read_tables
    from cscaudit.facts import Facts
    from cscaudit.facts.households import household_links
    from cscaudit.facts.table_census import census_of
    from cscaudit.ingest import discover_tables, load_dictionary
    from cscaudit.ingest.inspection import discover_findings
    from cscaudit.measures import completeness
    from cscaudit.measures.registry import get as get_kind
    from cscaudit.scoring import score as scoring
    from cscaudit.scoring import waivers
    from cscaudit.scoring.workers import worker_cards

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
    # Kinds measure knowing which tables were found; an indicator whose table then proved
    # unreadable gets an `error` measurement instead of its own.
    ctx = AuditContext(
        center=center, standard=standard, year=year,
        period_start=dt.date(year, 1, 1), period_end=dt.date(year, 12, 31), calendar=calendar,
        tables_present=frozenset(source.table for source in discovery.sources),
        inspection=inspection, address_rules=dictionary.address,
    )
    read = read_tables(discovery, dictionary)
    frames = read.tables
    census = census_of(frames.frames, dating_fields(dictionary.tables))
    wrong_year = census.year_problem(year, from_option=options.year is not None)
    if wrong_year is not None:
        raise wrong_year
    results: list[IndicatorResult] = []
    findings: list[Finding] = []
    declared: list[Cause] = []
    reads = {spec.id: kinds[spec.id].reads(spec) for spec in specs}
    facts = Facts(frames, ctx)
    for spec in specs:
        tables = reads[spec.id]
        if any(tb in read.unreadable for tb in tables):
            measurement = _error_measurement(tables, read.unreadable)
        else:
            measured = kinds[spec.id].measure(spec, frames, facts, ctx)
            declared += measured.declared
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
    found = {table: tuple(s.display for s in sources) for table, sources in read.files.items()}
    state = completeness.check(
        completeness.Inputs(resolved.required_tables, found, census, year, list(read.issues)),
        completeness.Scored(specs, results, reads, score.denominator, declared))
    if not state.complete:
        score = replace(score, grade=INCOMPLETE_GRADE, grade_without_waivers=INCOMPLETE_GRADE)
    order = {spec.id: i for i, spec in enumerate(specs)}
    inputs = _config_inputs(center, resolved, options) + _export_inputs(read.files)
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
        workers=worker_cards(frames, facts, ctx, resolved),
        data_issues=tuple(read.issues),
        waivers=tuple(uses),
        warnings=tuple(warnings),
        completeness=state,
        exports_outside=center.exports_outside,
        links=facts.get(household_links).results,
        grades=tuple(resolved.grades),
    )
    return hide_in_labels(audit_result, set(read.names_in_labels))

