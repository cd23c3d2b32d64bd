"""`cscaudit audit CENTER`: audit one center and write its scorecard."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from cscaudit.cli.common import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, LangOpt, QuietOpt, guarded
from cscaudit.cli.requests import AuditOutputs, AuditRequest
from cscaudit.i18n import Lang, t

if TYPE_CHECKING:
    from collections.abc import Callable

    from cscaudit.engine.audit import AuditOptions
    from cscaudit.report.options import OutputOptions
    from cscaudit.results.model import AuditResult
    from cscaudit.scoring.earlier_result import EarlierResult
    from cscaudit.scoring.fail_on import FailOn
    from cscaudit.scoring.follow_up import FollowUp


def audit(
    center: Annotated[Path, typer.Argument(help="中心文件夹或 center.yaml / center folder")],
    *,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="评分表 xlsx / scorecard path")
    ] = None,
    json_path: Annotated[Path | None, typer.Option("--json", help="JSON 结果 / result JSON")] = None,
    details: Annotated[
        Path | None, typer.Option("--details", help="问题明细 CSV（UTF-8 BOM）/ every defective "
                                  "row as CSV")
    ] = None,
    pdf: Annotated[
        Path | None, typer.Option("--pdf", help="评分表 PDF（总览、整改清单、指标得分）/ "
                                  "the scorecard as PDF")
    ] = None,
    checklist: Annotated[
        str | None, typer.Option("--checklist", help="考核清单 id 或文件 / checklist id or file")
    ] = None,
    profile: Annotated[
        str | None, typer.Option("--profile", help="地方配置 id 或文件 / profile id or file")
    ] = None,
    waivers: Annotated[Path | None, typer.Option("--waivers", help="豁免文件 / waivers")] = None,
    findings: Annotated[
        Path | None, typer.Option(
            "--findings", help="现场检查记录（默认取中心文件夹中的 inspection-findings.yaml）/ "
                               "inspection findings (default: inspection-findings.yaml in the center folder)")
    ] = None,
    year: Annotated[int | None, typer.Option("--year", help="考核年度 / audit year")] = None,
    dictionary: Annotated[Path | None, typer.Option(
        "--dictionary", help="附加的字段字典（表头同义词、门牌写法）/ an extra field-dictionary "
                             "file (header synonyms, address words)")] = None,
    previous: Annotated[Path | None, typer.Option(
        "--previous", help="同一中心较早的 audit --json 结果，用于整改复核与同比 / an earlier "
        "result JSON of this center: recheck and year on year")] = None,
    rectification: Annotated[Path | None, typer.Option(
        "--rectification", help="中心填写后的整改清单 xlsx，核查整改不实与逾期 / the 整改清单 as "
        "the center filled it")] = None,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", metavar="YYYY-MM-DD", help="判断整改是否逾期所用的日期（默认今天；写入 JSON，"
        "同一日期重跑结果相同）/ the day 整改期限 are judged against (default today; recorded in "
        "the JSON, so a rerun with the same date gives the same result)")] = None,
    fail_on: Annotated[
        str | None,
        typer.Option("--fail-on", help="等级（如 不合格，取当前清单的等级名）、veto（一票否决成立）、veto-pending（否决待核实或成立）"
                     "或严重度（critical|major|minor）达到即返回 1；疑点待核实时 veto 不返回 1 / "
                     "a grade of the checklist in force, veto (applied), veto-pending (pending or applied) "
                     "or a severity: exit 1 when reached; a pending veto does not fail `veto`"),
    ] = None,
    show_pii: Annotated[
        bool, typer.Option("--show-pii", help="显示未脱敏个人信息 / do not mask personal data")
    ] = False,
    no_xlsx: Annotated[bool, typer.Option("--no-xlsx", help="不写评分表 / skip the scorecard")] = False,
    lang: LangOpt = "zh",
    quiet: QuietOpt = False,
) -> None:
    """审核一个社区便民服务中心，输出评分表 / audit one center and write its scorecard."""
    from cscaudit.cli.common import as_lang

    language = as_lang(lang)

    def run() -> int:
        from cscaudit.engine.audit import AuditOptions
        from cscaudit.report.options import OutputOptions

        day = _as_of(as_of)  # before the options, as ever: its error is the one shown
        return _run(AuditRequest(
            center=center,
            options=AuditOptions(checklist=checklist, profile=profile, waivers=waivers,
                                 findings=findings, year=year, dictionary=dictionary),
            shown=OutputOptions(language, show_pii),
            outputs=AuditOutputs(scorecard=output, json=json_path, details=details, pdf=pdf),
            no_xlsx=no_xlsx, fail_on=fail_on, previous=previous, rectification=rectification,
            as_of=day, quiet=quiet))

    raise typer.Exit(guarded(language, run))


def _threshold(value: str, center: Path, options: AuditOptions) -> FailOn:
    """`--fail-on`, checked before the run; a grade against the grades of the checklist in force
    (the profile given, else the one center.yaml names)."""
    from cscaudit.scoring.fail_on import is_grade, parse_fail_on

    if not is_grade(value):
        return parse_fail_on(value)
    from cscaudit.checklist.resolution import profile_for_checklist, resolve
    from cscaudit.config.center import load_center

    if options.profile:
        resolved = resolve(checklist=options.checklist, profile=options.profile)
    else:
        loaded = load_center(center)
        profile = profile_for_checklist(options.checklist, loaded.profile, loaded.source)
        resolved = resolve(checklist=options.checklist, profile=profile, named_in=loaded.source)
    return parse_fail_on(value, resolved.grades)


def _run(request: AuditRequest) -> int:
    from cscaudit.engine.audit import audit_center
    from cscaudit.report.atomic import check_outputs
    from cscaudit.report.console import print_summary
    from cscaudit.run_inputs import RunInputs

    center, options, asked = request.center, request.options, request.outputs
    shown = request.shown
    threshold = _threshold(request.fail_on, center, options) if request.fail_on else None
    given = RunInputs().adding([center, center / "center.yaml", options.waivers,
                                options.findings, options.checklist, options.profile,
                                request.previous, request.rectification])
    check_outputs(None if request.no_xlsx else asked.scorecard, asked.json, given,
                  (asked.details, asked.pdf))
    earlier = _earlier(request.previous)
    filled = _filled(request.rectification)
    result = audit_center(center, options)
    target = None if request.no_xlsx else (asked.scorecard
                                           or default_scorecard_name(result, shown.lang))
    check_outputs(target, asked.json, given.adding_read(result.inputs),  # every file it read
                  (asked.details, asked.pdf))
    follow_up = _follow_up(earlier, filled, request, result)
    written = _write(result, replace(asked, scorecard=target), shown, follow_up)
    print_summary(result, shown, written, quiet=request.quiet)
    if follow_up is not None and not request.quiet:
        _print_follow_up(follow_up, shown.lang)
    if not result.completeness.complete:  # every unusable file is one of its causes
        return EXIT_INPUT
    if threshold is not None and threshold.reached(result):
        return EXIT_FINDINGS
    return EXIT_OK


def _earlier(previous: Path | None) -> EarlierResult | None:
    if previous is None:
        return None
    from cscaudit.scoring.earlier_result import load_earlier_result

    return load_earlier_result(previous)


def _filled(rectification: Path | None) -> list[tuple[int, dict[str, Any]]] | None:
    if rectification is None:
        return None
    from cscaudit.scoring.rectification_check import read_rectification

    return read_rectification(rectification)


def _as_of(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise typer.BadParameter(f"{value!r} 不是日期：请写成 YYYY-MM-DD，如 2025-03-31 / not a date: "
                                 "write YYYY-MM-DD, e.g. 2025-03-31", param_hint="--as-of") from None


def _follow_up(earlier: EarlierResult | None, filled: list[tuple[int, dict[str, Any]]] | None,
               request: AuditRequest, result: AuditResult) -> FollowUp | None:
    if earlier is None and filled is None:
        return None
    from cscaudit.masking import scrubber
    from cscaudit.scoring.follow_up import FollowUp
    from cscaudit.scoring.recheck import recheck
    from cscaudit.scoring.rectification_check import check_rectification

    rectification = request.rectification
    as_of = request.as_of or dt.date.today()
    scrub = scrubber(show_pii=request.shown.show_pii)
    known = [f.message for f in earlier.findings] if earlier is not None else []
    known += _listed_problems(result, scrub)
    return FollowUp(
        recheck=None if earlier is None else recheck(earlier, result, scrub),
        rectification=None if filled is None else check_rectification(
            filled, result, as_of, known),
        rectification_file=None if rectification is None else rectification.name,
        as_of=None if filled is None else as_of)


def _listed_problems(result: AuditResult, scrub: Callable[[str], str]) -> list[str]:
    """Every 问题 text a 整改清单 of this result can hold: each finding's message and each
    merged row's (D3's missing items), as written (masked) and in full, both languages."""
    from cscaudit.report.problems import problems

    texts = [m for f in result.findings for m in (f.message.zh, f.message.en)]
    langs: tuple[Lang, ...] = ("zh", "en")
    texts += [p.message(lang) for p in problems(result) for lang in langs]
    return texts + [scrub(text) for text in texts]


def _print_follow_up(follow_up: FollowUp, lang: Lang) -> None:
    from cscaudit.cli.common import echo_out
    from cscaudit.report.recheck_out import recheck_lines, rectification_lines

    lines = recheck_lines(follow_up.recheck, lang) if follow_up.recheck is not None else []
    if follow_up.rectification is not None:
        lines += rectification_lines(follow_up, lang)
    for line in lines:
        echo_out(line)


DEFAULT_NAME = t("{center}-{period}-考核评分表.xlsx", "{center}-{period}-scorecard.xlsx")


def default_scorecard_name(result: AuditResult, lang: Lang) -> Path:
    """`新苑社区党群服务中心-2024-考核评分表.xlsx` (English: the center id): characters a
    file name cannot hold become `_`."""
    import re

    center = result.center.get("name") if lang == "zh" else None
    center = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", center or result.center["id"]).strip(" .")
    return Path(DEFAULT_NAME.format(center=center or result.center["id"],
                                    period=result.period)(lang))


def _write(result: AuditResult, targets: AuditOutputs, shown: OutputOptions,
           follow_up: FollowUp | None = None) -> list[Path]:
    """The outputs are renamed into place together, or none is."""
    from cscaudit.masking import scrubber
    from cscaudit.report.atomic import staged_outputs

    written: list[Path] = []
    with staged_outputs() as outputs:
        if targets.json is not None:
            from cscaudit.report.json_result import to_json

            outputs.stage_bytes(targets.json,
                                to_json(result, shown, follow_up).encode())
            written.append(targets.json)
        if targets.scorecard is not None:
            from cscaudit.report.scorecard import save_scorecard

            outputs.stage(targets.scorecard,
                          lambda out: save_scorecard(result, out, shown, follow_up))
            written.append(targets.scorecard)
        if targets.details is not None:
            from cscaudit.report.details import write_details_csv

            outputs.stage(targets.details,
                          lambda out: write_details_csv(result, out, shown.lang,
                                                            scrubber(show_pii=shown.show_pii)))
            written.append(targets.details)
        if targets.pdf is not None:
            from cscaudit.report.pdf import write_pdf  # reportlab: only when asked

            outputs.stage(targets.pdf, lambda out: write_pdf(result, out, shown))
            written.append(targets.pdf)
    return written
