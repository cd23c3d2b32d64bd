"""The fast rule of a tags field: a column of distinct raw texts split into pieces in polars
(`values.TAG_SEPARATORS`), each distinct piece classified once by the field's own parser,
the codes of a text's pieces joined back in order, first seen first, without repeats.

The split is one `replace_many` (each separator character becomes the cut) and a split at
the cut, then the empty pieces dropped: the same non-empty pieces, in the same order, as
`TAG_SEPARATORS.split` (a run of separators is one cut there), and cheaper than the regex.
The parser skips an empty piece (it has no codes and no problem), so dropping them changes
no text's codes.

A text is decided when at least one of its pieces has codes and none has a problem: then
the parser, which reads a text piece by piece the same way, finds those codes and no
problem. A text with a piece the parser flags (unknown words), an empty text, one of
separators only, and one holding NUL (the split marker) go to the parser whole.
"""

from __future__ import annotations

import polars as pl

from cscaudit.ingest.frame_values import Fast, Parse, stripped
from cscaudit.ingest.values import SEPARATOR_CHARS

_SEPARATORS = list(SEPARATOR_CHARS)
_CUT = "\x00"
_CUTS = [_CUT] * len(_SEPARATORS)


def tags_rule(distinct: pl.Series, parse: Parse) -> Fast:
    texts = distinct.alias("raw").to_frame().with_row_index("at").select(
        "at", stripped(pl.col("raw")).alias("text"))
    usable = (texts["text"].str.len_bytes() > 0) & ~texts["text"].str.contains(_CUT,
                                                                              literal=True)
    pieces = texts.filter(usable).select(
        "at", pl.col("text").str.replace_many(_SEPARATORS, _CUTS).str.split(_CUT).alias("piece")
    ).explode("piece").filter(pl.col("piece") != "")
    kinds = _classified(pieces["piece"].unique(maintain_order=True), parse)
    joined = pieces.join(kinds, on="piece", how="left", maintain_order="left")
    per_text = joined.group_by("at", maintain_order=True).agg(
        pl.col("codes").list.explode(keep_nulls=False, empty_as_null=False)
        .unique(maintain_order=True),
        pl.col("flagged").any())
    decided = per_text.filter(~pl.col("flagged") & (pl.col("codes").list.len() > 0))
    frame = texts.select("at").join(decided.select("at", "codes"), on="at", how="left",
                                    maintain_order="left")
    codes = frame["codes"]
    return Fast(codes, codes.is_not_null())


def _classified(pieces: pl.Series, parse: Parse) -> pl.DataFrame:
    """Each distinct piece: its codes as the parser reads it alone, and whether it had a
    problem (a piece with neither codes nor a problem is blank)."""
    codes: list[list[str]] = []
    flagged: list[bool] = []
    for piece in pieces.to_list():
        value, problem = parse(piece)
        codes.append(list(value) if isinstance(value, tuple) else [])
        flagged.append(problem is not None)
    return pl.DataFrame([pieces.alias("piece"),
                         pl.Series("codes", codes, dtype=pl.List(pl.Utf8())),
                         pl.Series("flagged", flagged, dtype=pl.Boolean())])
