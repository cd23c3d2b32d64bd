"""Generated CSV bodies with the hard cases (quoted cells with delimiters, doubled quotes and
line breaks, CRLF and LF mixed, blank lines, short and long rows, stray quotes, text after a
closing quote, lone carriage returns, a NUL, an unclosed quote, a byte not in UTF-8;
UTF-8, UTF-8 with a BOM, GB18030): the frame reader equals the record reader, and the body is read by polars exactly
when nothing irregular was written into it."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from cscaudit.errors import InputError
from cscaudit.ingest import TableSource, load_dictionary, open_table
from cscaudit.ingest.csv_body import read_csv_body
from tests.ingest.frame_equality import assert_same

DICTIONARY = load_dictionary()
HEADER = ["走访日期", "走访人", "户号", "走访内容"]
PLAIN = ["2024-03-05", "社工1", "H1", "政策宣传", "", " ", "合计", "总计：3", "昨天", "Ｈ２"]
QUOTED = ["a{d}b", 'say ""hi""', "两行\n文字", "两行\r\n文字", "", '""', "{d}", "\n", "尾\r\n"]
IRREGULAR = ['H"1', '"社工1"甲', ' "H1"', "a\rb", "x\x00y"]
FILLER = 32  # rows after the header: the first rows are read by the front end


@st.composite
def bodies(draw: st.DrawFn, delimiter: str) -> tuple[str, bool]:
    """(the text below the filler rows, whether something irregular was written in it)."""
    irregular, messy = False, draw(st.integers(0, 2)) == 0
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 12))):
        kind = draw(st.integers(0, 9))
        if kind == 0:
            lines.append("")  # a blank line
            continue
        cells = []
        for _ in range(draw(st.sampled_from([4, 4, 4, 1, 2, 3, 5, 6]))):
            pick = draw(st.integers(0, 9))
            if pick < 5:
                cells.append(draw(st.sampled_from(PLAIN)))
            elif pick < 9 or not messy:
                cell = draw(st.sampled_from(QUOTED)).replace("{d}", delimiter)
                cells.append(f'"{cell}"')
            else:
                cells.append(draw(st.sampled_from(IRREGULAR)))
                irregular = True
        lines.append(delimiter.join(cells))
    ends = [draw(st.sampled_from(["\r\n", "\n"])) for _ in lines]
    text = "".join(line + end for line, end in zip(lines, ends, strict=True))
    if draw(st.booleans()):
        text = text.removesuffix(ends[-1])  # no line break at the end
    if draw(st.integers(0, 9)) == 0:
        text += '"never closed\r\n'
        irregular = True
    return text, irregular


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data(), st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]),
       st.sampled_from([",", ",", "\t", ";"]))
def test_hard_bodies(data: st.DataObject, encoding: str, delimiter: str) -> None:
    text, irregular = data.draw(bodies(delimiter))
    filler = "".join(delimiter.join([f"2024-03-{n % 28 + 1:02d}", f"社工{n % 3}", f"H{n}", "宣传"])
                     + "\r\n" for n in range(FILLER))
    head = delimiter.join(HEADER) + "\r\n" + filler
    raw = (head + text).encode(encoding)
    if encoding != "gb18030" and data.draw(st.integers(0, 5)) == 0:  # a byte not in UTF-8
        at = data.draw(st.integers(len(head.encode(encoding)), len(raw)))
        raw, irregular = raw[:at] + b"\xff" + raw[at:], True
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "visits.csv"
        path.write_bytes(raw)
        source = TableSource("visits", path)
        assert_same(source, DICTIONARY)
        try:
            with open_table(source, DICTIONARY, whole=True) as reader:
                body = reader.body()
                native = read_csv_body(body, path.name, max(body.plan.width, 3)).native
        except InputError:
            event("unusable")
            return
    event(f"read by {'polars' if native else 'the csv module'}")
    assert native is not irregular
