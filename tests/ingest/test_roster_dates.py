"""The roster's dates: 纳入日期 (joined a key group) is its own field, never the arrival date;
登记日期 / 入住日期 are the arrival; 注销 / 迁出 / 死亡 dates are the leaving."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cscaudit.ingest import FieldDictionary, TableSource
from tests.ingest.conftest import read, write_csv


def test_group_since_is_not_the_arrival(tmp_path: Path, dictionary: FieldDictionary) -> None:
    rows = [["户号", "人群类别", "包片社工", "入住日期", "纳入日期", "死亡日期", "状态"],
            ["A-101", "低保户", "王芳", "2015-04-01", "2024-07-01", "", "在册"],
            ["A-102", "独居老人", "王芳", "", "2024-03-15", "2024-10-02", "死亡"]]
    records, issues, _ = read(TableSource("roster", write_csv(tmp_path / "名册.csv", rows)),
                              dictionary)
    assert issues == []
    first, second = (r.values for r in records)
    assert (first["registered_on"], first["group_since"]) == (dt.date(2015, 4, 1), dt.date(2024, 7, 1))
    assert second.get("registered_on") is None and second["group_since"] == dt.date(2024, 3, 15)
    assert (second["left_on"], second["status"]) == (dt.date(2024, 10, 2), "deceased")
