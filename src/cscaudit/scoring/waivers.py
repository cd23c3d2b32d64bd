"""Waivers (kind: waivers): approved exemptions of an indicator or requirement for one center.

Each waiver names its target (an indicator id or a requirement id that an indicator checks),
the center, a justification, the approver, the approval document number and its validity
(`start` to `expires`, both inclusive). The file is checked before an audit runs: a target no
indicator of the checklist in force has cannot take effect and is an error. At audit time a
waiver is in force when the audit date falls inside its validity; the others are listed with
the reason they did not apply, never silently dropped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cscaudit.checklist.resolved import ResolvedChecklist
from cscaudit.config.yamlio import LoadedYaml
from cscaudit.errors import ConfigError
from cscaudit.i18n import Text, t
from cscaudit.results.model import WaiverUse


@dataclass(frozen=True)
class Waiver:
    id: str
    target: str
    center: str
    justification: Text
    approver: str
    document: str
    start: dt.date
    expires: dt.date
    file: str
    line: int

    def status(self, on_date: dt.date) -> Text | None:
        """None when in force on `on_date`, else why not."""
        if on_date < self.start:
            return t(f"尚未生效（{self.start} 起）", f"not yet valid (from {self.start})")
        if on_date > self.expires:
            return t(f"已于 {self.expires} 到期", f"expired on {self.expires}")
        return None

    def use(self, on_date: dt.date) -> WaiverUse:
        reason = self.status(on_date)
        return WaiverUse(self.id, self.target, self.approver, self.document,
                         self.expires.isoformat(), reason is None,
                         reason if reason is not None else self.justification)


@dataclass(frozen=True)
class WaiverSet:
    waivers: tuple[Waiver, ...]
    file: str

    def for_center(self, center_id: str, on_date: dt.date) -> tuple[WaiverUse, ...]:
        """Every waiver of this center, each marked applied or not on `on_date`."""
        return applicable(self.waivers, center_id, on_date)


def applicable(waivers: tuple[Waiver, ...], center_id: str,
               on_date: dt.date) -> tuple[WaiverUse, ...]:
    """The center's waivers on `on_date`: in force (applied) and the others (listed only)."""
    return tuple(w.use(on_date) for w in waivers if w.center == center_id)


def _targets(resolved: ResolvedChecklist) -> set[str]:
    """What a waiver can name: an indicator's id, or a requirement checked by an indicator
    that is not a veto (a veto is waived only by naming it; see `scoring._waived`)."""
    known = {spec.id for spec in resolved.indicators}
    for spec in resolved.indicators:
        if spec.method != "veto":
            known.update(spec.requirements)
    return known


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None  # the schema reports it


def file_problems(loaded: LoadedYaml) -> dict[tuple[int, str], tuple[str, Text]]:
    """The problems of a waivers file that need no checklist, by (waiver index, key): an `id`
    used before (naming the line of the first), `expires` before `start`. `load_waivers`
    raises the first; `cscaudit validate` reports them all. Entries the schema refuses are
    left to it."""
    found: dict[tuple[int, str], tuple[str, Text]] = {}
    first: dict[str, int] = {}
    data = loaded.data if isinstance(loaded.data, dict) else {}
    for i, waiver in enumerate(data.get("waivers") or []):
        if not isinstance(waiver, dict):
            continue
        wid = waiver.get("id")
        if isinstance(wid, str):
            if wid in first:
                found[(i, "id")] = ("duplicate-waiver-id", t(
                    f"豁免编号 {wid} 重复（首次在第 {first[wid]} 行）：每条豁免须有自己的编号",
                    f"waiver id {wid} is used twice (first at line {first[wid]}): give every "
                    "waiver its own id"))
            else:
                first[wid] = loaded.locate(("waivers", i, "id"))[0]
        start, expires = _date(waiver.get("start")), _date(waiver.get("expires"))
        if start is not None and expires is not None and expires < start:
            found[(i, "expires")] = ("waiver-dates", t(
                f"失效日期 {expires} 早于生效日期 {start}：请检查两个日期",
                f"expires {expires} is before start {start}: check both dates"))
    return found


def load_waivers(path: str | Path, resolved: ResolvedChecklist | None = None) -> WaiverSet:
    """Load and check a waivers file against the checklist in force (default: the default)."""
    from cscaudit.checklist.resolution import resolve
    from cscaudit.config.documents import load_document

    loaded = load_document(path, "waivers")
    targets = _targets(resolved if resolved is not None else resolve())
    problems = file_problems(loaded)
    waivers: list[Waiver] = []
    for i, item in enumerate(loaded.data["waivers"]):
        line, _ = loaded.locate(("waivers", i))

        def fail(message: Text, key: str, i: int = i) -> ConfigError:
            at = loaded.locate(("waivers", i, key))
            return ConfigError(message, file=loaded.path, line=at[0], column=at[1])

        wid = str(item["id"])
        if (i, "id") in problems:
            raise fail(problems[(i, "id")][1], "id")
        if item["target"] not in targets:
            raise fail(t(f"豁免对象 {item['target']} 不是当前清单中的指标或其依据的要求编号"
                         "（只由一票否决项检查的要求不能按要求编号豁免，须写否决指标的编号），"
                         "此豁免不会生效",
                         f"target {item['target']} is neither an indicator of the checklist "
                         "in force nor a requirement one of them checks (a requirement only a "
                         "veto checks is waived by naming the veto indicator): the waiver "
                         "cannot take effect"), "target")
        if (i, "expires") in problems:
            raise fail(problems[(i, "expires")][1], "expires")
        start = dt.date.fromisoformat(item["start"])
        expires = dt.date.fromisoformat(item["expires"])
        just = item["justification"]
        text = Text(just["zh"], just["en"]) if isinstance(just, dict) else Text(just, just)
        waivers.append(Waiver(wid, str(item["target"]), str(item["center"]), text,
                              str(item["approver"]), str(item["document"]), start, expires,
                              loaded.path, line))
    return WaiverSet(tuple(waivers), loaded.path)
