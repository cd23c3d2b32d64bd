"""The Excel scorecard of one audit: 总览, 指标得分, 整改清单, 问题明细, 疑点核实 (when a veto
is pending or applied), 社工, 数据质量, 附录.

`build_scorecard` returns an openpyxl Workbook (normal mode: the scorecard has formulas, a
chart and print settings) whose 问题明细 holds only its header; `save_scorecard` writes it
with every defective row streamed into the 问题明细, and `write_scorecard` does so
atomically. Personal data is masked unless `show_pii`.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, TYPE_CHECKING

from cscaudit.i18n import Lang, Text, t
from cscaudit.report.options import OutputOptions
from cscaudit.results.model import AuditResult, VetoState

if TYPE_CHECKING:
    from collections.abc import Callable

    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from cscaudit.scoring.follow_up import FollowUp

SHEETS: dict[str, Text] = {
    "overview": t("总览", "Overview"),
    "indicators": t("指标得分", "Indicators"),
    "rectification": t("整改清单", "Rectification"),
    "details": t("问题明细", "Defective rows"),
    "suspicions": t("疑点核实", "Suspicions to verify"),
    "workers": t("社工", "Workers"),
    "data_issues": t("数据质量", "Data quality"),
    "appendix": t("附录", "Appendix"),
}


def build_scorecard(result: AuditResult, options: OutputOptions,
                    follow_up: FollowUp | None = None) -> Workbook:
    """The scorecard as an openpyxl Workbook; with `follow_up` a 整改复核 sheet (and from an
    earlier year last year's figures on the 总览) and the filled 整改清单 checked."""
    from openpyxl import Workbook

    from cscaudit.masking import scrubber
    from cscaudit.report.row_heights import fit_workbook
    from cscaudit.report.sheet_appendix import write_appendix
    from cscaudit.report.sheet_data_issues import write_data_issues
    from cscaudit.report.sheet_details import write_details_frame
    from cscaudit.report.sheet_indicators import write_indicators
    from cscaudit.report.sheet_overview import write_overview
    from cscaudit.report.sheet_rectification import write_rectification
    from cscaudit.report.sheet_suspicions import write_suspicions
    from cscaudit.report.sheet_workers import write_workers

    lang = options.lang
    scrub = scrubber(show_pii=options.show_pii)
    wb = Workbook()
    overview = wb.active
    assert overview is not None
    overview.title = SHEETS["overview"](lang)
    names = {key: text(lang) for key, text in SHEETS.items()}
    cells = write_indicators(wb.create_sheet(names["indicators"]), result, lang, scrub)
    write_overview(overview, result, cells, lang, scrub,
                   extra=_overview_follow_up(follow_up, result, lang))
    write_rectification(wb.create_sheet(names["rectification"]), result, lang, scrub,
                        details_title=names["details"])
    write_details_frame(wb.create_sheet(names["details"]), lang,
                        scrub(result.center.get("name", "")))
    if result.score.veto_state is not VetoState.NONE:
        write_suspicions(wb.create_sheet(names["suspicions"]), result, lang, scrub)
    write_workers(wb.create_sheet(names["workers"]), result, lang, scrub)
    write_data_issues(wb.create_sheet(names["data_issues"]), result, options)
    if follow_up is not None:
        from cscaudit.report.sheet_recheck import write_follow_up

        write_follow_up(wb, follow_up, result, lang, scrub)
    write_appendix(wb.create_sheet(names["appendix"]), result, lang, scrub)
    wb.properties.creator = result.tool
    wb.properties.title = names["overview"]
    fit_workbook(wb)  # wrapped text gets the rows it needs
    return wb


def _overview_follow_up(follow_up: FollowUp | None, result: AuditResult,
                        lang: Lang) -> Callable[[Worksheet, int], int] | None:
    """The 总览's recheck lines; the recheck modules are imported only for a recheck."""
    if follow_up is None:
        return None
    from cscaudit.report.sheet_recheck import overview_follow_up

    return overview_follow_up(follow_up, result, lang)


def save_scorecard(result: AuditResult, out: IO[bytes], options: OutputOptions,
                   follow_up: FollowUp | None = None) -> None:
    """Write the scorecard to `out`, every defective row streamed into the 问题明细."""
    from cscaudit.masking import scrubber
    from cscaudit.report.details import detail_count, detail_rows
    from cscaudit.report.xlsx_stream import save_streaming

    wb = build_scorecard(result, options, follow_up)
    rows = detail_rows(result, options.lang, scrubber(show_pii=options.show_pii))
    save_streaming(wb, SHEETS["details"](options.lang), rows, detail_count(result), out)


def write_scorecard(result: AuditResult, path: Path, options: OutputOptions,
                    follow_up: FollowUp | None = None) -> None:
    """Build the scorecard and write it to `path` (a temporary file, then renamed)."""
    from cscaudit.report.atomic import write_with

    write_with(Path(path), lambda out: save_scorecard(result, out, options, follow_up))
