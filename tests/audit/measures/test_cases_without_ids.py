"""Every golden case again with one table's ids taken out of its records, each table in
turn: the table loses its `*_id` fields and the case's `key_field`, as when no export of
the table had an id column.

Evidence asked for with a key raises when the frame lacks the key column
(`frames.evidence_of`), so every kind that shows ids must ask `Tables.frame` (or, for a
fact's frame, `Tables.with_fields`) for it: there it is a null column, and the evidence
shows no id. A kind that forgot would raise `EvidenceColumnsLost` here."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.audit.measures.test_cases import load_cases, run_case


def _is_id(name: str, key_field: object) -> bool:
    return name.endswith("_id") or name == key_field


def _cases_by_table() -> Iterator[Any]:
    for param in load_cases():
        kind_id, case = param.values
        for table in case.get("records") or {}:
            yield pytest.param(kind_id, case, table, id=f"{param.id}:{table}")


def _without_ids(case: dict[str, Any], table: str) -> tuple[dict[str, Any], set[str]]:
    """The case with the id fields of `table` dropped from its records, and the ids they held."""
    key_field = (case.get("params") or {}).get("key_field")
    rows = case["records"][table]
    ids = {str(value) for row in rows for name, value in row.items()
           if _is_id(name, key_field) and value is not None}
    stripped = [{k: v for k, v in row.items() if not _is_id(k, key_field)} for row in rows]
    return {**case, "records": {**case["records"], table: stripped}}, ids


@pytest.mark.parametrize(("kind_id", "case", "table"), list(_cases_by_table()))
def test_a_case_whose_export_has_no_id_column_still_measures(kind_id: str, case: dict[str, Any],
                                                             table: str) -> None:
    stripped, ids = _without_ids(case, table)
    measurement = run_case(kind_id, stripped)
    shown = {e.key for f in measurement.findings for e in f.evidence if e.file == f"{table}.csv"}
    assert not shown & ids, f"ids of {table} shown though its export had none: {shown & ids}"
