"""The fast rule of a tags field: a column of raw texts (its distinct values, or every row
when nearly all are distinct: `frame_columns`) split into pieces in polars
(`values.TAG_SEPARATORS`), each distinct piece classified once by the field's own parser,
the codes of a text's pieces joined back in order, first seen first, without repeats.

The split: the separators a column uses are guessed from a sample of its texts; the most
used one is the cut, each other one is replaced by it (a literal replace each, or one
Aho-Corasick pass when there are many) and the texts are split at the cut. The parser
reads a text piece by piece the same way, a run of separators being one cut there: it
skips the empty pieces and the blank ones (`values.label_key` empty: spaces only), which
have no codes and no problem, so the rule gives them none either. A separator the sample
missed stays inside pieces; the parser would read such a piece correctly, but it is one
distinct piece per text, so the distinct pieces are checked for every separator and the
texts are split again with the ones found. The texts are not stripped: spaces around a
text stay on its first or last piece, which the parser reads as the piece without them.

The codes: each distinct piece gets its codes as the parser reads it alone, as numbers
(several for a piece whose words name several tags); every piece of every text becomes its
codes in order, and a text's codes are these in order, each kept where first seen. A text
is decided when at least one of its pieces has codes and none has a problem: then the
parser finds those codes and no problem. A text with a piece the parser flags (unknown
words), an empty or blank text and one of separators only go to the parser whole.
"""

from __future__ import annotations

import polars as pl

from cscaudit.ingest.frame_values import Fast, Parse
from cscaudit.ingest.values import SEPARATOR_CHARS, label_key

SAMPLE_TEXTS = 256  # texts looked at to guess the separators a column uses
# up to this many separators besides the cut: a literal replace each (about a quarter of the
# cost of one Aho-Corasick pass over all separators), more: that one pass
FEW_REPLACES = 4
_FLAGGED = 0  # the code number of a piece with a problem; a tag's codes are numbered from 1


