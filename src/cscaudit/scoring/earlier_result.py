"""An earlier audit result read back (`cscaudit audit CENTER --previous EARLIER.json`): the
JSON `audit` wrote for the same center, after the 整改期限 or a year before.

Only what the 整改复核 compares is kept: the center, period, checklist and profile, the
score and grade with the area scores, the indicator ids, and each finding with the keys of
its evidence rows (case id, household, ... as the JSON lists them). A file that is not such a
result is an `InputError` naming the file and what is missing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cscaudit.errors import InputError
from cscaudit.i18n import t
from cscaudit.scoring.recheck_keys import row_id

MAX_BYTES = 200 * 1024 * 1024  # an audit result of a very large center stays far below


@dataclass(frozen=True)
class EarlierFinding:
    indicator: str
    area: str
    worker: str | None
    message: str
    keys: tuple[str, ...]  # evidence keys listed (the first rows when the list was capped)
    total: int  # rows behind the finding in all (a finding without rows counts as one)


@dataclass(frozen=True)
class EarlierArea:
    area: str
    title: str
    score: float


@dataclass(frozen=True)
class EarlierResult:
    file: str
    center_id: str
    period: str
    checklist: str  # id@version
    profile: str | None
    total: float
    grade: str
    provisional: bool
    areas: tuple[EarlierArea, ...]
    indicators: frozenset[str]
    findings: tuple[EarlierFinding, ...]


def _need(data: Any, key: str, kind: type | tuple[type, ...], path: Path) -> Any:
    value = data.get(key) if isinstance(data, dict) else None
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise InputError(t(f"不是 cscaudit audit --json 写出的结果：缺少或无法读取“{key}”",
                           f"not a result written by cscaudit audit --json: {key!r} missing or "
                           "unreadable"), file=str(path))
    return value


def _finding(raw: Any, path: Path) -> EarlierFinding:
    evidence = _need(raw, "evidence", list, path)
    keys = tuple(row_id(str(e["key"]), str(e["date"]) if e.get("date") else None)
                 for e in evidence if isinstance(e, dict) and e.get("key"))
    total = raw.get("evidence_total")
    worker = raw.get("worker")
    return EarlierFinding(
        indicator=str(_need(raw, "indicator", str, path)), area=str(raw.get("area") or ""),
        worker=str(worker) if worker else None, message=str(raw.get("message") or ""),
        keys=keys, total=max(int(total) if isinstance(total, int) else 0, len(evidence), 1))


def load_earlier_result(path: Path) -> EarlierResult:
    """Read and check an earlier `audit --json` result."""
    from cscaudit.input_files import require_regular_file, resolve_input

    resolved = resolve_input(path)
    require_regular_file(resolved)
    if resolved.stat().st_size > MAX_BYTES:
        raise InputError(t("文件过大，不像审核结果 JSON", "too large for an audit result JSON"),
                         file=str(path))
    try:
        data = json.loads(resolved.read_text("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        raise InputError(t("无法读取 JSON：请给出 cscaudit audit --json 写出的文件",
                           "cannot read the JSON: give a file cscaudit audit --json wrote"),
                         file=str(path), line=line) from None
    center = _need(data, "center", dict, path)
    score = _need(data, "score", dict, path)
    areas = tuple(EarlierArea(str(a.get("area")), str(a.get("title") or a.get("area")),
                              float(a.get("score") or 0))
                  for a in score.get("areas") or () if isinstance(a, dict))
    return EarlierResult(
        file=path.name, center_id=str(_need(center, "id", str, path)),
        period=str(_need(data, "period", (str, int), path)),
        checklist=str(_need(data, "checklist", str, path)),
        profile=str(data["profile"]) if data.get("profile") else None,
        total=float(_need(score, "total", (int, float), path)),
        grade=str(_need(score, "grade", str, path)), provisional=bool(score.get("provisional")),
        areas=areas,
        indicators=frozenset(str(_need(i, "id", str, path)) for i in _need(data, "indicators", list, path)),
        findings=tuple(_finding(f, path) for f in _need(data, "findings", list, path)))
