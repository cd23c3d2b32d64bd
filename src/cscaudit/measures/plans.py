"""Read emergency plans off the Center model: the one place measure kinds touch a plan.

`cscaudit.config.center` gives each plan a `path`, `title`, `classes`, `subtypes`, `sections`
(each heading as found, with the standard section it matched, if any) and `contacts` (with
`updated_on`).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from cscaudit.measures.common import as_date, codes, shown_path
from cscaudit.results.model import Evidence

if TYPE_CHECKING:
    from cscaudit.config.center import Center
    from cscaudit.config.plans import EmergencyPlan


def plans_of(center: Center | None) -> tuple[EmergencyPlan, ...]:
    return center.plans if center is not None else ()


def plan_title(plan: EmergencyPlan) -> str:
    return plan.title or "?"


def plan_classes(plan: EmergencyPlan) -> set[str]:
    return set(codes(plan.classes))


def section_ids(plan: EmergencyPlan) -> set[str]:
    """The standard section ids the plan's headings matched."""
    return {section.section_id for section in plan.sections if section.section_id}


def contacts_updated(plan: EmergencyPlan) -> tuple[bool, dt.date | None]:
    """(has a contact list, the date it was last updated)."""
    if plan.contacts is None:
        return False, None
    return bool(plan.contacts.entries), as_date(plan.contacts.updated_on)


def plan_evidence(center: Center | None, plan: EmergencyPlan) -> Evidence:
    return Evidence(file=shown_path(center, str(plan.path)), sheet=None, row=plan.line,
                    key=plan_title(plan))
