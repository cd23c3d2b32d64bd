"""Exceptions for the fatal cases only. Problems in the data are values, not exceptions.

Every `CscauditError` carries a bilingual message that names the file (and line or row when
known) and says what to do. The CLI prints it without a traceback and exits 2.
"""

from __future__ import annotations

from cscaudit.i18n import Lang, Text


class CscauditError(Exception):
    """A user-facing fatal error: unreadable input, invalid checklist, bad option."""

    def __init__(
        self,
        message: Text,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message.en)
        self.message = message
        self.file = file
        self.line = line
        self.column = column

    def render(self, lang: Lang) -> str:
        where = self.file or ""
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = self.message(lang)
        return f"{where}: {text}" if where else text


class InputError(CscauditError):
    """An input file cannot be used at all (missing, unreadable, not parseable)."""


class ConfigError(CscauditError):
    """A checklist, profile, waiver file or center configuration is invalid."""
