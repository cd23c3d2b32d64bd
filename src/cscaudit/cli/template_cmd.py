"""`cscaudit template TABLE -o FILE.xlsx`: a blank input template for one table, or
`cscaudit template findings [--checklist ID] -o 现场核查表.xlsx`: the on-site form."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cscaudit.cli.common import LangOpt, QuietOpt, XlsxOutOpt, as_lang, guarded, written_xlsx

FINDINGS = "findings"
ONSITE_CHECKLIST = "gbt36735-onsite"


def _write_onsite_form(checklist: str, output: Path) -> None:
    from cscaudit.checklist.resolution import resolve
    from cscaudit.report.atomic import write_workbook_atomic
    from cscaudit.report.onsite_form import build_onsite_form

    write_workbook_atomic(build_onsite_form(resolve(checklist)), output)


def template(
    table: Annotated[str, typer.Argument(
        help="表名，如 visits、走访记录；findings 为现场核查表 / table name, or findings")],
    *,
    output: XlsxOutOpt,
    dictionary: Annotated[Path | None, typer.Option(
        "--dictionary", help="附加的字段字典 / an extra field-dictionary file")] = None,
    checklist: Annotated[str | None, typer.Option(
        "--checklist", help=f"现场核查表所用清单 / checklist of the on-site form ({ONSITE_CHECKLIST})")] = None,
    quiet: QuietOpt = False,
    lang: LangOpt = "zh",
) -> None:
    """生成一张表的填报模板 / write a blank input template for one table."""
    language = as_lang(lang)

    def write() -> None:
        from cscaudit.ingest import load_dictionary
        from cscaudit.report.template import write_template

        if table == FINDINGS:
            _write_onsite_form(checklist or ONSITE_CHECKLIST, output)
        elif checklist is not None:
            raise typer.BadParameter(f"--checklist: {FINDINGS}")
        else:
            write_template(table, output, load_dictionary(dictionary))

    raise typer.Exit(guarded(language, lambda: written_xlsx(output, write, language, quiet=quiet)))
