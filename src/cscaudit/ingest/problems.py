"""What a value parser says about a cell it could not read cleanly."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cscaudit.i18n import Text


@dataclass(frozen=True, slots=True)
class Problem:
    """A cell-level problem: `error` (value lost, None kept) or `warning` (value kept)."""

    code: str
    message: Text
    severity: str = "error"


# (parsed value or None, problem or None)
Result = tuple[Any, Problem | None]
