"""The CSV front end's decisions as they were computed before the speed work: `mostly`
looking at every line, `plain_skeleton` counting carriage returns, `bytes_after` reading
the whole file. The property tests
in `tests/ingest/test_front_end_decisions.py` hold `csv_rows` and `csv_shape` to them."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from cscaudit.ingest.csv_shape import _CELL, _QUOTED, _cells_bounded

DECIDE_BYTES = 1 << 20


def mostly(sample: bytes, encoding: str, decide: int = DECIDE_BYTES) -> bool:
    """Whether most non-ASCII lines of `sample` decode strictly as `encoding` (every line
    looked at; a line cut at `decide` bytes left out)."""
    lines = sample.split(b"\n")
    if len(sample) >= decide:
        lines.pop()
    good = bad = 0
    for line in lines:
        if line.isascii():
            continue
        try:
            line.decode(encoding)
        except UnicodeDecodeError:
            bad += 1
        else:
            good += 1
    return good > bad


def plain_skeleton(data: bytes, delimiter: str) -> bytes | None:
    """`csv_shape.plain_skeleton` with its carriage returns counted (two passes)."""
    mark = delimiter.encode("utf-8")
    if (len(mark) != 1 or mark in b'"\r\n\x00' or _CELL in data
            or data.startswith(codecs.BOM_UTF8)
            or (b"\r" in data and data.count(b"\r") != data.count(b"\r\n"))):
        return None
    if b'"' not in data:
        return data
    skeleton = _QUOTED.sub(_CELL, data)
    if b'"' in skeleton or not _cells_bounded(skeleton, mark):
        return None
    return skeleton


_BREAK = re.compile(rb"\r\n|\r|\n")


def bytes_after(path: Path, lines: int) -> bytes:
    """The bytes of the file after its first `lines` lines (CR LF, CR or LF ends one)."""
    data = path.read_bytes()
    at, breaks = 0, _BREAK.finditer(data)
    for _ in range(lines):
        found = next(breaks, None)
        if found is None:
            return b""
        at = found.end()
    return data[at:]
