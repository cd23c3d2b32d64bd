"""`cscaudit validate PATH...`: schema and cross-reference checks for CI and pre-commit.

Exit 0 when every file is valid, 1 when any has an error (or a warning with `--strict`),
2 on a usage error or when a file cannot be read. Only typer and `cli.common` are imported
here; the engine (and jsonschema) load inside the command, rich only for a terminal.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from cscaudit.cli.common import EXIT_INPUT, LangOpt, QuietOpt, as_lang, guarded
from cscaudit.i18n import t
from cscaudit.terminal import escape_controls

FORMATS = ("text", "json", "github", "sarif", "junit")

PathsArg = Annotated[
    list[str],
    typer.Argument(help="文件、文件夹或通配符 / files, folders or glob patterns",
                   show_default=False),
]
FormatOpt = Annotated[
    str,
    typer.Option("--format", "-f", help="输出格式 text|json|github|sarif|junit / output format"),
]
StrictOpt = Annotated[
    bool, typer.Option("--strict", help="警告也视为失败 / warnings fail the run too"),
]


def _use_color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def validate(
    paths: PathsArg,
    *,
    format: FormatOpt = "text",
    lang: LangOpt = "zh",
    quiet: QuietOpt = False,
    strict: StrictOpt = False,
) -> None:
    """检查配置文件（center.yaml、预案、清单、配置、豁免…） / validate configuration files.

    退出码 / exit: 0 通过 valid · 1 有错误 invalid · 2 用法错误或无法读取 usage/unreadable.
    """
    language = as_lang(lang)
    fmt = format.strip().lower()
    if fmt not in FORMATS:
        message = t(f"不支持的格式 {format!r}；可选：{'、'.join(FORMATS)}",
                    f"unknown format {format!r}; choose one of: {', '.join(FORMATS)}")
        sys.stderr.write(message(language) + "\n")
        raise typer.Exit(EXIT_INPUT)

    def body() -> int:
        from cscaudit.validate.engine import validate_paths
        from cscaudit.validate.reporters import REPORTERS, ReportOptions

        result = validate_paths(list(paths))
        options = ReportOptions(color=fmt == "text" and _use_color(), quiet=quiet,
                                strict=strict)
        report = REPORTERS[fmt](result, language, options)
        # coloured text escapes its lines itself (render_text); every other format here
        sys.stdout.write(report if options.color else escape_controls(report))
        sys.stdout.flush()
        return result.exit_code(strict=strict)

    code = guarded(language, body)
    raise typer.Exit(code)
