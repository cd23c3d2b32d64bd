"""Did-you-mean: the known name closest to a mistyped one, for every message that names an
unknown id (validate's reports, the audit's `--checklist`/`--profile`)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from cscaudit.i18n import Text, t

CLOSEST_MAX_CHARS = 200  # longer than any id or key: no suggestion (and no slow compare)


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The known name most like `word` (difflib), or None when nothing is close."""
    if len(word) > CLOSEST_MAX_CHARS:
        return None
    found = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return found[0] if found else None


def did_you_mean(word: str, candidates: Iterable[str]) -> Text:
    """'; did you mean X?' when a close candidate exists, else empty text."""
    guess = closest(word, candidates)
    if guess is None:
        return t("", "")
    return t(f"；是否应为 “{guess}”？", f"; did you mean '{guess}'?")
