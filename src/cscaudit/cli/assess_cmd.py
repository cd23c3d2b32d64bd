"""`cscaudit assess DISTRICT`: audit every center of a district, rank them, write a workbook."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cscaudit.cli.common import (
    EXIT_FINDINGS,
    EXIT_INPUT,
    EXIT_OK,
    LangOpt,
    QuietOpt,
    echo_out,
    guarded,
)
from cscaudit.cli.requests import AssessRequest

if TYPE_CHECKING:
    from cscaudit.engine.audit import AuditOptions
    from cscaudit.engine.district.assessment import Assessment
    from cscaudit.engine.district.scheduler_spec import SchedulerSpec
    from cscaudit.report.options import OutputOptions
    from cscaudit.scoring.fail_on import FailOn


def assess(
    district: Annotated[Path, typer.Argument(
        help="辖区文件夹（任意层级含 center.yaml）或 district.yaml / district folder or district.yaml")],
    *,
    output: Annotated[Path, typer.Option("-o", "--output", help="考核工作簿 / workbook path")] = Path(
        "assessment.xlsx"),
    json_path: Annotated[Path | None, typer.Option("--json", help="本次考核 JSON / run JSON")] = None,
    workers: Annotated[int | None, typer.Option(
        "--workers", min=1, help="并行进程数（默认每核一个）/ processes (default: one per core)")] = None,
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="在 Dask 集群上审核：tcp://主机:8786 或 local:N（需 cscaudit[dask]）/ "
        "audit on a Dask cluster: tcp://HOST:8786 or local:N (needs cscaudit[dask])")] = None,
    split_by: Annotated[str | None, typer.Option(
        "--split-by", help="每个 street（街道）或 district（区）一个工作簿，-o 为汇总工作簿 / one "
        "workbook per street or district; -o is the summary")] = None,
    sheet_limit: Annotated[int | None, typer.Option(
        "--sheet-limit", min=0, help="中心数超过此值时工作簿不含各中心明细表（默认 300）/ no "
        "per-center sheets above this many centers (default 300)")] = None,
    checklist: Annotated[str | None, typer.Option(
        "--checklist", help="考核清单 id 或文件 / checklist id or file")] = None,
    profile: Annotated[str | None, typer.Option(
        "--profile", help="地方配置 id 或文件 / profile id or file")] = None,
    peer: Annotated[Path | None, typer.Option(
        "--peer", help="同级互评 CSV（center_id,score）/ peer scores CSV")] = None,
    previous: Annotated[Path | None, typer.Option(
        "--previous", help="上年 assess --json 结果 / last year's run JSON")] = None,
    year: Annotated[int | None, typer.Option("--year", help="考核年度 / audit year")] = None,
    fail_on: Annotated[str | None, typer.Option(
        "--fail-on", help="任一中心达到该等级或严重度即返回 1 / exit 1 when any center reaches it")] = None,
    show_pii: Annotated[bool, typer.Option(
        "--show-pii", help="显示未脱敏个人信息 / do not mask personal data")] = False,
    no_xlsx: Annotated[bool, typer.Option("--no-xlsx", help="不写工作簿 / skip the workbook")] = False,
    lang: LangOpt = "zh",
    quiet: QuietOpt = False,
) -> None:
    """街道年度考核：多个中心并行审核、综合评分、排名 / assess and rank many centers."""
    from cscaudit.cli.common import as_lang

    language = as_lang(lang)

    def run() -> int:
        from cscaudit.engine.audit import AuditOptions
        from cscaudit.report.options import OutputOptions

        return _run(AssessRequest(
            district=district,
            options=AuditOptions(checklist=checklist, profile=profile, year=year),
            shown=OutputOptions(language, show_pii),
            output=output, json_path=json_path, no_xlsx=no_xlsx, split_by=split_by,
            sheet_limit=sheet_limit, workers=workers, scheduler=scheduler, peer=peer,
            previous=previous, fail_on=fail_on, quiet=quiet))

    raise typer.Exit(guarded(language, run))


def _run(request: AssessRequest) -> int:
    from cscaudit.cli.assess_outputs import (
        OutputLayout,
        check_units,
        parse_split,
        plan_units,
        write_outputs,
    )
    from cscaudit.engine.district.assessment import AssessOptions, assess_district, files_read
    from cscaudit.engine.district.backend import CenterBackend, PoolBackend
    from cscaudit.engine.district.discover import DISTRICT_FILE, discover_district
    from cscaudit.engine.district.inputs import load_peers, load_previous
    from cscaudit.engine.district.runner import default_workers
    from cscaudit.report.atomic import check_outputs
    from cscaudit.run_inputs import RunInputs
    from cscaudit.scoring.fail_on import parse_fail_on

    district, options, output, json_path = (request.district, request.options, request.output,
                                            request.json_path)
    no_xlsx, peer, fail_on = request.no_xlsx, request.peer, request.fail_on
    spec = _scheduler_spec(request.scheduler, request.workers)
    split_by = parse_split(request.split_by, no_xlsx=no_xlsx)
    threshold = _threshold(fail_on, options) if fail_on else None
    given = RunInputs().adding([district, district / DISTRICT_FILE, request.previous, peer,
                                options.checklist, options.profile])
    check_outputs(None if no_xlsx else output, json_path, given)
    peers = load_peers(peer) if peer else None  # the file's own errors first
    last_year = load_previous(request.previous) if request.previous else None
    found = discover_district(district)
    if peer:  # then its ids against the district's, before the long run
        peers = load_peers(peer, {e.known_id for e in found.entries})
    units = plan_units(found, split_by, output, json_path)
    check_units(units, given)
    with contextlib.ExitStack() as stack:
        backend: CenterBackend = PoolBackend(request.workers or default_workers())
        if spec is not None:  # Dask only now: without --scheduler nothing of it is imported
            from cscaudit.engine.district.dask_backend import open_dask

            backend = stack.enter_context(open_dask(spec, found))
        bar = None
        if sys.stderr.isatty() and not request.quiet:
            from cscaudit.cli.progress_bar import CenterProgress

            bar = stack.enter_context(CenterProgress(len(found.entries), request.shown.lang))
        assessment = assess_district(
            district, AssessOptions(options, peers=peers, previous=last_year),
            progress=bar, district=found, backend=backend)
    if fail_on and threshold is None:  # a grade, now that the grades in force are known
        threshold = parse_fail_on(fail_on, assessment.ranking.settings.grades)
    read = files_read(assessment, given)
    check_outputs(None if no_xlsx else output, json_path, read)
    check_units(units, read)
    layout = OutputLayout(output=output, json_path=json_path, no_xlsx=no_xlsx, units=units,
                          sheet_limit=request.sheet_limit, peers=peers, previous=last_year)
    written = write_outputs(assessment, layout, request.shown)
    _summary(assessment, written, request.shown, quiet=request.quiet)
    return _exit_code(assessment, threshold)


def _scheduler_spec(scheduler: str | None, workers: int | None) -> SchedulerSpec | None:
    """`--scheduler` parsed before the run; with it, `--workers` has no meaning."""
    if scheduler is None:
        return None
    from cscaudit.engine.district.scheduler_spec import parse_scheduler
    from cscaudit.errors import InputError
    from cscaudit.i18n import t

    if workers is not None:
        raise InputError(t("--workers 与 --scheduler 不能同时使用：Dask 集群的工作节点数由集群决定"
                           "（local:N 即 N 个）",
                           "--workers and --scheduler exclude each other: the cluster decides "
                           "how many workers run (local:N starts N)"))
    return parse_scheduler(scheduler)


def _threshold(value: str, options: AuditOptions) -> FailOn | None:
    """`--fail-on` checked before the run when it can be: a severity or `veto` always; a grade
    when `--profile`/`--checklist` fix the grades in force. Otherwise (the centers' own shared
    profile may bring its own grades) None, and the grade is read after the run, against the
    assessment's grades, before anything is written."""
    from cscaudit.scoring.fail_on import is_grade, parse_fail_on

    if not is_grade(value):
        return parse_fail_on(value)
    if options.profile is None and options.checklist is None:
        return None
    from cscaudit.checklist.resolution import resolve

    return parse_fail_on(value, resolve(checklist=options.checklist,
                                        profile=options.profile).grades)


