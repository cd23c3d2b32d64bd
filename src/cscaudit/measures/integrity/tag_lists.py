"""How `pasted_content` reads a visit's content text: its normal form (letters and digits
only) and whether it is a tag list (a multi-select) rather than free text.

`normalise` and `is_tag_list` are the rule for one text; `read_texts` is the same rule (and
the text's normal form and preview) for a column of texts at once, in polars expressions. Python's `re`, `str.strip` and
`unicodedata` and polars' Rust regex disagree on a few characters (`\\w` takes combining
marks in Rust, not in Python; `\\x1c` is a space to `str.strip` only; their Unicode versions
differ), so the column-wise rule covers the texts written only in `PLAIN` characters, where
the two provably agree (`tests/audit/measures/test_tag_lists.py` checks every one of them),
and any other text is classified by the Python rule, once per distinct text. Most texts are
words joined by one separator (`_SIMPLE`): they are only cut at it, which costs the least.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import cache
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


_SEPARATOR_RUN = f"[{_PLAIN_SEPARATORS}]+"
_CUT = "\x00"  # no PLAIN character: marks where a text splits into pieces


def _expand(characters: str) -> list[str]:
    """The characters of a regex class body written as `PLAIN` is (characters and ranges)."""
    expanded: list[str] = []
    i = 0
    while i < len(characters):
        if i + 2 < len(characters) and characters[i + 1] == "-":
            expanded.extend(chr(code) for code in range(ord(characters[i]), ord(characters[i + 2]) + 1))
            i += 3
        else:
            expanded.append(characters[i])
            i += 1
    return expanded


@cache
def _to_pieces() -> tuple[list[str], list[str]]:
    """What `_plain_read` replaces, each PLAIN character NFKC changes or that is no letter
    or digit, and with what: its NFKC form with each separator made `_CUT` and every other
    character that is no letter or digit dropped. Then a text cut at `_CUT` is its pieces
    (and empty strings where two separators met)."""
    fold = dict(zip(_NFKC_FROM, _NFKC_TO, strict=True))
    word = re.compile(f"[{_PLAIN_WORD}]")
    sources = [char for char in _expand(PLAIN) if char in fold or not word.fullmatch(char)]
    targets = ["".join(_CUT if c in _PLAIN_SEPARATORS else c if word.fullmatch(c) else ""
                       for c in fold.get(char, char)) for char in sources]
    return sources, targets


# A text of letters and digits (no full-width forms) joined by one separator character, each
# occurrence of it alone (政策宣传；信息采集；节日慰问): NFKC, the notes and `strip` leave it as it
# is, its pieces are its words and its separator runs are all that one character, so
# `is_tag_list` needs no more than the pieces. The common case, read at the least cost.
_SIMPLE_WORD = "0-9A-Za-z\u4e00-\u9fff"
_SIMPLE = "^(?:" + "|".join(f"[{_SIMPLE_WORD}]+(?:[{separator}][{_SIMPLE_WORD}]+)*"
                            for separator in _PLAIN_SEPARATORS) + ")$"


@cache
def _simple_words(terms: frozenset[str]) -> tuple[str, ...]:
    """The tags a piece of a simple text may be: those of letters and digits only."""
    return tuple(sorted(term for term in terms if re.fullmatch(f"[{_SIMPLE_WORD}]+", term)))


def _simple_read(texts: pl.DataFrame, terms: frozenset[str], max_label: int,
                 min_known: float) -> pl.DataFrame:
    """Each text cut at its first separator: `content_text`, `_sure` (every piece a tag of
    letters and digits: then the text matches `_SIMPLE`, the separator being the only one)
    and, where the text matches `_SIMPLE`, `_tag` (`is_tag_list`; meaningless elsewhere):
    every piece a tag, or more than one piece (one separator throughout), none longer than
    `max_label` and at least `min_known` of them tags. A lone piece has no separator at all."""
    text, piece = pl.col("content_text"), pl.col("_pieces")
    separator = text.str.extract(f"([{_PLAIN_SEPARATORS}])", 1).fill_null(_CUT)
    words = _simple_words(terms)
    count, known, longest = pl.col("_count"), pl.col("_known"), pl.col("_longest")
    return texts.select(text, text.str.split(separator).alias("_pieces")).select(
        text, piece.list.len().alias("_count"),
        piece.list.eval(pl.element().is_in(list(words))).list.sum().alias("_known"),
        piece.list.eval(pl.element().str.len_chars()).list.max().alias("_longest"),
    ).select(text, (known == count).alias("_sure"), (
        (known == count) | ((count > 1) & (longest <= max_label) & (known / count >= min_known)))
        .alias("_tag"))


def _plain_read(texts: pl.DataFrame, terms: frozenset[str], max_label: int,
                min_known: float) -> pl.DataFrame:
    """`is_tag_list` as expressions, for texts of PLAIN only: `content_text`, `_tag`.

    The pieces: notes dropped, then one `replace_many` (`_to_pieces`) folds the text and
    turns each separator into a cut, so the text cut there is the pieces and an empty
    string wherever separators met. How many distinct separator runs there are is asked only
    of the texts it can decide: some pieces not a tag, none longer than `max_label` (the
    costliest expression, on the fewest rows). Each step is eager: every row is read once."""
    text = pl.col("content_text")
    sources, targets = _to_pieces()
    pieces = text.str.replace_all(_NOTE, "").str.replace_many(sources, targets).str.split(_CUT) \
        .list.eval(pl.element().filter(pl.element() != ""))
    piece = pl.col("_pieces")
    shaped = texts.with_columns(pieces.alias("_pieces")).select(
        text, piece.list.len().alias("_count"),
        piece.list.eval(pl.element().is_in(sorted(terms))).list.sum().alias("_known"),
        piece.list.eval(pl.element().str.len_chars()).list.max().alias("_longest"))
    count, known, longest = pl.col("_count"), pl.col("_known"), pl.col("_longest")
    open_ = ((count > 0) & (known != count) & (longest <= max_label)
             & (known / count >= min_known)).fill_null(False)
    folded = text.str.replace_many(_NFKC_FROM, _NFKC_TO).str.replace_all(_NOTE, "") \
        .str.strip_chars(_PLAIN_SPACE)
    tagged = shaped.select(text, pl.when(open_).then(None).otherwise((count > 0) & (known == count))
                           .alias("_tag"))
    undecided = tagged.filter(pl.col("_tag").is_null())
    if not undecided.height:
        return tagged
    judged = undecided.select(text, (folded.str.extract_all(_SEPARATOR_RUN).list.n_unique() == 1)
                              .alias("_tag"))
    return pl.concat([tagged.filter(pl.col("_tag").is_not_null()), judged])


def _python_read(texts: list[str], terms: frozenset[str], max_label: int,
                 min_known: float) -> pl.DataFrame:
    """`read_texts` for texts of any characters, one by one by the rule for one text."""
    others = [raw for raw in texts if raw.strip()]
    tags = [is_tag_list(raw, terms, max_label, min_known) for raw in others]
    return pl.DataFrame({
        "content_text": others,
        "_tag": tags,
        "_key": [None if tag else normalise(raw) for raw, tag in zip(others, tags, strict=True)],
        "_preview": [None if tag else raw.strip()[:40] for raw, tag in zip(others, tags, strict=True)],
    }, schema={"content_text": pl.Utf8(), "_tag": pl.Boolean(), "_key": pl.Utf8(),
               "_preview": pl.Utf8()})


def read_texts(texts: pl.Series, terms: frozenset[str], max_label: int,
               min_known: float) -> pl.DataFrame:
    """Per distinct non-blank text of `texts`, in no particular order: `content_text`,
    `_tag` (`is_tag_list`) and, for a free text (no tag list), `_key` (`normalise`) and
    `_preview` (its first 40 characters, blanks around it dropped), null for a tag list.
    The texts matching `_SIMPLE` and then those of PLAIN characters column-wise; the others
    by the Python rule (see the module docstring for why), once each."""
    text = pl.col("content_text")
    distinct = texts.drop_nulls().unique().to_frame("content_text")
    read = [_simple_read(distinct, terms, max_label, min_known)]
    unsure = read[0].filter(~pl.col("_sure"))  # the others are simple: only these are asked
    simple = unsure.get_column("content_text").str.contains(_SIMPLE)
    others: list[str] = []
    if not simple.all():
        rest = unsure.filter(~simple).select(text, text.str.contains(f"^[{PLAIN}]*$").alias("_plain"))
        read = [read[0].filter(pl.col("_sure")), unsure.filter(simple)]
        plain = rest.filter(pl.col("_plain") & (text.str.strip_chars(_PLAIN_SPACE) != "")).select(text)
        if plain.height:
            read.append(_plain_read(plain, terms, max_label, min_known))
        others = rest.filter(~pl.col("_plain")).get_column("content_text").to_list()
    tagged = pl.concat(read, how="diagonal") if len(read) > 1 else read[0]
    no_text = pl.lit(None, dtype=pl.Utf8())
    tag_lists = tagged.select(text, pl.col("_tag"), no_text.alias("_key"), no_text.alias("_preview"))
    python_read = [_python_read(others, terms, max_label, min_known)] if others else []
    if tagged.get_column("_tag").all():  # no free text read column-wise (the common case)
        return pl.concat([tag_lists, *python_read]) if python_read else tag_lists
    return pl.concat([
        tagged.filter(~pl.col("_tag")).select(
            text, pl.col("_tag"), text.str.replace_all(f"[^{_PLAIN_WORD}]+", "").alias("_key"),
            text.str.strip_chars(_PLAIN_SPACE).str.head(40).alias("_preview")),
        tag_lists.filter(pl.col("_tag")), *python_read])
