"""The assessment's own side inputs: peer-review scores and last year's run JSON.

- Peer scores (`--peer peer.csv`): a CSV (UTF-8 or UTF-8 with BOM) with a header naming the
  center column (`center_id` or `中心编号`) and the score column (`score`, `peer` or
  `互评得分`), one center per row, scores from 0 to 100. A center listed twice, or an id that
  is not a center of the district, is an error at its line (a typo would otherwise silently
  cost a center its peer part).
- Last year (`--previous last-year.json`): the run JSON a previous `cscaudit assess` wrote;
  centers are matched by id. A value that is not a finite number (NaN, Infinity) counts as
  missing; a file that is not JSON, or nested too deeply to read, is an input error.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Collection
from pathlib import Path
from typing import Any

from cscaudit.errors import InputError
from cscaudit.i18n import t
from cscaudit.input_files import require_regular_file
from cscaudit.scoring.district.ranking import Previous

ID_HEADERS = ("center_id", "中心编号", "center")
SCORE_HEADERS = ("score", "peer", "互评得分", "互评")


def _column(header: list[str], names: tuple[str, ...], path: Path) -> int:
    cleaned = [h.strip().lower() for h in header]
    for name in names:
        if name in cleaned:
            return cleaned.index(name)
    raise InputError(t(f"第 1 行缺少列：{' / '.join(names)} 之一",
                       f"row 1 lacks a column named one of: {', '.join(names)}"),
                     file=str(path), line=1)


def _check_center(center: str, line: int, id_col: int, path: Path, seen: dict[str, int],
                  known: Collection[str] | None) -> None:
    if center in seen:
        raise InputError(t(f"中心 {center} 已在第 {seen[center]} 行给出互评得分：每个中心只写一行，请删去重复行",
                           f"center {center} already has a peer score on line {seen[center]}: "
                           "give each center one line; delete the repeated one"),
                         file=str(path), line=line, column=id_col + 1)
    if known is not None and center not in known:
        listed = ", ".join(sorted(known)[:10]) + ("…" if len(known) > 10 else "")
        raise InputError(t(f"辖区中没有编号为 {center!r} 的中心（已有：{listed}）：请改正编号或删去此行",
                           f"no center with id {center!r} in the district (there are: {listed}): "
                           "correct the id or delete the line"),
                         file=str(path), line=line, column=id_col + 1)


def load_peers(path: Path, known: Collection[str] | None = None) -> dict[str, float]:
    """Center id -> peer score (0–100); InputError naming the row and column otherwise.
    With `known` (the district's center ids), an id not among them is an error too."""
    require_regular_file(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(t(f"无法读取互评文件（应为 UTF-8 CSV）：{exc}",
                           f"cannot read the peer scores (expected UTF-8 CSV): {exc}"),
                         file=str(path)) from None
    rows = list(csv.reader(text.splitlines()))
    if not rows:
        raise InputError(t("互评文件为空", "the peer score file is empty"), file=str(path))
    id_col = _column(rows[0], ID_HEADERS, path)
    score_col = _column(rows[0], SCORE_HEADERS, path)
    peers: dict[str, float] = {}
    lines: dict[str, int] = {}
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        center = row[id_col].strip() if id_col < len(row) else ""
        raw = row[score_col].strip() if score_col < len(row) else ""
        try:
            score = float(raw)
        except ValueError:
            score = -1.0
        if not center or not 0 <= score <= 100:
            raise InputError(t(f"第 {score_col + 1} 列：互评得分应为 0–100 的数字，中心编号不能为空（{raw!r}）",
                               f"column {score_col + 1}: the peer score must be a number from 0 to "
                               f"100 and the center id must be filled ({raw!r})"),
                             file=str(path), line=line, column=score_col + 1)
        _check_center(center, line, id_col, path, lines, known)
        lines[center] = line
        peers[center] = score
    return peers


def _number(value: Any) -> float | None:
    """A finite number, else None (NaN and Infinity, which Python's JSON reader accepts, are
    treated as missing so they never reach this year's JSON)."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def load_previous(path: Path) -> dict[str, Previous]:
    """Center id -> last year's rank, composite and grade, from a previous run JSON."""
    require_regular_file(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        if isinstance(exc, RecursionError):  # nested deeper than any run JSON ever is
            exc = ValueError("nested too deeply")
        raise InputError(t(f"无法读取上年结果（应为 cscaudit assess --json 输出的 JSON）：{exc}",
                           f"cannot read last year's run (expected the JSON written by "
                           f"cscaudit assess --json): {exc}"), file=str(path)) from None
    ranking = data.get("ranking") if isinstance(data, dict) else None
    if not isinstance(ranking, list):
        raise InputError(t("上年结果中没有 ranking 列表：请使用 cscaudit assess --json 的输出",
                           "last year's file has no ranking list: use the output of "
                           "cscaudit assess --json"), file=str(path))
    previous: dict[str, Previous] = {}
    for row in ranking:
        center = row.get("center") if isinstance(row, dict) else None
        cid = center.get("id") if isinstance(center, dict) else None
        if not isinstance(cid, str):
            continue
        rank = row.get("rank")
        grade = row.get("grade")
        previous[cid] = Previous(rank=rank if isinstance(rank, int) and not isinstance(rank, bool)
                                 else None,
                                 composite=_number(row.get("composite")),
                                 grade=grade if isinstance(grade, str) else None)
    return previous
