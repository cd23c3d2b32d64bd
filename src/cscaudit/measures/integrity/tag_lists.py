"""How `pasted_content` reads a visit's content text: its normal form (letters and digits
only) and whether it is a tag list (a multi-select) rather than free text.

`normalise` and `is_tag_list` are the rule for one text; `classify_texts` is the same rule
for a column of texts at once, in polars expressions. Python's `re`, `str.strip` and
`unicodedata` and polars' Rust regex disagree on a few characters (`\\w` takes combining
marks in Rust, not in Python; `\\x1c` is a space to `str.strip` only; their Unicode versions
differ), so the column-wise rule covers the texts written only in `PLAIN` characters, where
the two provably agree (`tests/audit/measures/test_tag_lists.py` checks every one of them),
and any other text is classified by the Python rule, once per distinct text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Protocol

import polars as pl

_WORD = re.compile(r"[^\W_]+")
TAG_LIST_SEPARATORS = re.compile(r"[；;、，,/|\s]+")
_NOTE = r"[(（][^()（）]*[)）]"  # 政策宣传（医保）: a tag with a note
_NOTE_RE = re.compile(_NOTE)

# The characters of the column-wise rule: ASCII (printable, tab and line ends), the common
# Chinese punctuation, the CJK unified ideographs and the full-width forms.
PLAIN = ("\t\n\x0b\x0c\r\x20-\x7e\u00b7\u2014\u2018\u2019\u201c\u201d\u2026\u3000-\u3003"
         "\u3008-\u3011\u3014-\u301f\u4e00-\u9fff\uff01-\uff5e")
# Among PLAIN, what Python's `[^\W_]` matches (a letter or digit) ...
_PLAIN_WORD = "0-9A-Za-z\u4e00-\u9fff\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"
# ... what `str.isspace` and `\s` match ...
_PLAIN_SPACE = "\t\n\x0b\x0c\r \u3000"
_PLAIN_SEPARATORS = "；;、，,/|" + _PLAIN_SPACE
# ... and what NFKC changes: a full-width form becomes its ASCII twin, … three dots, the
# ideographic space a space.
_NFKC_FROM = [chr(code) for code in range(0xFF01, 0xFF5F)] + ["\u2026", "\u3000"]
_NFKC_TO = [chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)] + ["...", " "]


class Tagged(Protocol):
    """A content tag and the words that name it (`cscaudit.config.standard_model.ContentTag`)."""

    @property
    def terms(self) -> tuple[str, ...]: ...


class ContentTags(Protocol):
    """The standard's content tags (`cscaudit.config.standard.Standard`)."""

    @property
    def content_tags(self) -> Mapping[str, Tagged]: ...


def normalise(text: str) -> str:
    """Letters and digits only: `入户走访， 了解情况。` -> `入户走访了解情况`.

    Pasted text is the same text; dropping spaces and punctuation is enough to see through
    a re-typed separator, and cheap enough for every visit."""
    return "".join(_WORD.findall(text))  # the same as deleting [\W_]+, about twice as fast


def tag_terms(standard: ContentTags) -> frozenset[str]:
    """The normalised words that name a content tag of the standard."""
    return frozenset(normalise(unicodedata.normalize("NFKC", term))
                     for tag in standard.content_tags.values() for term in tag.terms)


def is_tag_list(text: str, terms: frozenset[str], max_label: int = 8, min_known: float = 1.0) -> bool:
    """Whether `text` is a multi-select, not free text: every piece names a content tag, or
    (one separator throughout, every piece at most `max_label` characters) at least
    `min_known` of the pieces do. `pasted_content`'s docstring gives the rule."""
    folded = _NOTE_RE.sub("", unicodedata.normalize("NFKC", text))  # full-width forms, notes
    pieces = [p for p in (normalise(p) for p in TAG_LIST_SEPARATORS.split(folded.strip())) if p]
    if not pieces:
        return False
    known = sum(p in terms for p in pieces)
    if known == len(pieces):
        return True
    separators = set(TAG_LIST_SEPARATORS.findall(folded.strip()))
    return (len(separators) == 1 and all(len(p) <= max_label for p in pieces)
            and known / len(pieces) >= min_known)


