"""`cscaudit template TABLE -o FILE.xlsx`: a blank input template for one table."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cscaudit.cli.common import EXIT_OK, LangOpt, QuietOpt, as_lang, guarded


def template(
    table: Annotated[str, typer.Argument(help="表名，如 visits、roster / table name")],
    output: Annotated[Path, typer.Option("--output", "-o", help="输出的 .xlsx / output .xlsx")],
    dictionary: Annotated[Path | None, typer.Option(
        "--dictionary", help="附加的字段字典 / an extra field-dictionary file")] = None,
    quiet: QuietOpt = False,
    lang: LangOpt = "zh",
) -> None:
    """生成一张表的填报模板 / write a blank input template for one table."""
    language = as_lang(lang)

    def body() -> int:
        from cscaudit.ingest import load_dictionary
        from cscaudit.ingest.template import write_template

        if output.suffix.lower() != ".xlsx":
            raise typer.BadParameter("-o FILE.xlsx")
        write_template(table, output, load_dictionary(dictionary))
        if not quiet:
            typer.echo(f"已写入 {output}" if language == "zh" else f"written: {output}")
        return EXIT_OK

    raise typer.Exit(guarded(language, body))
