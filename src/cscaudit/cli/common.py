"""What every command shares: the language option, exit codes and the error guard.

Command modules import only this and typer at import time; implementations are imported
inside the command bodies so that `cscaudit validate` never pays for openpyxl.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, NoReturn, TypeVar

import typer

from cscaudit.errors import CscauditError
from cscaudit.i18n import Lang, Text, parse_lang, t
from cscaudit.terminal import escape_controls

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2

T = TypeVar("T")


def _lang_callback(value: str | None) -> str:
    raw = value or os.environ.get("CSCAUDIT_LANG") or "zh"
    try:
        return parse_lang(raw)
    except ValueError:
        raise typer.BadParameter(f"--lang zh|en ({raw!r})") from None


LangOpt = Annotated[
    str,
    typer.Option("--lang", help="输出语言 zh|en / output language", callback=_lang_callback,
                 show_default="zh"),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="只输出必要信息 / print less")]
XlsxOutOpt = Annotated[Path, typer.Option("--output", "-o", help="输出的 .xlsx / output .xlsx")]


def written_xlsx(output: Path, write: Callable[[], str | None], lang: Lang, *,
                 quiet: bool) -> int:
    """Check `output` is an .xlsx, run `write` and say where it went (with what `write`
    returns, if anything, before it): the body of the commands that write one form."""
    if output.suffix.lower() != ".xlsx":
        raise typer.BadParameter("-o FILE.xlsx")
    said = write()
    if not quiet:
        typer.echo(said or (f"已写入 {output}" if lang == "zh" else f"written: {output}"))
    return EXIT_OK


def as_lang(value: str) -> Lang:
    return parse_lang(value)


def echo_err(message: str) -> None:
    """One message to stderr, terminal control characters from inputs shown escaped."""
    sys.stderr.write(escape_controls(message.rstrip("\n")) + "\n")


def echo_out(text: str, *, err: bool = False) -> None:
    """Plain command output (a line, a JSON document), control characters shown escaped
    (`cscaudit.terminal`); the one way commands print text that may hold input."""
    typer.echo(escape_controls(text), err=err)


def fail(message: Text, lang: Lang, code: int = EXIT_INPUT) -> NoReturn:
    """Print a user-facing error (no traceback) and exit."""
    echo_err(("错误：" if lang == "zh" else "error: ") + message(lang))
    raise typer.Exit(code)


def os_error_text(exc: OSError) -> Text:
    """A file-system error (a path that cannot be read or written) as a one-line message."""
    from cscaudit.input_files import shown_path

    names = [shown_path(str(n)) for n in (exc.filename, exc.filename2) if n is not None]
    where = " -> ".join(names)
    reason = exc.strerror or type(exc).__name__
    prefix = f"{where}: " if where else ""
    return t(f"{prefix}无法读写文件（{reason}）：请检查路径是否存在、是否可写、是否被其他程序（如 Excel）占用",
             f"{prefix}cannot read or write the file ({reason}): check that the path exists, "
             "is writable and is not open in another program (such as Excel)")


def guarded(lang: Lang, body: Callable[[], T]) -> T:
    """Run a command body; a `CscauditError` or a file-system `OSError` becomes a clean
    one-line message and exit 2 (no traceback for a path the user gave)."""
    try:
        return body()
    except CscauditError as exc:
        echo_err(("错误：" if lang == "zh" else "error: ") + exc.render(lang))
        raise typer.Exit(EXIT_INPUT) from None
    except OSError as exc:
        echo_err(("错误：" if lang == "zh" else "error: ") + os_error_text(exc)(lang))
        raise typer.Exit(EXIT_INPUT) from None
    except KeyboardInterrupt:
        echo_err("已中断" if lang == "zh" else "interrupted")
        raise typer.Exit(130) from None
