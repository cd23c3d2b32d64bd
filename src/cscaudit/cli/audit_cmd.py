"""`cscaudit audit CENTER`: audit one center and write its scorecard."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from cscaudit.cli.common import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, LangOpt, QuietOpt, guarded
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
    code = guarded(language, lambda: _run(
        center, output, json_path, details, pdf, checklist, profile, waivers, findings, year,
        dictionary, fail_on, show_pii, no_xlsx, language, quiet, previous, rectification,
        _as_of(as_of),
    ))
    raise typer.Exit(code)


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


def _run(
    center: Path, output: Path | None, json_path: Path | None, details: Path | None,
    pdf: Path | None, checklist: str | None,
    profile: str | None, waivers: Path | None, findings: Path | None, year: int | None,
    dictionary: Path | None, fail_on: str | None, show_pii: bool, no_xlsx: bool, lang: Lang, quiet: bool,
    previous: Path | None = None, rectification: Path | None = None,
    as_of: dt.date | None = None,
) -> int:
    from cscaudit.engine.audit import AuditOptions, audit_center
    from cscaudit.report.atomic import check_outputs
    from cscaudit.report.console import print_summary
    from cscaudit.report.options import OutputOptions
    from cscaudit.run_inputs import RunInputs

    options = AuditOptions(checklist=checklist, profile=profile, waivers=waivers,
                           findings=findings, year=year, dictionary=dictionary)
    threshold = _threshold(fail_on, center, options) if fail_on else None
    given = RunInputs().adding([center, center / "center.yaml", waivers, findings, checklist,
                                profile, previous, rectification])
    check_outputs(None if no_xlsx else output, json_path, given, (details, pdf))
    earlier = _earlier(previous)
    filled = _filled(rectification)
    result = audit_center(center, options)
    target = None if no_xlsx else (output or default_scorecard_name(result, lang))
    check_outputs(target, json_path, given.adding_read(result.inputs),  # every file it read
                  (details, pdf))
    follow_up = _follow_up(earlier, filled, rectification, result, show_pii,
                           as_of or dt.date.today())
    shown = OutputOptions(lang, show_pii)
    written = _write(result, Outputs(target, json_path, details, pdf), shown, follow_up)
    print_summary(result, shown, written, quiet=quiet)
    if follow_up is not None and not quiet:
        _print_follow_up(follow_up, lang)
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
               rectification: Path | None, result: AuditResult, show_pii: bool,
               as_of: dt.date) -> FollowUp | None:
    if earlier is None and filled is None:
        return None
    from cscaudit.masking import scrubber
    from cscaudit.scoring.follow_up import FollowUp
    from cscaudit.scoring.recheck import recheck
    from cscaudit.scoring.rectification_check import check_rectification

    scrub = scrubber(show_pii=show_pii)
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


@dataclass(frozen=True)
class Outputs:
    """The files one audit writes; None: not asked for."""

    scorecard: Path | None
    json: Path | None
    details: Path | None
    pdf: Path | None


def _write(result: AuditResult, targets: Outputs, shown: OutputOptions,
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