def _plain_tags(texts: pl.DataFrame, terms: frozenset[str], max_label: int,
                min_known: float) -> pl.DataFrame:
    """`is_tag_list` as expressions, for texts of PLAIN only: `content_text`, `_tag`."""
    text = pl.col("content_text")
    folded = text.str.replace_many(_NFKC_FROM, _NFKC_TO).str.replace_all(_NOTE, "") \
        .str.strip_chars(_PLAIN_SPACE)
    pieces = folded.str.extract_all(f"[^{_PLAIN_SEPARATORS}]+") \
        .list.eval(pl.element().str.replace_all(f"[^{_PLAIN_WORD}]+", "")) \
        .list.eval(pl.element().filter(pl.element() != ""))
    separators = folded.str.extract_all(f"[{_PLAIN_SEPARATORS}]+").list.n_unique()
    shaped = texts.with_columns(pieces.alias("_pieces"), separators.alias("_separators"))
    piece = pl.col("_pieces")
    count = piece.list.len()
    known = piece.list.eval(pl.element().is_in(sorted(terms))).list.sum()
    longest = piece.list.eval(pl.element().str.len_chars()).list.max()
    tag = (count > 0) & ((known == count) | ((pl.col("_separators") == 1) & (longest <= max_label)
                                              & (known / count >= min_known)))
    return shaped.select("content_text", tag.fill_null(False).alias("_tag"))


def _distinct(texts: pl.Series) -> tuple[pl.DataFrame, list[str]]:
    """The distinct non-blank texts: those of PLAIN characters (a frame, `content_text`) and
    the others (a list)."""
    distinct = texts.drop_nulls().unique().to_frame("content_text")
    is_plain = pl.col("content_text").str.contains(f"^[{PLAIN}]*$")
    plain = distinct.filter(is_plain & (pl.col("content_text").str.strip_chars(_PLAIN_SPACE) != ""))
    others = [raw for raw in distinct.filter(~is_plain).get_column("content_text").to_list()
              if raw.strip()]
    return plain, others


def classify_texts(texts: pl.Series, terms: frozenset[str], max_label: int,
                   min_known: float) -> pl.DataFrame:
    """Per distinct non-blank text of `texts`: `content_text` and `_tag` (`is_tag_list`), in
    no particular order. Texts of PLAIN characters column-wise; the others by the Python rule
    (see the module docstring for why), once each."""
    plain, others = _distinct(texts)
    rest = pl.DataFrame({
        "content_text": others,
        "_tag": [is_tag_list(raw, terms, max_label, min_known) for raw in others],
    }, schema={"content_text": pl.Utf8(), "_tag": pl.Boolean()})
    return pl.concat([_plain_tags(plain, terms, max_label, min_known), rest])


def text_keys(texts: pl.Series) -> pl.DataFrame:
    """Per distinct non-blank text of `texts`: `content_text`, `_key` (`normalise`) and
    `_preview` (its first 40 characters, blanks around it dropped), in no particular order;
    column-wise for texts of PLAIN characters, by the Python rule for the others."""
    plain, others = _distinct(texts)
    text = pl.col("content_text")
    rest = pl.DataFrame({
        "content_text": others,
        "_key": [normalise(raw) for raw in others],
        "_preview": [raw.strip()[:40] for raw in others],
    }, schema={"content_text": pl.Utf8(), "_key": pl.Utf8(), "_preview": pl.Utf8()})
    return pl.concat([plain.select(
        "content_text", text.str.replace_all(f"[^{_PLAIN_WORD}]+", "").alias("_key"),
        text.str.strip_chars(_PLAIN_SPACE).str.head(40).alias("_preview")), rest])
