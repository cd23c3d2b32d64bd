"""GitHub Actions workflow commands: one `::error`/`::warning` annotation per problem."""

from __future__ import annotations

from cscaudit.i18n import Lang
from cscaudit.validate.reporters.base import ReportOptions, code_title, summary_line, uri
from cscaudit.validate.result import ValidationResult


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def render_github(result: ValidationResult, lang: Lang, options: ReportOptions) -> str:
    lines: list[str] = []
    for p in result.problems:
        if options.quiet and p.severity != "error":
            continue
        command = "error" if p.severity == "error" else "warning"
        title = f"cscaudit {p.code}: {code_title(p.code)(lang)}"
        lines.append(f"::{command} file={_prop(uri(p.file))},line={p.line},col={p.column},"
                     f"title={_prop(title)}::{_data(p.message(lang))}")
    if not options.quiet:
        lines.append(summary_line(result, lang))
    return "".join(line + "\n" for line in lines)
