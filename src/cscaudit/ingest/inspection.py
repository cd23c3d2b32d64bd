"""Inspection findings (kind: inspection-findings): what an inspector judged on site.

`load_inspection_findings(path)` validates the file and returns, per indicator id, the
entry the `inspection_item` measure kind reads: `result` (pass, partial, fail,
not_applicable), `note`, `evidence` (photo or document references) and `file` (the findings
file, shown as the evidence's source). A result given twice for one indicator is an error.
`discover_findings(center_root)` finds a center's own findings file when `--findings` is not
given: `inspection-findings.yaml` in the center folder. A `.xlsx` file is the on-site form
(`cscaudit template findings`), read by `inspection_form`.

A findings file belongs to one center and one audit period. `audit` refuses (exit 2) a file
whose `center:` is another center's id (it would confirm a veto for the wrong center), and
one dated (`inspected_on`) before the period starts: an inspection held then cannot have
verified records not yet written. A date after the period end is the normal case (the
year-end 考核 inspects the year just closed, in January or later) and is accepted.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from cscaudit.config.yamlio.model import YamlDict
from cscaudit.errors import ConfigError
from cscaudit.i18n import Text, t

FINDINGS_FILE = "inspection-findings.yaml"


def discover_findings(center_root: Path) -> Path | None:
    """The center's inspection-findings file, `inspection-findings.yaml` beside center.yaml."""
    path = Path(center_root) / FINDINGS_FILE
    return path if path.is_file() else None


def other_center(findings_center: object, center_id: str) -> Text | None:
    """Why a findings file for `findings_center` cannot judge `center_id`; None when it can."""
    if findings_center is None or str(findings_center) == center_id:
        return None
    return t(f"核查结果文件属于中心 {findings_center}，不是本中心 {center_id}：请使用本中心的核查结果文件",
             f"the findings are for center {findings_center}, not this center {center_id}: "
             "use this center's inspection-findings file")


def before_period(inspected_on: object, period_start: dt.date) -> Text | None:
    """Why findings dated `inspected_on` cannot verify a period starting `period_start`."""
    day = inspected_on if isinstance(inspected_on, dt.date) else _iso_date(inspected_on)
    if day is None or day >= period_start:
        return None
    return t(f"核查日期 {day} 早于考核期起始日 {period_start}，不能核实本期台账：请使用本期的核查结果文件",
             f"inspected on {day}, before the period starts ({period_start}): it cannot have "
             "verified this period's records; use this period's findings file")


def _iso_date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def load_inspection_findings(path: Path, center_id: str | None = None,
                             period_start: dt.date | None = None) -> dict[str, YamlDict]:
    """The entries by indicator id; with `center_id` / `period_start`, a file for another center
    or dated before the period is a `ConfigError` naming the field's line."""
    from cscaudit.config.documents import load_document

    if Path(path).suffix.lower() in (".xlsx", ".xlsm"):
        from cscaudit.ingest.inspection_form import read_findings_form

        return read_findings_form(Path(path), center_id, period_start)
    loaded = load_document(path, "inspection-findings")
    refusals = (("center", None if center_id is None else other_center(loaded.data.get("center"), center_id)),
                ("inspected_on", None if period_start is None
                 else before_period(loaded.data.get("inspected_on"), period_start)))
    for key, refusal in refusals:
        if refusal is not None:
            line, col = loaded.locate((key,))
            raise ConfigError(refusal, file=str(path), line=line, column=col)
    entries: dict[str, dict[str, Any]] = {}
    for i, result in enumerate(loaded.data.get("results") or ()):
        indicator = str(result["indicator"])
        if indicator in entries:
            line, col = loaded.locate(("results", i, "indicator"))
            raise ConfigError(t(f"指标 {indicator} 的检查结果重复出现；每个指标只能记录一次",
                                f"indicator {indicator} has two results; record each indicator once"),
                              file=str(path), line=line, column=col)
        entries[indicator] = {
            "result": result["result"],
            "note": result.get("note"),
            "evidence": tuple(result.get("evidence") or ()),
            "file": Path(path).name,
        }
    return entries
