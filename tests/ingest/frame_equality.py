"""The record reader's frame, issues and names for one source: what `read_frame` must equal,
read fully column-wise (`COLUMNAR`: tiny inputs too go through the fast rules and polars),
column-wise with few-distinct columns parsed value by value, and at the default `ReadTuning`
(a small source then takes the record path)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import polars as pl

from cscaudit.errors import InputError
from cscaudit.facts.frames import FrameBuilder, field_dtypes
from cscaudit.ingest import FieldDictionary, TableSource, open_table
from cscaudit.ingest.frame_reader import read_frame
from cscaudit.ingest.read_tuning import COLUMNAR, ReadTuning


@dataclass(frozen=True)
class Outcome:
    frame: pl.DataFrame | None
    issues: tuple[Any, ...]
    names: frozenset[str]
    counts: tuple[int, int, dict[str, int], dict[str, int]]
    error: str | None = None


def by_records(source: TableSource, dictionary: FieldDictionary) -> Outcome:
    try:
        with open_table(source, dictionary) as reader:
            builder = FrameBuilder(source.table, field_dtypes(dictionary).get(source.table, {}))
            for record in reader.records():
                builder.add(record)
            s = reader.stats
            return Outcome(builder.frame(), tuple(reader.issues), frozenset(reader.names_in_label),
                           (s.rows_read, s.rows_parsed, s.rows_skipped, s.issue_counts))
    except InputError as exc:
        return Outcome(None, (), frozenset(), (0, 0, {}, {}), f"{exc.message.en} @ {exc.line}")


def by_frame(source: TableSource, dictionary: FieldDictionary,
             tuning: ReadTuning | None = None) -> Outcome:
    try:
        read = read_frame(source, dictionary, tuning)
    except InputError as exc:
        return Outcome(None, (), frozenset(), (0, 0, {}, {}), f"{exc.message.en} @ {exc.line}")
    s = read.stats
    return Outcome(read.frame, read.issues, read.names_in_label,
                   (s.rows_read, s.rows_parsed, s.rows_skipped, s.issue_counts))


def assert_same(source: TableSource, dictionary: FieldDictionary) -> Outcome:
    """The frame (dtypes included), issues, names and counts of both readers are equal, the
    frame reader forced column-wise (fast rules for every column), column-wise with its
    default few-distinct shortcut, and at its default tuning."""
    want = by_records(source, dictionary)
    for tuning in (COLUMNAR, ReadTuning(csv_records_below=0, workbook_records_below=0),
                   ReadTuning()):
        got = by_frame(source, dictionary, tuning)
        assert got.error == want.error, (source, tuning)
        if want.frame is not None:
            assert got.frame is not None
            assert got.frame.schema == want.frame.schema, (source, tuning)
            assert got.frame.equals(want.frame), (source, tuning)
        assert got.issues == want.issues, (source, tuning)
        assert got.names == want.names, (source, tuning)
        assert got.counts == want.counts, (source, tuning)
    return want
