"""A whole discovery read into frames equals the record pass the engine made before it read
frames (kept below as the oracle, `_read_tables`) feeding FrameBuilders:
the frames and fields of every readable table, the issues in order, the unreadable tables
and the residents' names found in file and sheet names; the year census and the roster's
names taken from the frames equal those the engine's record consumers collect. Every
comparison runs twice: the sources read one by one, and read ahead on threads."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import polars as pl
import pytest

from cscaudit.config.center import load_center
from cscaudit.engine import frame_tables
from cscaudit.engine.frame_tables import read_tables
from cscaudit.errors import CscauditError
from cscaudit.facts.frames import FrameBuilder, build_tables, field_dtypes
from cscaudit.facts.table_census import TableCensus, census_of, dating_fields
from cscaudit.i18n import Text
from cscaudit.ingest import discover_tables, load_dictionary
from cscaudit.ingest.dictionary import FieldDictionary
from cscaudit.ingest.discover import Discovery, TableSource
from cscaudit.ingest.frame_types import empty_frame
from cscaudit.ingest.label_names import name_fields, names_in_frame
from cscaudit.ingest.model import DataIssue, Record
from cscaudit.ingest.model import unusable_file as _file_issue
from cscaudit.measures.base import TABLE_ORDER
from cscaudit.samples.district import DistrictSettings, generate_district
from tests.oracles.census import count_record
from tests.oracles.label_names import roster_names

CENTERS = Path(__file__).resolve().parents[2] / "samples" / "centers"


@pytest.fixture(autouse=True, params=["one by one", "read ahead"])
def reading(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each test twice: sources read one by one, and read ahead on threads however small
    the exports (polars told it may use several threads)."""
    if request.param == "read ahead":
        monkeypatch.setattr(frame_tables, "READ_AHEAD_BYTES", 0)
        monkeypatch.setattr(pl, "thread_pool_size", lambda: 4)
    else:
        monkeypatch.setattr(frame_tables, "READ_THREADS", 1)
    return str(request.param)


# The engine's record pass until the frame reader replaced it: the oracle.
@dataclass
class _TableRun:
    """Everything read from the exports, table by table."""

    present: set[str] = field(default_factory=set)
    unreadable: dict[str, Text] = field(default_factory=dict)
    issues: list[DataIssue] = field(default_factory=list)
    names_in_labels: set[str] = field(default_factory=set)  # residents' names in file names
    read: dict[str, list[TableSource]] = field(default_factory=dict)  # in reading order


def _read_tables(
    center: object, discovery: Discovery, dictionary: FieldDictionary,
    consumers: dict[str, list[Callable[[Record], None]]],
) -> _TableRun:
    from cscaudit.ingest import open_table
    from cscaudit.ingest.label_names import (
        label_of,
        may_hold_a_name,
        name_fields,
        names_held,
    )

    run = _TableRun()
    run.issues.extend(discovery.issues)
    by_table: dict[str, list[TableSource]] = {}
    for source in discovery.sources:
        by_table.setdefault(source.table, []).append(source)
    ordered = [t_ for t_ in TABLE_ORDER if t_ in by_table] + sorted(
        t_ for t_ in by_table if t_ not in TABLE_ORDER
    )
    labels = [label_of(s.display, s.sheet) for s in discovery.sources] + [
        i.file for i in discovery.issues if i.file]
    residents: set[str] = set()
    # a resident's name in another export's file or sheet name: the roster says who is one
    collect = [roster_names(name_fields(dictionary, "roster"), residents)] if any(
        may_hold_a_name(label, dictionary) for label in labels) else []
    for table in ordered:
        adds = [*consumers.get(table, []), *(collect if table == "roster" else [])]
        for source in by_table[table]:
            run.read.setdefault(table, []).append(source)
            shown = source.display  # as discovery names it (marked when outside)
            try:
                with open_table(source, dictionary) as reader:
                    for record in reader.records():
                        for add in adds:
                            add(record)
                    run.issues.extend(reader.issues)
                    run.names_in_labels |= reader.names_in_label
            except CscauditError as exc:
                run.unreadable[table] = exc.message
                run.issues.append(_file_issue(shown, table, exc))
                continue
            run.present.add(table)
    for table in run.unreadable:
        run.present.discard(table)
    run.names_in_labels |= names_held(labels, residents, dictionary)
    return run



