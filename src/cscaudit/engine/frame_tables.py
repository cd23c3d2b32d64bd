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

Sources are read `READ_THREADS` at a time when polars may use that many threads (not in a
district worker, which has one): while one source's Python front end runs, polars reads and
parses another with the GIL released. Each source is read alone, as `read_frame` reads it,
and the results are taken in reading order, so nothing depends on which finished first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass

import polars as pl

from cscaudit.errors import CscauditError
from cscaudit.facts.frames import SourceKey, Tables, field_dtypes
from cscaudit.i18n import Text
from cscaudit.ingest.dictionary import FieldDictionary
from cscaudit.ingest.discover import Discovery, TableSource
from cscaudit.ingest.frame_reader import FrameRead, read_frame
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


# sources read at once, at most: on 2 cores, 2 took read_tables of a 50,000-record center from
# ~130-146 to ~108-112 ms, of a 20,000-record one from 90 to 76 (alternating runs); 3 was no
# faster. Below READ_AHEAD_BYTES of exports in all (a 3,000-record center has ~0.5 MB) the
# threads cost what they save (92 KB: 13.7 -> 15.6 ms), so they are read one by one.
READ_THREADS = 2
READ_AHEAD_BYTES = 1 << 20


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
    with _reader(discovery.sources, dictionary) as read_source:
        for table in files:
            parts: list[pl.DataFrame] = []
            for source in files[table]:
                try:
                    read = read_source(source)
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


@contextmanager
def _reader(sources: Sequence[TableSource],
            dictionary: FieldDictionary) -> Iterator[Callable[[TableSource], FrameRead]]:
    """A function giving each source's `read_frame`, read ahead on `READ_THREADS` threads
    (the largest files first) when polars may use that many and the exports hold at least
    `READ_AHEAD_BYTES`; each result (or the error reading raised) is handed over when asked
    for. Leaving waits for the reads under way and drops those not begun."""
    sizes = {id(source): _size(source) for source in sources}
    threads = min(READ_THREADS, pl.thread_pool_size(), len(sources))
    if threads <= 1 or sum(sizes.values()) < READ_AHEAD_BYTES:
        yield lambda source: read_frame(source, dictionary)
        return
    with ThreadPoolExecutor(threads, thread_name_prefix="cscaudit-read") as pool:
        ahead: dict[int, Future[FrameRead]] = {
            id(source): pool.submit(read_frame, source, dictionary)
            for source in sorted(sources, key=lambda s: sizes[id(s)], reverse=True)}
        try:
            yield lambda source: ahead[id(source)].result()
        finally:
            for future in ahead.values():
                future.cancel()


def _size(source: TableSource) -> int:
    try:
        return source.path.stat().st_size
    except OSError:
        return 0


def _roster_names(frames: Mapping[str, pl.DataFrame], dictionary: FieldDictionary) -> set[str]:
    roster = frames.get("roster")
    return set() if roster is None else names_in_frame(roster, name_fields(dictionary, "roster"))