def tags_rule(distinct: pl.Series, parse: Parse) -> Fast:
    texts = distinct.alias("text")
    sample = texts.gather_every(max(1, len(texts) // SAMPLE_TEXTS))
    separators = _used_separators(sample) or [SEPARATOR_CHARS[0]]
    pieces, kept = _split_pieces(texts, separators)
    missed = _separators_in(kept["piece"], [s for s in SEPARATOR_CHARS if s not in separators])
    if missed:
        pieces, kept = _split_pieces(texts, separators + missed)
    codes, names = _classified(kept["piece"], parse)
    flagged = (_FLAGGED,) in codes
    return _codes_per_text(_piece_codes(pieces, kept["id"], codes), names, len(texts), flagged)


def _used_separators(texts: pl.Series) -> list[str]:
    """The separators in `texts`, the most used first."""
    joined = "".join(text for text in texts.to_list() if text)
    counts = {separator: joined.count(separator) for separator in SEPARATOR_CHARS}
    return sorted((s for s in SEPARATOR_CHARS if counts[s]), key=lambda s: -counts[s])


def _separators_in(pieces: pl.Series, separators: list[str]) -> list[str]:
    """Which of `separators` some of `pieces` hold."""
    holding = pieces.filter(pieces.str.contains_any(separators)) if separators else pieces[:0]
    return [s for s in separators if len(holding) and holding.str.contains(s, literal=True).any()]


def _split_pieces(texts: pl.Series, separators: list[str]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The pieces of `texts` (named `text`) at `separators` (the first is the cut): a row per
    piece of each text, `at` (the text's index) and `piece` (the piece's number; a null
    text has one null piece); and the distinct pieces, first seen first, `id` (the number)
    and `piece`."""
    cut, others = separators[0], separators[1:]
    text = pl.col("text")
    if len(others) > FEW_REPLACES:
        text = text.str.replace_many(others, [cut] * len(others))
    else:
        for other in others:
            text = text.str.replace_all(other, cut, literal=True)
    numbered = pl.Categorical(pl.Categories.random())  # a number per distinct piece
    pieces = texts.to_frame().select(
        pl.int_range(pl.len(), dtype=pl.UInt32()).alias("at"),
        text.str.split(cut).cast(pl.List(numbered)).alias("piece")).explode("piece")
    numbers = pieces["piece"].to_physical()
    # each piece where first seen (integer work, less than a unique of the pieces)
    distinct = pieces["piece"].gather(numbers.arg_unique()).drop_nulls()
    kept = pl.DataFrame([distinct.to_physical().alias("id"), distinct.cast(pl.Utf8())])
    return pieces.with_columns(numbers), kept


def _classified(pieces: pl.Series, parse: Parse) -> tuple[list[tuple[int, ...]], list[str]]:
    """Each distinct piece's codes as the parser reads it alone (`_FLAGGED` alone for a
    piece with a problem, none for an empty or blank one), and the codes' names by number."""
    number: dict[str, int] = {}
    codes: list[tuple[int, ...]] = []
    for piece in pieces.to_list():
        if not label_key(piece):  # the parser skips it, in a text
            codes.append(())
            continue
        value, problem = parse(piece)
        if problem is not None:
            codes.append((_FLAGGED,))
        else:
            found = value if isinstance(value, tuple) else ()
            codes.append(tuple(number.setdefault(str(code), len(number) + 1) for code in found))
    return codes, ["", *number]


def _piece_codes(pieces: pl.DataFrame, ids: pl.Series, codes: list[tuple[int, ...]]
                 ) -> pl.DataFrame:
    """Each piece of each text as its codes, in order: `at` and `code`, one row each (none
    for an empty or blank piece); `codes` are those of the pieces numbered `ids`. A lookup
    by number: a piece's code, or its list of codes when some piece has several."""
    top = ids.max()
    size = top + 1 if isinstance(top, int) else 0
    if all(len(found) <= 1 for found in codes):
        by_id = pl.Series([None] * size, dtype=pl.UInt32()).scatter(
            ids, pl.Series([found[0] if found else None for found in codes], dtype=pl.UInt32()))
        return pieces.select("at", pl.lit(by_id).gather(pl.col("piece")).alias("code")
                             ).drop_nulls("code")
    listed: list[tuple[int, ...] | None] = [None] * size
    for number, found in zip(ids.to_list(), codes, strict=True):
        listed[number] = found
    by_id = pl.Series(listed, dtype=pl.List(pl.UInt32()))
    return pieces.select("at", pl.lit(by_id).gather(pl.col("piece")).alias("code")
                         ).explode("code").drop_nulls("code")


def _codes_per_text(pairs: pl.DataFrame, names: list[str], texts: int, flagged: bool) -> Fast:
    """Each text's codes by name, first seen first and without repeats, where none of its
    pieces was flagged (when some piece was: `flagged`) and some had codes; null elsewhere."""
    if flagged:
        pairs = pairs.filter(~pl.col("at").is_in(
            pairs.filter(pl.col("code") == _FLAGGED)["at"].implode()))
    named = pl.Series("codes", names, dtype=pl.Utf8()).gather(pairs["code"])
    per_text = pairs.with_columns(named).group_by("at", maintain_order=True).agg(
        "codes", (pl.col("code").n_unique() < pl.len()).alias("repeats"))
    repeats = per_text["repeats"]
    if repeats.any():
        per_text = pl.concat([per_text.filter(~repeats), per_text.filter(repeats).with_columns(
            pl.col("codes").list.unique(maintain_order=True))])
    elif per_text.height == texts:  # every text has codes, in order: nothing to join back
        codes = per_text["codes"]
        return Fast(codes, pl.repeat(True, texts, dtype=pl.Boolean(), eager=True))
    every = pl.int_range(texts, dtype=pl.UInt32(), eager=True).alias("at").to_frame()
    codes = every.join(per_text.select("at", "codes"), on="at", how="left",
                       maintain_order="left")["codes"]
    return Fast(codes, codes.is_not_null())
