"""Plain text: `file:line:col: severity [code] message (json path)`, then a summary line."""

from __future__ import annotations

from cscaudit.i18n import Lang
from cscaudit.terminal import escape_controls
from cscaudit.validate.reporters.base import ReportOptions, severity_word, summary_line
from cscaudit.validate.result import ValidationResult


def _plain(result: ValidationResult, lang: Lang,
           options: ReportOptions) -> list[tuple[str, str]]:
    """(style, line) pairs; style is '' or a rich style name."""
    lines: list[tuple[str, str]] = []
    for problem in result.problems:
        if not options.shown(problem):
            continue
        where = f"{problem.file}:{problem.line}:{problem.column}"
        pointer = f" ({problem.json_pointer})" if problem.path else ""
        style = "red" if options.fails(problem) else "yellow"
        lines.append((style, f"{where}: {severity_word(problem.severity, lang)} "
                             f"[{problem.code}] {problem.message(lang)}{pointer}"))
    failed = options.run_failed(result)
    if not options.quiet or failed:
        style = "bold red" if failed else "bold green"
        lines.append((style, summary_line(result, lang, options)))
    return lines


def render_text(result: ValidationResult, lang: Lang, options: ReportOptions) -> str:
    lines = _plain(result, lang, options)
    if not options.color:
        return "".join(line + "\n" for _, line in lines)
    from io import StringIO

    from rich.console import Console
    from rich.text import Text as RichText

    buffer = StringIO()
    console = Console(file=buffer, force_terminal=True, width=10_000, soft_wrap=True)
    for style, line in lines:  # input text on a terminal: control characters escaped
        console.print(RichText(escape_controls(line), style=style))
    return buffer.getvalue()
