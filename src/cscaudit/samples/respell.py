"""Rewrite a generated center's household ids the way other systems spell them.

Real centers export the roster from one system (`5-2-101`) and the visits from another
(`5栋2单元101室`). `respell_center(center, roster=..., visits=...)` rewrites the household
column of a generated center's CSV roster and visits with one spelling each, taking building,
unit and room from the roster's address column (`…1号楼2单元101室`). A visit naming a household
that is not on the roster keeps its id. Used by the tests and benchmark of household linking.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from cscaudit.ingest.headers import normalize_header

Room = tuple[int, int, int]  # building, unit, room
_ADDRESS = re.compile(r"(\d+)号楼(\d+)单元(\d+)室")
_CN = "〇一二三四五六七八九"


def _cn(n: int) -> str:
    return "".join(_CN[int(d)] for d in str(n))


SPELLINGS: dict[str, Callable[[Room], str]] = {
    "dash": lambda r: f"{r[0]}-{r[1]}-{r[2]}",
    "text": lambda r: f"{r[0]}栋{r[1]}单元{r[2]}室",
    "block": lambda r: f"{r[0]}号楼{r[1]}单元{r[2]}",
    "chinese": lambda r: f"{_cn(r[0])}栋{_cn(r[1])}单元{_cn(r[2])}",
    "mixed_dash": lambda r: f"{r[0]}幢{r[1]}-{r[2]}",
    "slash": lambda r: f"{r[0]}/{r[1]}/{r[2]}",
}
MIXED = ("text", "block", "chinese", "mixed_dash", "slash")


def _read(path: Path) -> tuple[list[list[str]], str]:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        keep = "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else (
            "utf-8" if encoding == "utf-8-sig" else encoding)
        return list(csv.reader(io.StringIO(text, newline=""))), keep
    raise ValueError(f"{path}: neither UTF-8 nor GB18030")


def _write(path: Path, rows: list[list[str]], encoding: str) -> None:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path.write_bytes(out.getvalue().encode(encoding))


def _column(header: list[str], names: tuple[str, ...]) -> int:
    wanted = {normalize_header(n) for n in names}
    return next(i for i, h in enumerate(header) if normalize_header(h) in wanted)


_ID_HEADERS = ("户号", "户编号", "住户编号", "门牌号")


def _spell(style: str) -> Iterator[Callable[[Room], str]]:
    if style == "mixed":
        return itertools.cycle(SPELLINGS[s] for s in MIXED)
    return itertools.repeat(SPELLINGS[style])


def respell_center(center: Path, roster: str = "dash", visits: str = "text") -> int:
    """Rewrite the household ids of `center`'s CSV roster and visits (spellings: a key of
    `SPELLINGS` or `mixed`); the number of visit rows rewritten."""
    from cscaudit.ingest import load_dictionary

    dictionary = load_dictionary()
    files = {dictionary.table_for_name(p.stem): p for p in sorted((center / "exports").glob("*.csv"))}
    roster_path, visits_path = files["roster"], files["visits"]
    rows, encoding = _read(roster_path)
    hid, address = _column(rows[0], _ID_HEADERS), _column(rows[0], ("居住地址", "住址"))
    rooms: dict[str, Room] = {}
    for row in rows[1:]:
        m = _ADDRESS.search(row[address]) if len(row) > address else None
        if m:
            rooms[row[hid]] = (int(m[1]), int(m[2]), int(m[3]))
            row[hid] = SPELLINGS[roster](rooms[row[hid]])
    _write(roster_path, rows, encoding)
    rows, encoding = _read(visits_path)
    col, spell, changed = _column(rows[0], _ID_HEADERS), _spell(visits), 0
    for row in rows[1:]:
        room = rooms.get(row[col]) if len(row) > col else None
        if room is not None:
            row[col], changed = next(spell)(room), changed + 1
    _write(visits_path, rows, encoding)
    return changed