def _assert_same(root: Path) -> None:
    dictionary = load_dictionary()
    center = load_center(root)
    discovery = discover_tables(center.root, center.exports)
    dtypes = field_dtypes(dictionary)
    builders = {s.table: FrameBuilder(s.table, dtypes.get(s.table, {})) for s in discovery.sources}
    census = TableCensus(dating_fields(dictionary.tables))
    residents: set[str] = set()
    collect = roster_names(name_fields(dictionary, "roster"), residents)
    consumers: dict[str, list[Callable[[Record], None]]] = {
        table: [b.add, partial(count_record, census)] for table, b in builders.items()}
    consumers.setdefault("roster", []).append(collect)
    run = _read_tables(center, discovery, dictionary, consumers)
    want = build_tables(builders.values(), dtypes)
    got = read_tables(discovery, dictionary)
    frames = {table: got.tables.frame(table) for table in builders}
    if not run.unreadable:  # a failed source handed its rows on before failing (docstring)
        assert census_of(frames, dating_fields(dictionary.tables)) == census
        assert names_in_frame(frames.get("roster", empty_frame()),
                              name_fields(dictionary, "roster")) == residents
    assert got.issues == tuple(run.issues)
    assert dict(got.unreadable) == run.unreadable
    assert got.present == frozenset(run.present)
    assert got.names_in_labels == frozenset(run.names_in_labels)
    assert list(got.files.items()) == [(tb, tuple(read)) for tb, read in run.read.items()]
    for table in builders:
        if table in run.unreadable:
            continue  # rows read before a failure are never measured (module docstring)
        assert got.tables.frame(table).schema == want.frame(table).schema, table
        assert got.tables.frame(table).equals(want.frame(table)), table
        assert got.tables.fields_of(table) == want.fields_of(table), table


@pytest.mark.parametrize("center", sorted(p.parent.name for p in CENTERS.glob("*/center.yaml")))
def test_bundled_centers(center: str) -> None:
    _assert_same(CENTERS / center)


def test_a_generated_district_of_mixed_exports(tmp_path: Path) -> None:
    generate_district(DistrictSettings(centers=2, records_per_center=1200, seed=4,
                                       defect_rate=0.25, format="mixed"), tmp_path)
    roots = sorted(p.parent for p in tmp_path.rglob("center.yaml"))
    assert len(roots) == 2
    for root in roots:
        _assert_same(root)


def test_names_in_file_names_and_an_unreadable_export(tmp_path: Path) -> None:
    center = tmp_path / "c"
    shutil.copytree(CENTERS / "wuhan-jinyinhu-qinghe", center)
    exports = center / "exports"
    (exports / "社工名册.csv").rename(exports / "社工名册（户主陈佳）.csv")
    (exports / "complaints.csv").write_text('受理时间,诉求内容\n2024-01-02,"没有闭合\n',
                                            encoding="utf-8")
    dictionary = load_dictionary()
    loaded = load_center(center)
    got = read_tables(discover_tables(loaded.root, loaded.exports), dictionary)
    assert "陈佳" in got.names_in_labels
    assert "complaints" in got.unreadable and "complaints" not in got.present
    assert [s.display for s in got.files["complaints"]] == ["exports/complaints.csv"]
    _assert_same(center)


def test_reading_ahead_uses_threads_and_leaves_none_behind(
        reading: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Read ahead, the sources are read on the reader's threads; a read that fails with a
    bug (not an input error) fails `read_tables`, and no reading thread outlives it."""
    center = load_center(CENTERS / "wuhan-jinyinhu-qinghe")
    discovery = discover_tables(center.root, center.exports)
    seen: list[str] = []
    real = frame_tables.read_frame

    def watched(source: TableSource, dictionary: FieldDictionary) -> frame_tables.FrameRead:
        seen.append(threading.current_thread().name)
        if source.table == "staff":
            raise RuntimeError("a bug")
        return real(source, dictionary)

    monkeypatch.setattr(frame_tables, "read_frame", watched)
    with pytest.raises(RuntimeError, match="a bug"):
        read_tables(discovery, load_dictionary())
    on_threads = [name for name in seen if name.startswith("cscaudit-read")]
    assert (len(on_threads) > 0) is (reading == "read ahead")
    assert not [t for t in threading.enumerate() if t.name.startswith("cscaudit-read")]
