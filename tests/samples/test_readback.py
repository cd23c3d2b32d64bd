"""Generated exports read back through cscaudit's own readers: every table found, every row
read, no data issue but the planted ones, and visit content tagged as the group requires."""

from __future__ import annotations

import dataclasses
from collections import Counter

import pytest

from cscaudit.ingest import discover_tables, load_dictionary, open_table
from cscaudit.ingest.model import DataIssue, Record
from cscaudit.samples.content import catalogue
from cscaudit.samples.exports import CenterTables, build_tables, write_exports
from cscaudit.samples.model import CenterSpec
from cscaudit.samples.roster import GROUP_LABELS

SPEC = CenterSpec("rb", "银杏社区", "首南街道", "鄞州区", "宁波市", 2024, households=300,
                  seed=21, defect_rate=0.3, format="mixed")


@pytest.fixture(scope="module", params=["mixed", "csv", "xlsx"])
def read_back(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
              ) -> tuple[CenterTables, dict[str, list[Record]], list[DataIssue]]:
    spec = dataclasses.replace(SPEC, format=request.param)
    folder = tmp_path_factory.mktemp(request.param)
    built = build_tables(spec)
    write_exports(spec, folder, built)
    discovery = discover_tables(folder, None)
    assert not discovery.issues
    dictionary = load_dictionary()
    records: dict[str, list[Record]] = {}
    issues: list[DataIssue] = []
    for source in discovery.sources:
        with open_table(source, dictionary) as reader:
            records[source.table] = list(reader.records())
            issues += reader.issues
    return built, records, issues


def test_every_table_and_row_is_read(
        read_back: tuple[CenterTables, dict[str, list[Record]], list[DataIssue]]) -> None:
    built, records, _ = read_back
    assert set(records) == set(built.tables)
    for name, table in built.tables.items():
        assert len(records[name]) == len(table.rows), name


def test_only_planted_problems_are_reported(
        read_back: tuple[CenterTables, dict[str, list[Record]], list[DataIssue]]) -> None:
    built, _, issues = read_back
    codes = Counter((i.table, i.code, i.field) for i in issues if i.row is not None)
    missing_handlers = sum(1 for m in built.tables["service_ledger"].marks
                           if m.kind == "ledger_missing_field")
    missing_workers = sum(1 for m in built.tables["roster"].marks
                          if m.kind == "household_no_worker")
    allowed = {("service_ledger", "missing-value", "handler"), ("roster", "missing-value", "worker"),
               ("roster", "unknown-column", None), ("visits", "untagged", "content")}
    assert set(codes) <= allowed, codes
    assert codes[("service_ledger", "missing-value", "handler")] == missing_handlers
    assert codes[("roster", "missing-value", "worker")] == missing_workers


def test_visit_content_is_tagged_as_required(
        read_back: tuple[CenterTables, dict[str, list[Record]], list[DataIssue]]) -> None:
    built, records, _ = read_back
    table = built.tables["visits"]
    lacking_households = {m.key for m in built.tables["roster"].marks
                          if m.kind == "household_missing_content"}
    lacking = {i for i, row in enumerate(table.rows) if str(row[3]) in lacking_households}
    groups = {str(r[0]): r[3] for r in built.tables["roster"].rows}
    cat = catalogue()
    label_to_group = {label: code for code, labels in GROUP_LABELS.items() for label in labels}
    for i, record in enumerate(records["visits"]):
        group = label_to_group[str(groups[str(table.rows[i][3])])]
        required = set(cat.required(group))
        tags = set(record.values["content"] or ())
        if i in lacking:
            assert required - tags, i
        else:
            assert required <= tags, (i, table.rows[i][6], tags)
