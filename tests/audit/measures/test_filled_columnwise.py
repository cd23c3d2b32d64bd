"""`columns.filled` (a text column) says of every cell what `common.filled` says of it."""

from __future__ import annotations

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from cscaudit.ingest.values import PY_SPACE
from cscaudit.measures import common
from cscaudit.measures.columns import filled

_SPACES = st.sampled_from([" ", "\t", "\u3000", "\x1c", "\x1f", "\xa0", "\u2028", "\n"])
_WORDS = st.sampled_from([*common.NONE_WORDS, "NONE", "N/A", "Na", "None", "\u212a", "无。",
                          "入户走访了解情况", "ok", "x"])
_CELL = st.one_of(st.none(), st.text(max_size=6),
                  st.tuples(st.lists(_SPACES, max_size=2), _WORDS, st.lists(_SPACES, max_size=2))
                  .map(lambda parts: "".join(parts[0]) + parts[1] + "".join(parts[2])))


@settings(max_examples=300, deadline=None)
@given(st.lists(_CELL, max_size=12))
def test_the_column_rule_is_the_cell_rule(cells: list[str | None]) -> None:
    frame = pl.DataFrame({"note": cells}, schema={"note": pl.Utf8()})
    assert frame.select(filled(frame, "note")).to_series().to_list() == \
        [common.filled(cell) for cell in cells]


def test_the_spaces_stripped_are_python_s() -> None:
    assert set(PY_SPACE) == {chr(code) for code in range(0x110000) if chr(code).isspace()}
