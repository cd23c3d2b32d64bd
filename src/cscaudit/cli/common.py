"""What every command shares: the language option, exit codes and the error guard.

Command modules import only this and typer at import time; implementations are imported
inside the command bodies so that `cscaudit validate` never pays for openpyxl.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Annotated, NoReturn, TypeVar

import typer

from cscaudit.errors import CscauditError
from cscaudit.i18n import Lang, Text, parse_lang

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


def as_lang(value: str) -> Lang:
    return parse_lang(value)


def echo_err(message: str) -> None:
    sys.stderr.write(message.rstrip("\n") + "\n")


def fail(message: Text, lang: Lang, code: int = EXIT_INPUT) -> NoReturn:
    """Print a user-facing error (no traceback) and exit."""
    echo_err(("错误：" if lang == "zh" else "error: ") + message(lang))
    raise typer.Exit(code)


def guarded(lang: Lang, body: Callable[[], T]) -> T:
    """Run a command body; a `CscauditError` becomes a clean message and exit 2."""
    try:
        return body()
    except CscauditError as exc:
        echo_err(("错误：" if lang == "zh" else "error: ") + exc.render(lang))
        raise typer.Exit(EXIT_INPUT) from None
    except KeyboardInterrupt:
        echo_err("已中断" if lang == "zh" else "interrupted")
        raise typer.Exit(130) from None
