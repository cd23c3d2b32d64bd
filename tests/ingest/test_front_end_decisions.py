"""The CSV front end decides as before its speed work: the encoding chosen (`mostly` stops
once the lines left cannot change its answer), the bodies polars may split
(`plain_skeleton` looks for a lone carriage return in one pass) and the cells of each row
(`row_cells` given the line feeds counted already), and the body after the first lines
(`bytes_after` reads only the rest when they end in the file's first bytes). Whole files in UTF-8, UTF-8 with a BOM
and GB18030, some with lines pasted from the other encoding, against `tests/oracles/front_end`."""

from __future__ import annotations

import codecs
from functools import partial
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import TYPE_CHECKING
from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cscaudit.errors import InputError
from cscaudit.ingest import csv_body, csv_rows
from cscaudit.ingest.csv_body import bytes_after
from cscaudit.ingest.csv_rows import CsvFormat, csv_format, mostly
from cscaudit.ingest.csv_shape import plain_skeleton, row_cells
from tests.oracles import front_end as oracle

if TYPE_CHECKING:
    from typing_extensions import Buffer  # collections.abc.Buffer from Python 3.12

CELLS = st.text(alphabet="社区服务台账走访老人ab1 -:：，\"", max_size=8)
LINES = st.lists(st.lists(CELLS, min_size=1, max_size=4).map(",".join), max_size=30)
# `pasted`: lines written in the other encoding (a row pasted from a GBK file, or the reverse)
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "gb18030"])


def _encoded(lines: list[str], encoding: str, pasted: set[int]) -> bytes:
    other = "gb18030" if encoding.startswith("utf-8") else "utf-8"
    body = b"\r\n".join(line.encode(other if i in pasted else encoding.replace("-sig", ""))
                        for i, line in enumerate(lines))
    return (codecs.BOM_UTF8 if encoding == "utf-8-sig" else b"") + body + b"\r\n"


def _decision(path: Path) -> CsvFormat | str:
    try:
        return csv_format(path, whole=True)
    except InputError as exc:
        return str(exc)


def _same(a: CsvFormat | str, b: CsvFormat | str) -> None:
    assert a == b
    if isinstance(a, CsvFormat) and isinstance(b, CsvFormat):
        assert a.text == b.text  # `text` is left out of ==


@settings(max_examples=150, deadline=None)
@given(lines=LINES, encoding=ENCODINGS, pasted=st.sets(st.integers(0, 29), max_size=12),
       decide=st.integers(16, 400))
def test_whole_files_get_the_encoding_the_old_decision_gave(
        lines: list[str], encoding: str, pasted: set[int], decide: int) -> None:
    data = _encoded(["日期,走访人,内容", *lines], encoding, pasted)
    with TemporaryDirectory() as folder:
        path = Path(folder) / "t.csv"
        path.write_bytes(data)
        # a small "first MB", so that the cut line and the whole-file decisions are exercised
        with patch.object(csv_rows, "DECIDE_BYTES", decide):
            now = _decision(path)
            with patch.object(csv_rows, "mostly", partial(oracle.mostly, decide=decide)):
                before = _decision(path)
    _same(now, before)


@settings(max_examples=300, deadline=None)
@given(lines=st.lists(st.tuples(CELLS, st.sampled_from(["utf-8", "gb18030", "ascii"])),
                      max_size=40),
       encoding=st.sampled_from(["utf-8", "gb18030"]), cut=st.booleans())
def test_mostly_answers_as_looking_at_every_line(
        lines: list[tuple[str, str]], encoding: str, cut: bool) -> None:
    sample = b"\n".join(text.encode(codec, errors="replace") for text, codec in lines)
    decide = max(1, len(sample)) if cut else 1 << 20
    with patch.object(csv_rows, "DECIDE_BYTES", decide):
        assert mostly(sample, encoding) == oracle.mostly(sample, encoding, decide)


class _Counted:
    """A UTF-8 codec that counts the lines it is asked to decode."""

    def __init__(self) -> None:
        self.calls = 0

    def search(self, name: str) -> codecs.CodecInfo | None:
        if name != "cscaudit_test_counted_utf8":
            return None

        def decode(data: Buffer, errors: str = "strict", /) -> tuple[str, int]:
            self.calls += 1
            return codecs.utf_8_decode(data, errors, True)
        return codecs.CodecInfo(codecs.utf_8_encode, decode, name=name)


def test_a_gb18030_sample_is_settled_before_its_last_lines_are_decoded() -> None:
    counted = _Counted()
    codecs.register(counted.search)
    try:
        sample = b"\n".join(f"{n},社区服务,走访老人".encode("gb18030") for n in range(1000))
        assert mostly(sample, "cscaudit_test_counted_utf8") is False
        assert counted.calls <= 501  # one line more than half shows UTF-8 cannot win
        counted.calls = 0
        good = b"\n".join(f"{n},社区服务".encode() for n in range(1000))
        assert mostly(good, "cscaudit_test_counted_utf8") is True
        assert counted.calls <= 501
    finally:
        codecs.unregister(counted.search)


BODY = st.lists(st.sampled_from(["a", ",", '"', "\r", "\n", "\r\n", "社"]), max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=BODY)
def test_plain_skeleton_decides_as_counting_carriage_returns(text: str) -> None:
    data = text.encode()
    assert plain_skeleton(data, ",") == oracle.plain_skeleton(data, ",")


@settings(max_examples=200, deadline=None)
@given(text=BODY, width=st.integers(1, 4), blank=st.booleans())
def test_row_cells_given_the_line_feeds_counts_as_counting_them(
        text: str, width: int, blank: bool) -> None:
    skeleton = plain_skeleton(text.encode(), ",")
    if skeleton is None:
        return
    given_breaks = row_cells(skeleton, ",", width, exact=False, blank=blank,
                             breaks=skeleton.count(b"\n"))
    assert given_breaks.to_list() == row_cells(skeleton, ",", width, exact=False,
                                               blank=blank).to_list()


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_a_full_first_mb_leaves_its_cut_line_out_as_before(encoding: str) -> None:
    line = "2024-03-01,社工甲,走访独居老人，了解健康状况\n".encode(encoding)
    sample = (line * (csv_rows.DECIDE_BYTES // len(line) + 1))[:csv_rows.DECIDE_BYTES]
    for codec in ("utf-8", "gb18030"):
        assert mostly(sample, codec) == oracle.mostly(sample, codec)


@settings(max_examples=300, deadline=None)
@given(text=BODY, lines=st.integers(0, 12), head=st.integers(1, 24))
def test_bytes_after_reads_the_rest_as_reading_the_whole_file(
        text: str, lines: int, head: int) -> None:
    with TemporaryDirectory() as folder:
        path = Path(folder) / "t.csv"
        path.write_bytes(text.encode())
        with patch.object(csv_body, "HEAD", head):  # first lines cut anywhere, CR LF too
            assert bytes_after(path, lines) == oracle.bytes_after(path, lines)
