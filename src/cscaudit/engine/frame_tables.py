"""Every export of a discovery read into frames: `read_tables(discovery, dictionary)`.

The column-wise twin of the engine's record pass (`engine._read_tables`), ready to replace
it: tables in `TABLE_ORDER` (then the others by name), each source read once with
`read_frame`; a source that cannot be read marks its table unreadable (its reason kept, an
`unusable-file` issue listed) and the table is not present; issues come in the same order
(the discovery's first, then each source's). A resident's name in a file or sheet name is
found both ways the engine finds it: in that export's own name fields, and among the
roster's names for every label of the discovery.

Frames per table are the sources' frames one below the other (columns in the order they
first appear), as a `FrameBuilder` fed every record builds them. Not the same: a source that
fails after its rows were read (an open quote found at the end of a CSV) adds no rows here,
where the record pass had handed them on before the failure; its table is unreadable either
way, and no measure reads an unreadable table. `files` says what was read, table by table
in reading order (an unreadable source too): the engine hashes those as the run's inputs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import polars as pl

from cscaudit.errors import CscauditError
from cscaudit.facts.frames import SourceKey, Tables, field_dtypes
from cscaudit.i18n import Text
from cscaudit.ingest.dictionary import FieldDictionary
from cscaudit.ingest.discover import Discovery, TableSource
from cscaudit.ingest.frame_reader import read_frame
from cscaudit.ingest.frame_types import META, empty_frame
from cscaudit.ingest.label_names import (
    label_of,
    may_hold_a_name,
    name_fields,
    names_held,
    names_in_frame,
)
from cscaudit.ingest.model import DataIssue, unusable_file
from cscaudit.measures.base import TABLE_ORDER


@dataclass(frozen=True)
class TablesRead:
    """What the exports of one center held, as frames."""

    tables: Tables
    issues: tuple[DataIssue, ...]
    unreadable: Mapping[str, Text]  # table -> why (the last source that failed)
    present: frozenset[str]  # tables read, every source of them readable
    names_in_labels: frozenset[str]  # residents' names in file or sheet names
    files: Mapping[str, tuple[TableSource, ...]]  # table -> its sources, in reading order


def reading_order(tables: Iterable[str]) -> list[str]:
    """Tables in `TABLE_ORDER`, then the others by name."""
    found = set(tables)
    return [t_ for t_ in TABLE_ORDER if t_ in found] + sorted(found - set(TABLE_ORDER))


def read_tables(discovery: Discovery, dictionary: FieldDictionary) -> TablesRead:
    by_table: dict[str, list[TableSource]] = {}
    for source in discovery.sources:
        by_table.setdefault(source.table, []).append(source)
    issues = list(discovery.issues)
    unreadable: dict[str, Text] = {}
    present: set[str] = set()
    names: set[str] = set()
    frames: dict[str, pl.DataFrame] = {}
    sources: dict[str, dict[SourceKey, frozenset[str]]] = {}
    files = {table: tuple(by_table[table]) for table in reading_order(by_table)}
    for table in files:
        parts: list[pl.DataFrame] = []
        for source in files[table]:
            try:
                read = read_frame(source, dictionary)
            except CscauditError as exc:
                unreadable[table] = exc.message
                issues.append(unusable_file(source.display, table, exc))
                continue
            issues.extend(read.issues)
            names |= read.names_in_label
            present.add(table)
            if read.frame.height:
                parts.append(read.frame)
                fields = frozenset(read.frame.columns) - set(META)
                sources.setdefault(table, {})[(source.display, source.sheet)] = fields
        frames[table] = pl.concat(parts, how="diagonal_relaxed") if parts else empty_frame()
    present -= set(unreadable)
    labels = [label_of(s.display, s.sheet) for s in discovery.sources] + [
        i.file for i in discovery.issues if i.file]
    if any(may_hold_a_name(label, dictionary) for label in labels):
        names |= names_held(labels, _roster_names(frames, dictionary), dictionary)
    return TablesRead(Tables(frames, field_dtypes(dictionary), sources), tuple(issues),
                      unreadable, frozenset(present), frozenset(names), files)


def _roster_names(frames: Mapping[str, pl.DataFrame], dictionary: FieldDictionary) -> set[str]:
    roster = frames.get("roster")
    return set() if roster is None else names_in_frame(roster, name_fields(dictionary, "roster"))
