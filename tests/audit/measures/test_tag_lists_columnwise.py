"""pasted_content's column-wise reading of content texts equals the rule for one text
(`is_tag_list`; for a free text `normalise` and the preview), for texts of PLAIN characters
and any other."""

from __future__ import annotations

import re
import unicodedata

import polars as pl
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cscaudit.config.standard import load_standard
from cscaudit.measures.integrity.tag_lists import (
    _PLAIN_SEPARATORS,
    _SIMPLE,
    PLAIN,
    is_tag_list,
    normalise,
    read_texts,
    tag_terms,
)

TERMS = tag_terms(load_standard())
_PLAIN_CHARS = [chr(code) for code in range(0x10000) if re.fullmatch(f"[{PLAIN}]", chr(code))]


def _one_by_one(texts: list[str | None], max_label: int,
                min_known: float) -> dict[str, tuple[bool, str | None, str | None]]:
    read: dict[str, tuple[bool, str | None, str | None]] = {}
    for raw in texts:
        if raw is not None and raw.strip():
            tag = is_tag_list(raw, TERMS, max_label, min_known)
            read[raw] = (True, None, None) if tag else (False, normalise(raw), raw.strip()[:40])
    return read


def _column_wise(texts: list[str | None], max_label: int,
                 min_known: float) -> dict[str, tuple[bool, str | None, str | None]]:
    column = pl.Series(texts, dtype=pl.Utf8())
    frame = read_texts(column, TERMS, max_label, min_known)
    assert frame.get_column("content_text").n_unique() == frame.height
    return {raw: (tag, key, preview) for raw, tag, key, preview in frame.iter_rows()}


_WORDS = [*sorted(TERMS)[:40], "节日慰问", "入户走访", "了解家庭基本情况", "医保", "abc", "Ｘ１"]
_GLUE = ["；", ";", "、", "，", ",", "/", "|", " ", "\u3000", "\t", "（", "）", "(", ")", "。",
         "…", "“", "”", "·", "—", "_", "\n", "！", "～"]
_ODD = ["\x1c", "\u0301", "\u00a0", "²", "①", "\U00031350", "\u302a", "‿", "ｶ", "\u2028", "Å", "ﬁ"]
_PIECE = st.one_of(st.sampled_from(_WORDS), st.sampled_from(_GLUE), st.sampled_from(_ODD),
                   st.text(max_size=3))
_TEXT = st.lists(_PIECE, max_size=12).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.none(), _TEXT), max_size=8), st.integers(1, 10),
       st.sampled_from([0.3, 0.5, 0.6, 2 / 3, 1.0]))
# a note dropped from a piece, full-width forms, separators meeting, a piece of punctuation
@example(["政策宣传（医保）；信息采集", "政策宣传(医保；社保)、信息采集", "Ｘ１；政策宣传"], 8, 1.0)
@example(["政策宣传；；信息采集", "政策宣传；。；信息采集；节日慰问", " 政策宣传 ;信息采集;节日慰问 "], 8, 0.6)
@example(["政策宣传；信息采集，节日慰问", "…；政策宣传", "入户走访，了解家庭基本情况。"], 4, 0.5)
def test_the_column_wise_reading_equals_the_rule_for_one_text(
        texts: list[str | None], max_label: int, min_known: float) -> None:
    assert _column_wise(texts, max_label, min_known) == _one_by_one(texts, max_label, min_known)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.one_of(st.sampled_from(_WORDS), st.sampled_from(_GLUE)), max_size=10)
                .map("".join), max_size=8))
def test_plain_texts_are_read_column_wise_as_one_by_one(texts: list[str]) -> None:
    """Texts of PLAIN only (the common case), with the default thresholds."""
    assert _column_wise(list(texts), 8, 0.6) == _one_by_one(list(texts), 8, 0.6)


_SIMPLE_WORDS = [word for word in _WORDS if re.fullmatch("[0-9A-Za-z\u4e00-\u9fff]+", word)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*_SIMPLE_WORDS, "了解老人近期的身体情况", "x"]), min_size=2, max_size=8),
       st.sampled_from(_PLAIN_SEPARATORS), st.integers(1, 10), st.sampled_from([0.3, 0.5, 0.6, 1.0]))
def test_one_separator_texts_are_read_the_cheap_way_as_one_by_one(
        words: list[str], separator: str, max_label: int, min_known: float) -> None:
    """Words joined by one separator character are simple (read by cutting at it) and read
    as the rule for one text reads them; with the separator doubled or at an end they are
    not simple and still read the same."""
    text = separator.join(words)
    others = [(separator * 2).join(words), separator + text, text + separator]
    assert pl.Series([text, *others]).str.contains(_SIMPLE).to_list() == [True, False, False, False]
    texts: list[str | None] = [text, *others]
    assert _column_wise(texts, max_label, min_known) == _one_by_one(texts, max_label, min_known)


def test_plain_characters_behave_as_the_column_wise_rule_assumes() -> None:
    """Each PLAIN character: a letter or digit to Python exactly when the column-wise rule
    keeps it, a space exactly when it strips it, and NFKC maps it as the rule does."""
    word = re.compile("[0-9A-Za-z\u4e00-\u9fff\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
    spaces = set("\t\n\x0b\x0c\r \u3000")
    for char in _PLAIN_CHARS:
        assert bool(re.fullmatch(r"[^\W_]", char)) == bool(word.fullmatch(char)), hex(ord(char))
        assert char.isspace() == (char in spaces), hex(ord(char))
        folded = unicodedata.normalize("NFKC", char)
        expected = chr(ord(char) - 0xFEE0) if 0xFF01 <= ord(char) <= 0xFF5E else \
            {"\u2026": "...", "\u3000": " "}.get(char, char)
        assert folded == expected, hex(ord(char))


def test_a_text_with_other_characters_is_read_by_the_rule_for_one_text() -> None:
    """A combining mark is a word character to polars' regex, not to Python's: the text
    goes the Python way and keeps its Python reading."""
    text = "政策宣传\u0301；信息采集；健康状况"
    assert _column_wise([text], 8, 0.6) == _one_by_one([text], 8, 0.6)
    assert _column_wise(["\x1c"], 8, 0.6) == {}  # a space to str.strip, none to polars
