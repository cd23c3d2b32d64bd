"""What one `audit` or `assess` command was asked to do, as the Typer callback read it.

Each callback builds one frozen request (by keyword) and hands it to its command's `_run`,
instead of a positional list of sixteen to nineteen arguments. The audit's own options
(`AuditOptions`) and how outputs are shown (`OutputOptions`) are the engine's and the
report's types, reused; what only the command needs (output paths, `--fail-on`, `--quiet`)
is here. No field has a default: the callback passes every one, the defaults live in
its Typer options. Nothing of the engine is imported at run time: `--help` stays light.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cscaudit.engine.audit import AuditOptions
    from cscaudit.report.options import OutputOptions


@dataclass(frozen=True, kw_only=True)
class AuditOutputs:
    """The files one audit writes; None: not asked for (the scorecard: its default name
    when `--no-xlsx` is not given)."""

    scorecard: Path | None
    json: Path | None
    details: Path | None
    pdf: Path | None


@dataclass(frozen=True, kw_only=True)
class AuditRequest:
    """`cscaudit audit CENTER ...`."""

    center: Path
    options: AuditOptions
    shown: OutputOptions
    outputs: AuditOutputs
    no_xlsx: bool  # --no-xlsx: no scorecard at all
    fail_on: str | None
    previous: Path | None  # an earlier result JSON: recheck, year on year
    rectification: Path | None  # the 整改清单 as the center filled it
    as_of: dt.date | None  # the day 整改期限 are judged against (None: today)
    quiet: bool


@dataclass(frozen=True, kw_only=True)
class AssessRequest:
    """`cscaudit assess DISTRICT ...`."""

    district: Path
    options: AuditOptions  # each center's audit
    shown: OutputOptions
    output: Path
    json_path: Path | None
    no_xlsx: bool
    split_by: str | None  # --split-by as given, parsed before the run
    sheet_limit: int | None
    workers: int | None
    scheduler: str | None
    peer: Path | None
    previous: Path | None  # last year's run JSON
    fail_on: str | None
    quiet: bool
