"""Excel sheet names: at most 31 characters, none of [ ] : * ? / \\, unique ignoring case.

Excel refuses a workbook whose sheet names break these rules (or opens it "repaired"), so
every name built from input (a center's name) goes through `SheetNamer.name`.
"""

from __future__ import annotations

import re

MAX_LEN = 31
_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
_RESERVED = {"history"}


class SheetNamer:
    """Hands out valid, unique sheet names (the order of calls decides who gets the plain one)."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def name(self, wanted: str) -> str:
        base = _FORBIDDEN.sub("_", wanted).strip().strip("'").strip() or "sheet"
        if base.lower() in _RESERVED:
            base += "_"
        candidate = base[:MAX_LEN].rstrip("'")
        n = 2
        while candidate.lower() in self._taken:
            suffix = f"~{n}"
            candidate = base[: MAX_LEN - len(suffix)] + suffix
            n += 1
        self._taken.add(candidate.lower())
        return candidate
