"""The sniffed delimiter is a guess: when no header row is found with it, the others seen in
the first lines are tried; a .tsv tries the tab first."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cscaudit.errors import InputError
from cscaudit.ingest import FieldDictionary, TableSource, open_table
from cscaudit.ingest.csv_rows import DELIMITERS, csv_format
from tests.ingest.conftest import read, write_csv

HEADER = ["走访日期", "走访人", "户号", "走访内容", "人群类别"]
TAGS = ["政策宣传", "健康状况", "子女联系方式", "养老服务信息", "心理疏导", "身体状况"]


def visits(tags_joined_by: str) -> list[list[str]]:
    content = tags_joined_by.join(TAGS)
    return [HEADER] + [["2024-03-05", "王芳", f"NI00{i}", content, "老年人"] for i in range(10)]


def test_comma_csv_whose_quoted_cells_hold_semicolons(tmp_path: Path, dictionary: FieldDictionary) -> None:
    path = write_csv(tmp_path / "走访记录.csv", visits(";"))
    assert csv_format(path).delimiter == ";"  # the guess is wrong ...
    records, issues, reader = read(TableSource("visits", path), dictionary)  # ... and mended
    assert len(records) == 10 and issues == [] and reader.header_row == 1
    assert records[0].values["household_id"] == "NI000"
    assert records[0].values["content"] == ("policy_publicity", "health_status", "children_contact",
                                            "care_services", "psychological_support",
                                            "physical_condition")


def test_tsv_whose_content_holds_commas(tmp_path: Path, dictionary: FieldDictionary) -> None:
    path = write_csv(tmp_path / "走访记录.tsv", visits(","), delimiter="\t")
    assert csv_format(path).delimiter == "\t"
    records, issues, _ = read(TableSource("visits", path), dictionary)
    assert len(records) == 10 and issues == []
    assert records[9].values["household_id"] == "NI009"


def test_tsv_that_is_really_comma_separated(tmp_path: Path, dictionary: FieldDictionary) -> None:
    path = write_csv(tmp_path / "走访记录.tsv", visits("、"))
    fmt = csv_format(path)
    assert fmt.delimiter == "\t" and fmt.alternatives[0] == ","
    records, issues, _ = read(TableSource("visits", path), dictionary)
    assert len(records) == 10 and issues == []


def test_no_header_with_any_delimiter_keeps_the_first_error(tmp_path: Path,
                                                            dictionary: FieldDictionary) -> None:
    path = write_csv(tmp_path / "visits.csv", [["甲", "乙;丙", "丁|戊"], ["1", "2;3", "4|5"]] * 5)
    with pytest.raises(InputError, match="no header row") as caught:
        open_table(TableSource("visits", path), dictionary)
    assert "找不到" in caught.value.message.zh


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(delimiter=st.sampled_from(DELIMITERS), inner=st.sampled_from(DELIMITERS),
       rows=st.integers(1, 40))
def test_any_delimiter_with_any_other_inside_quoted_cells(
        tmp_path: Path, dictionary: FieldDictionary, delimiter: str, inner: str, rows: int) -> None:
    path = tmp_path / "visits.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL)
        writer.writerow(HEADER)
        for i in range(rows):
            writer.writerow(["2024-03-05", "王芳", f"A-{i}", inner.join(TAGS), "老年人"])
    records, issues, _ = read(TableSource("visits", path), dictionary)
    assert [r.values["household_id"] for r in records] == [f"A-{i}" for i in range(rows)]
    assert issues == []
