"""Read emergency plans off the Center model, tolerant of how sections and contacts are held.

`cscaudit.config.center` gives each plan a `path`, `title`, `classes`, `sections` (each heading as
found, with the standard section it matched) and `contacts` (with `updated_on`). These
helpers are the single place measure kinds touch those attributes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from cscaudit.measures.common import as_date, codes
from cscaudit.results.model import Evidence

if TYPE_CHECKING:
    from cscaudit.config.center import Center
    from cscaudit.config.plans import EmergencyPlan


def plans_of(center: Center | None) -> tuple[EmergencyPlan, ...]:
    return tuple(getattr(center, "plans", None) or ())


def plan_title(plan: EmergencyPlan) -> str:
    title = getattr(plan, "title", None)
    zh = getattr(title, "zh", None)
    return str(zh if zh is not None else title or getattr(plan, "id", None) or "?")


def plan_classes(plan: EmergencyPlan) -> set[str]:
    return set(codes(getattr(plan, "classes", None)))


def section_ids(plan: EmergencyPlan) -> set[str]:
    """The standard section ids the plan's headings matched."""
    found: set[str] = set()
    for section in getattr(plan, "sections", None) or ():
        if isinstance(section, str):
            found.add(section)
            continue
        for attr in ("section_id", "matched", "section", "id"):
            value = getattr(section, attr, None)
            if isinstance(value, str) and value:
                found.add(value)
                break
    return found


def contacts_updated(plan: EmergencyPlan) -> tuple[bool, dt.date | None]:
    """(has a contact list, the date it was last updated)."""
    contacts = getattr(plan, "contacts", None)
    if contacts is None:
        return False, None
    entries = getattr(contacts, "entries", contacts)
    has = bool(entries) if isinstance(entries, (list, tuple)) else True
    return has, as_date(getattr(contacts, "updated_on", None))


def plan_evidence(center: Center | None, plan: EmergencyPlan) -> Evidence:
    path = getattr(plan, "path", None)
    root = getattr(center, "root", None)
    shown = "center.yaml"
    if path is not None:
        try:
            shown = Path(path).resolve().relative_to(Path(root).resolve()).as_posix() if root else Path(path).name
        except (ValueError, OSError):
            shown = Path(path).name
    return Evidence(file=shown, sheet=None, row=getattr(plan, "line", None), key=plan_title(plan))
