"""GitHub Actions workflow commands: one `::error`/`::warning` annotation per problem."""

from __future__ import annotations

from cscaudit.i18n import Lang
from cscaudit.validate.reporters.base import ReportOptions, code_title, posix, summary_line
from cscaudit.validate.result import ValidationResult


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def render_github(result: ValidationResult, lang: Lang, options: ReportOptions) -> str:
    lines: list[str] = []
    for p in result.problems:
        if not options.shown(p):
            continue
        command = "error" if options.fails(p) else "warning"
        title = f"cscaudit {p.code}: {code_title(p.code)(lang)}"
        lines.append(f"::{command} file={_prop(posix(p.file))},line={p.line},col={p.column},"
                     f"title={_prop(title)}::{_data(p.message(lang))}")
    if not options.quiet:
        lines.append(summary_line(result, lang, options))
    return "".join(line + "\n" for line in lines)
