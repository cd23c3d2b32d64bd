"""Plain bilingual messages for JSON Schema errors (to be refined per validator keyword)."""

from __future__ import annotations

from typing import Any

from cscaudit.i18n import Text, t


def explain(error: Any) -> Text:
    message = str(error.message)
    return t(message, message)
