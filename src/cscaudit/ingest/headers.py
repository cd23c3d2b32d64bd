"""Header text: normalisation, column letters, and finding the header row under title rows.

Headers match after NFKC folding (full-width to half-width), removing all white space,
dropping bracketed notes (`承诺时限(工作日)`, `走访日期【必填】`) and case folding.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

_BRACKETED = re.compile(r"[(\[{【（〔<《][^)\]}】）〕>》]*[)\]}】）〕>》]")
_SPACE = re.compile(r"\s+")
_TRIM = "*＊:：#"


@lru_cache(maxsize=4096)
def normalize_header(text: str) -> str:
    """The comparable form of a header or a table name."""
    folded = unicodedata.normalize("NFKC", text)
    without_notes = _BRACKETED.sub("", folded)
    if not _SPACE.sub("", without_notes):  # a header that is only a note: keep the note
        without_notes = folded
    return _SPACE.sub("", without_notes).strip(_TRIM).casefold()


def column_letter(index: int) -> str:
    """0-based column index -> Excel letters (0 -> A, 26 -> AA)."""
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell_text(value: object) -> str:
    """A cell as text for header matching and messages (numbers without a spurious .0)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value).strip()


def header_score(cells: Sequence[object], known: dict[str, str],
                 prefixes: Sequence[str] = ()) -> int:
    """How many distinct fields the cells of one row name (a candidate header row)."""
    fields: set[str] = set()
    for cell in cells:
        key = normalize_header(cell_text(cell))
        if not key:
            continue
        name = known.get(key)
        if name is not None:
            fields.add(name)
        elif prefixes and any(key.startswith(p) for p in prefixes):
            fields.add("items")
    return len(fields)


def best_header_row(rows: Sequence[Sequence[object]], known: dict[str, str],
                    prefixes: Sequence[str] = ()) -> tuple[int, int]:
    """(index in `rows`, score) of the row that best looks like the header; ties: earliest."""
    best_index, best_score = 0, -1
    for index, cells in enumerate(rows):
        score = header_score(cells, known, prefixes)
        if score > best_score:
            best_index, best_score = index, score
    return best_index, max(best_score, 0)
