"""`cscaudit inspect FILE`: how an export's columns were mapped and what could not be read."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from cscaudit.cli.common import (
    EXIT_FINDINGS,
    EXIT_INPUT,
    EXIT_OK,
    LangOpt,
    as_lang,
    echo_out,
    guarded,
)

FIRST_ISSUES = 20


def inspect(
    file: Annotated[Path, typer.Argument(help="导出文件 CSV/XLSX / an exported CSV or XLSX file")],
    *,
    table: Annotated[str | None, typer.Option("--table", "-t",
                                              help="表名，如 visits / table name, e.g. visits")] = None,
    sheet: Annotated[str | None, typer.Option("--sheet", help="只看这个工作表 / only this sheet")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text|json")] = "text",
    show_all: Annotated[bool, typer.Option("--all", help="列出全部问题 / list every issue")] = False,
    dictionary: Annotated[Path | None, typer.Option(
        "--dictionary", help="附加的字段字典 / an extra field-dictionary file")] = None,
    lang: LangOpt = "zh",
) -> None:
    """检查一个导出文件如何被读取 / show how an export file is read.

    Exit 0: readable without issues; 1: readable with issues; 2: unusable.
    """
    language = as_lang(lang)
    if fmt not in ("text", "json"):
        raise typer.BadParameter("--format text|json")

    def body() -> int:
        from cscaudit.ingest import load_dictionary
        from cscaudit.ingest.inspect import inspect_file

        reports = inspect_file(file, load_dictionary(dictionary), table, sheet)
        limit = None if show_all else FIRST_ISSUES
        if fmt == "json":
            import json

            data: Any = [r.to_json(language, limit) for r in reports]
            echo_out(json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False,
                                  indent=2, sort_keys=True, default=str))
        else:
            from cscaudit.ingest.inspect_text import render

            echo_out(render(reports, language, limit))
        if any(not r.usable for r in reports):
            return EXIT_INPUT
        return EXIT_FINDINGS if any(r.issues for r in reports) else EXIT_OK

    raise typer.Exit(guarded(language, body))
