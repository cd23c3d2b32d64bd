"""A table with a header and nothing else to read says so (`no-rows`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cscaudit.ingest import FieldDictionary, TableSource
from tests.ingest.conftest import read

HEADER = "编号,受理日期,事项名称,承办社工,办理结果\n"


@pytest.mark.parametrize(("body", "skipped"), [
    ("", {}),
    (",,,,\n\n合计,0,,,\n", {"blank": 2, "total": 1}),
    ("制表人：张三\n", {"note": 1}),
])
def test_no_data_rows_is_a_warning(tmp_path: Path, dictionary: FieldDictionary, body: str,
                                   skipped: dict[str, int]) -> None:
    path = tmp_path / "办件台账.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    records, issues, reader = read(TableSource("service_ledger", path), dictionary)
    assert records == [] and reader.stats.rows_parsed == 0
    assert reader.stats.rows_skipped == skipped
    no_rows = [i for i in issues if i.code == "no-rows"]
    assert len(no_rows) == 1 and no_rows[0].severity == "warning" and no_rows[0].row is None
    assert "合计" in no_rows[0].message.zh and "total" in no_rows[0].message.en


def test_one_data_row_is_enough(tmp_path: Path, dictionary: FieldDictionary) -> None:
    path = tmp_path / "办件台账.csv"
    path.write_text(HEADER + ",,,,\nSL1,2024-01-01,居住证明,王芳,办结\n合计,1,,,\n", encoding="utf-8")
    records, issues, _ = read(TableSource("service_ledger", path), dictionary)
    assert len(records) == 1 and "no-rows" not in {i.code for i in issues}
