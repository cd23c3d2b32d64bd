"""`columns.filled` (a text column) says of every cell what `common.filled` says of it."""

from __future__ import annotations

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from cscaudit.facts.columns import filled
from cscaudit.ingest.values import PY_SPACE
from cscaudit.measures import common

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


def test_the_none_spellings_are_every_case_of_a_none_word() -> None:
    """`filled` matches none-words without lower-casing: NONE_SPELLINGS must hold every text
    of at most NONE_WORD_MAX characters whose `str.lower()` is a none-word. Python lower-cases
    character by character, so it is enough that every character lower-casing to one
    character of a word is spelled at that place, and none lower-cases into several."""
    from cscaudit.facts.columns import NONE_SPELLINGS

    pieces = {piece for word in common.NONE_WORDS for i in range(len(word))
              for piece in (word[i:j] for j in range(i + 1, len(word) + 1))}
    lowering = [chr(code) for code in range(0x110000) if chr(code).lower() in pieces]
    assert all(len(ch.lower()) == 1 for ch in lowering)
    for word in common.NONE_WORDS:
        if len(word) > common.NONE_WORD_MAX:
            continue
        for i, target in enumerate(word):
            spelled = {text[i] for text in NONE_SPELLINGS if text.lower() == word}
            assert spelled == {ch for ch in lowering if ch.lower() == target}, (word, i)
    assert all(len(text) <= common.NONE_WORD_MAX and text.lower() in common.NONE_WORDS
               for text in NONE_SPELLINGS)
