"""What every measure and fact may consult besides the tables: `AuditContext`.

It sits below facts and measures, which both read it (the center, the standard, the audit
period, the working-day calendar, the on-site findings, the address rules).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cscaudit.ingest.address import AddressRules

if TYPE_CHECKING:
    from cscaudit.config.calendar import WorkCalendar
    from cscaudit.config.center import Center
    from cscaudit.config.standard_model import Standard
    from cscaudit.config.yamlio.model import YamlMapping


@dataclass(frozen=True)
class AuditContext:
    """What every measure and fact may consult besides the tables."""

    center: Center
    standard: Standard
    year: int
    period_start: dt.date
    period_end: dt.date
    calendar: WorkCalendar
    tables_present: frozenset[str]  # tables that were found and readable
    inspection: Mapping[str, YamlMapping] = field(default_factory=dict)  # indicator id -> entry
    # how addresses are read when households are linked by address (the field dictionary's)
    address_rules: AddressRules | None = None
