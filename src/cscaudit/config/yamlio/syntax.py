"""Where to report what the parser or its reader rejected, and how far the text was read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cscaudit.config.yamlio.spec import ParserMark, mark_position, position

if TYPE_CHECKING:
    from yaml.error import MarkedYAMLError
    from yaml.reader import ReaderError


def reader_position(text: str, exc: ReaderError) -> tuple[int, int]:
    """Where the reader met a character YAML does not allow. The reader rejects such a
    character wherever it is, so its first occurrence is the place (the C reader's
    `position` counts UTF-8 bytes, the pure-Python one characters)."""
    char = exc.character
    index = text.find(chr(char)) if isinstance(char, int) else -1
    return position(text, index if index >= 0 else int(exc.position or 0))


def _past_end(mark: ParserMark, text: str) -> bool:
    """Whether a mark lies at the end of the text, after its last character (an unclosed
    quote or bracket is found only there)."""
    index = getattr(mark, "index", None)
    if isinstance(index, int):
        return index >= len(text.rstrip())
    return bool(mark.line >= text.rstrip().count("\n") + 1)


def syntax_error(exc: MarkedYAMLError, text: str) -> tuple[tuple[int, int] | None, str]:
    """Where to report a parser error, and what to say: the problem's own place, unless it
    lies past the end of the file and the parser said where the construct began (the
    "while scanning ..." context), which is then the place; the context stays in the message."""
    problem, context = exc.problem, exc.context
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark is not None and (mark is None or _past_end(mark, text)):
        mark = exc.context_mark
    message = ", ".join(str(m) for m in (context, problem) if m) or "syntax error"
    return (mark_position(mark) if mark is not None else None), message


def scanned_until(exc: MarkedYAMLError) -> int:
    """The index up to which the text was read without error: where the problem is, or
    where the scalar being scanned began."""
    marks = [exc.problem_mark, exc.context_mark if str(exc.context or "").startswith(
        "while scanning") else None]
    indexes = [m.index for m in marks if m is not None and isinstance(m.index, int)]
    return min(indexes, default=0)