SHOWN_CENTERS = 30  # ranked centers listed on the terminal; the rest are in the workbook


def _summary(assessment: Assessment, written: list[Path], shown: OutputOptions, *,
             quiet: bool) -> None:
    from cscaudit.masking import scrubber
    from cscaudit.report.labels import cause_line, veto_mark

    lang = shown.lang
    scrub = scrubber(show_pii=shown.show_pii)
    ranking = assessment.ranking
    zh = lang == "zh"
    if not quiet:
        echo_out(f"参评 {len(ranking.ranked)} 个中心，待补正 {len(ranking.pending)} 个，"
                   f"无法审核 {len(ranking.failed)} 个"
                   if zh else f"{len(ranking.ranked)} centers rated, {len(ranking.pending)} to "
                   f"be completed, {len(ranking.failed)} could not be audited")
        for row in ranking.ranked[:SHOWN_CENTERS]:
            name = scrub(row.audit.result.center.get("name", ""))
            echo_out(f"  {row.rank:>3}. {row.center_id} {name}  {row.composite.value:.2f}  "
                     f"{ranking.settings.label(row.grade, lang)}"
                     f"{veto_mark(row.audit.result.score, lang)}")
        more = len(ranking.ranked) - SHOWN_CENTERS
        if more > 0:
            echo_out(f"  另有 {more} 个中心的排名见工作簿“排名”表" if zh
                       else f"  {more} more centers: see the Ranking sheet of the workbook")
    for audit in ranking.pending:
        name = scrub(audit.result.center.get("name", ""))
        echo_out(("待补正（不排名） " if zh else "to be completed (not ranked) ")
                   + f"{audit.center_id} {name}:", err=True)
        for cause in audit.result.completeness.causes:
            echo_out(f"    - {cause_line(cause, lang, scrub)}", err=True)
    for failure in ranking.failed:
        where = f" ({failure.where})" if failure.where else ""
        echo_out(("无法审核 " if zh else "cannot audit ") + f"{failure.entry.rel}{where}: "
                   + scrub(failure.reason(lang)), err=True)
    for path in written:
        echo_out(("已写入 " if zh else "wrote ") + str(path))


def _exit_code(assessment: Assessment, threshold: FailOn | None) -> int:
    """2 when a center could not be audited, its inputs are incomplete (待补正) or an export was
    unreadable; 1 when any center
    reaches `--fail-on`. A grade is judged on the assessment's grade (after the cap), in the
    order of the grades in force (a profile's own names included): that grade or worse."""
    ranking = assessment.ranking
    if ranking.failed or ranking.pending \
            or any(row.audit.unusable_files for row in ranking.ranked):
        return EXIT_INPUT
    if threshold is None:
        return EXIT_OK
    for row in ranking.ranked:
        reached = (threshold.grade_reached(row.grade) if threshold.grade is not None
                   else threshold.reached(row.audit.result))  # the grade after the cap
        if reached:
            return EXIT_FINDINGS
    return EXIT_OK
