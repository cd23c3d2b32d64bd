"""What an audit adds when it follows an earlier one: the 整改复核 against an earlier result
(`--previous`) and the filled 整改清单 checked (`--rectification`). Reporters read it beside
the `AuditResult`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cscaudit.scoring.recheck import Recheck
from cscaudit.scoring.rectification_check import RectificationRow


@dataclass(frozen=True)
class FollowUp:
    recheck: Recheck | None = None
    rectification: tuple[RectificationRow, ...] | None = None  # None: no list given
    rectification_file: str | None = None
    as_of: dt.date | None = None  # the day 整改期限 were judged against (--as-of, else the run's)
