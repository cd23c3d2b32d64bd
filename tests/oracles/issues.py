"""An issue's state, one visit row's values at a time: the rule `facts/issues.issue_states`
computes for every visit, held to it by `tests/audit/measures/test_issue_states.py`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from cscaudit.measures.common import as_date
from cscaudit.measures.common import filled as cell_filled


def issue_state(v: Mapping[str, Any], max_days: int, words: tuple[str, ...],
                end: dt.date) -> str | None:
    """`handled`, `late`, `pending` (not yet due) or None when the row raises no issue."""
    raised = as_date(v.get("visited_on"))
    if not cell_filled(v.get("issue")) or raised is None:
        return None
    due = raised + dt.timedelta(days=max_days)
    closed = as_date(v.get("closed_on"))
    action = str(v.get("action") or "")
    if closed is not None:
        return "handled" if closed <= due else "late"
    if any(w in action for w in words):
        return "handled"
    return "late" if due < end else "pending"
