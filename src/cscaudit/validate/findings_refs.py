"""An inspection-findings file beside a center.yaml (the folder `audit` reads it from) must be
that center's: `center:` names its id, and `inspected_on` is not before the period the
center's `year:` sets. `audit` refuses such a file (exit 2); `validate` flags it when the
center is known. A findings file with no center.yaml beside it is not cross-checked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from cscaudit.config.center import CENTER_FILE
from cscaudit.config.yamlio import load_yaml
from cscaudit.errors import CscauditError
from cscaudit.ingest.inspection import before_period, other_center
from cscaudit.validate.out import Out


def _center_beside(findings: Path) -> dict[str, Any] | None:
    path = findings.parent / CENTER_FILE
    if not path.is_file():
        return None
    try:
        data = load_yaml(path).data
    except CscauditError:
        return None  # validated (and reported) as a document of its own
    return data if isinstance(data, dict) else None


def check_findings_center(out: Out, data: dict[str, Any]) -> None:
    center = _center_beside(Path(out.loaded.path))
    if center is None or not isinstance(center.get("id"), str):
        return
    problem = other_center(data.get("center"), center["id"])
    if problem is not None:
        out.add(("center",), "findings-other-center", problem)
    year = center.get("year")
    if isinstance(year, int) and not isinstance(year, bool) and dt.MINYEAR <= year <= dt.MAXYEAR:
        early = before_period(data.get("inspected_on"), dt.date(year, 1, 1))
        if early is not None:
            out.add(("inspected_on",), "findings-before-period", early)
