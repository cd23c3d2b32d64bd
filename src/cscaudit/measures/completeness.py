"""Whether a center's inputs allow a grade, and why not: `check` and `declare`.

A result is **incomplete** (no grade: 无法评定，待补正; the total is provisional; `cscaudit
audit` exits 2 after writing its outputs) when any of these holds:
- a table the checklist requires (`required_tables`) was not found, holds no record, or holds
  none dated in the audit year;
- any export could not be used (unreadable, or a required column missing): an error outcome
  is never scored as if the data were complete;
- an indicator could not be measured for a reason no table above explains;
- a measure declared it (`declare`, carried by its `Measurement`), e.g. a household link
  rate too low for the visit indicators to mean anything;
- nothing could be scored (the counted maximum is 0).

A table the checklist does not require may be missing or empty (no incidents, no activities
held): that is stated, never silent (「未提供 社区重大活动：E 区不计分」). An indicator whose
measure calls its inputs unreadable only because such a table was not provided is not
applicable instead (`excuse_absent`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from cscaudit.facts.table_census import TableCensus
from cscaudit.i18n import Text, t
from cscaudit.ingest.model import DataIssue
from cscaudit.measures.base import TABLE_ORDER, IndicatorSpec
from cscaudit.measures.common import table_title
from cscaudit.results.model import Cause, Completeness, IndicatorResult, Measurement, Outcome

_RERUN = t("改正后重新运行 cscaudit audit", "put it right and run cscaudit audit again")


def declare(m: Measurement, what: Text, todo: Text, *, table: str | None = None,
            file: str | None = None, indicator: str | None = None) -> Measurement:
    """`m`, declaring that the audit's result cannot be graded, and why.

    What a measure kind returns when what it found means the data cannot support a grade:
    `what` says what is wrong, `todo` what the center must do, both bilingual; `table`, `file`
    and `indicator` say where. The result is then incomplete: no grade, the total provisional,
    the cause listed on the console, the 总览 and in the JSON `completeness`, exit 2. The
    same cause declared twice (by one measure or by several) is listed once.
    """
    cause = Cause("declared", what, todo, table=table, file=file, indicator=indicator)
    return m if cause in m.declared else replace(m, declared=(*m.declared, cause))


def excuse_absent(spec: IndicatorSpec, m: Measurement, tables: Iterable[str],
                  found: Collection[str], required: Collection[str]) -> Measurement:
    """`m`, or not applicable when `m` is an error only because tables the checklist does not
    require were not provided. Never for a veto: a veto that cannot be judged stays an error
    (and so withholds the grade) rather than silently letting the center pass."""
    absent = [tb for tb in tables if tb not in found]
    if spec.method == "veto" or not m.error or not absent \
            or any(tb in required for tb in absent):
        return m
    names = "、".join(table_title(tb).zh for tb in absent)
    names_en = ", ".join(table_title(tb).en for tb in absent)
    return Measurement(checked=0, defects=0, applicable=False,
                       reason=t(f"未提供{names}：不计分", f"no {names_en} provided: not scored"))


@dataclass(frozen=True)
class Inputs:
    """What the engine saw of the exports."""

    required: tuple[str, ...]  # the checklist's required_tables
    found: Mapping[str, tuple[str, ...]]  # table -> the files it was read from
    census: TableCensus
    year: int
    issues: Sequence[DataIssue]  # every data issue; the unusable-file ones matter here


@dataclass(frozen=True)
class Scored:
    """What the engine scored: the indicators in force, their results, the tables each reads
    (indicator id -> tables), the counted maximum (`Score.denominator`) and what the measures
    declared (`Measurement.declared`, in the indicators' order)."""

    specs: Sequence[IndicatorSpec]
    results: Sequence[IndicatorResult]
    tables: Mapping[str, tuple[str, ...]]
    denominator: float
    declared: Sequence[Cause] = ()


def _missing(table: str) -> Cause:
    title = table_title(table)
    return Cause("missing-table",
                 t(f"未找到{title.zh}（{table}）的导出文件", f"no export of the {title.en} "
                   f"({table}) found"),
                 t("请在 exports/ 中提供，或在 center.yaml 的 exports.tables 中指明",
                   "put it in exports/ or map it under exports.tables in center.yaml"),
                 table=table, file="exports/")


SKIPPED_EXPORT_CODES = ("not-a-file", "outside-center")  # named like a table, never read


def _skipped(table: str, issue: DataIssue) -> Cause:
    """A table whose export is there but was not read: a FIFO, a looping link, a link out of
    the center folder. The cause is the real reason, not «not found»."""
    title = table_title(table)
    return Cause("missing-table",
                 t(f"{title.zh}（{table}）：", f"{title.en} ({table}): ") + issue.message,
                 t("或在 center.yaml 的 exports.tables 中指明另一个文件",
                   "or map another file under exports.tables in center.yaml"),
                 table=table, file=issue.file)


def _emptiness(table: str, inputs: Inputs) -> Text | None:
    """Why a found table counts as empty: no record at all, or none in the audit year."""
    title = table_title(table)
    if inputs.census.records[table] == 0:
        return t(f"{title.zh}没有任何记录", f"the {title.en} holds no record")
    if inputs.census.in_year(table, inputs.year) == 0:
        return t(f"{title.zh}在 {inputs.year} 年没有记录",
                 f"the {title.en} holds no record dated {inputs.year}")
    return None


def _table_causes(inputs: Inputs) -> list[Cause]:
    causes = [Cause("unreadable", issue.message, _RERUN, table=issue.table, file=issue.file)
              for issue in inputs.issues if issue.code == "unusable-file"]
    failed = {c.table for c in causes}
    skipped: dict[str | None, DataIssue] = {}
    for issue in inputs.issues:
        if issue.code in SKIPPED_EXPORT_CODES:
            skipped.setdefault(issue.table, issue)  # the first file named for the table
    for table in inputs.required:
        if table in failed:
            continue
        if table not in inputs.found:
            causes.append(_skipped(table, skipped[table]) if table in skipped
                          else _missing(table))
            continue
        empty = _emptiness(table, inputs)
        if empty is not None:
            causes.append(Cause(
                "empty-table", empty,
                t(f"请导出 {inputs.year} 年的全部记录后重新运行",
                  f"export every record of {inputs.year} and run again"),
                table=table, file="、".join(inputs.found[table])))
    return causes


def _indicator_causes(results: Iterable[IndicatorResult], tables: Mapping[str, tuple[str, ...]],
                      explained: Collection[str | None]) -> list[Cause]:
    todo = t("补齐该指标所需的输入后重新运行", "provide what this indicator needs and run again")
    return [Cause("indicator-error",
                  t(f"指标 {r.id}（{r.title.zh}）无法评定：",
                    f"indicator {r.id} ({r.title.en}) could not be judged: ") + r.reason,
                  todo, indicator=r.id)
            for r in results
            if r.outcome is Outcome.ERROR and not any(tb in explained for tb in tables[r.id])]


def _named(ids: list[str], specs: Sequence[IndicatorSpec]) -> Text:
    """`E 区` when `ids` are all the counted indicators of area E, else the ids."""
    parts: list[str] = []
    parts_en: list[str] = []
    left = list(ids)
    for area in dict.fromkeys(s.area for s in specs if s.id in ids):
        members = [s.id for s in specs if s.area == area and s.deselected is None
                   and s.method not in ("bonus", "veto")]
        if members and set(members) <= set(left):
            parts.append(f"{area} 区")
            parts_en.append(f"area {area}")
            left = [i for i in left if i not in members]
    parts += left
    parts_en += left
    return t("、".join(parts), ", ".join(parts_en))


def _notes(inputs: Inputs, specs: Sequence[IndicatorSpec], results: Sequence[IndicatorResult],
           tables: Mapping[str, tuple[str, ...]], failed: Collection[str | None]) -> list[Text]:
    by_id = {r.id: r for r in results}
    read = {tb for s in specs if s.deselected is None for tb in tables[s.id]}
    notes: list[Text] = []
    for table in [tb for tb in TABLE_ORDER if tb in read]:
        if table in inputs.required or table in failed:
            continue
        title = table_title(table)
        if table not in inputs.found:
            head = t(f"未提供 {title.zh}", f"no {title.en} provided")
        else:
            empty = _emptiness(table, inputs)
            if empty is None:
                continue
            head = empty
        readers = [s.id for s in specs if s.deselected is None and table in tables[s.id]]
        skipped = [i for i in readers if by_id[i].outcome is Outcome.NOT_APPLICABLE]
        scored = [i for i in readers if i not in skipped]
        effects = []
        if skipped:
            effects.append(_named(skipped, specs) + t("不计分", " not scored"))
        if scored:
            effects.append(_named(scored, specs) + t("按无记录评分", " scored as no records"))
        notes.append(head + t("：", ": ") + Text("；".join(e.zh for e in effects),
                                              "; ".join(e.en for e in effects)))
    return notes


def check(inputs: Inputs, scored: Scored) -> Completeness:
    """The completeness of one audit."""
    specs, results, tables = scored.specs, scored.results, scored.tables
    causes = _table_causes(inputs)
    failed = {c.table for c in causes}
    causes += _indicator_causes(results, tables, failed)
    for cause in scored.declared:
        if cause not in causes:
            causes.append(cause)
    if scored.denominator <= 0:
        causes.append(Cause("no-points",
                            t("没有可计分的指标（计分满分为 0），总分没有意义",
                              "no indicator could be scored (the counted maximum is 0): the "
                              "total means nothing"),
                            t("检查考核清单与配置是否停用了全部指标，并补齐输入",
                              "check whether the checklist or profile deselects every "
                              "indicator, and provide the inputs")))
    return Completeness(causes=tuple(causes),
                        notes=tuple(_notes(inputs, specs, results, tables, failed)),
                        required_tables=inputs.required)
