"""Finding a center's tables by file stem, sheet name and the explicit exports map."""

from __future__ import annotations

from pathlib import Path

import pytest

from cscaudit.errors import InputError
from cscaudit.ingest import FieldDictionary, discover_tables, load_dictionary
from tests.ingest.conftest import write_csv, write_xlsx

VISITS = [["走访日期", "走访人", "户号", "走访内容"], ["2024-03-05", "王芳", "A-1", "政策宣传"]]


def test_by_stem_and_sheet_in_both_languages(tmp_path: Path) -> None:
    exports = tmp_path / "exports"
    exports.mkdir()
    write_csv(exports / "2024年走访记录.csv", VISITS)
    write_csv(exports / "staff.csv", [["工号", "姓名"], ["1", "王芳"]])
    write_xlsx(exports / "台账.xlsx", {"A1": "受理编号"}, title="办件登记")
    write_csv(exports / "readme-notes.csv", [["a"]])
    (exports / "~$lock.xlsx").write_bytes(b"x")
    found = discover_tables(tmp_path, None)
    got = sorted((s.table, s.display, s.sheet) for s in found.sources)
    assert got == [("service_ledger", "exports/台账.xlsx", "办件登记"),
                   ("staff", "exports/staff.csv", None),
                   ("visits", "exports/2024年走访记录.csv", None)]
    assert [(i.file, i.code) for i in found.issues] == [("exports/readme-notes.csv", "unrecognised-file")]


def test_two_files_for_one_table_and_broken_file(tmp_path: Path) -> None:
    exports = tmp_path / "exports"
    exports.mkdir()
    write_csv(exports / "visits.csv", VISITS)
    write_csv(exports / "走访记录.csv", VISITS)
    (exports / "roster.xlsx").write_bytes(b"not a zip")
    (exports / "notes.xlsx").write_bytes(b"not a zip")
    found = discover_tables(tmp_path, None)
    # the broken roster.xlsx stays the roster's source (reading it says it is broken);
    # a broken workbook whose name says nothing is an issue of its own
    assert sorted(s.table for s in found.sources) == ["roster", "visits", "visits"]
    codes = sorted((i.code, i.file) for i in found.issues)
    assert codes == [("several-sources", "exports/visits.csv"), ("unusable-file", "exports/notes.xlsx")]


def test_explicit_map_wins(tmp_path: Path) -> None:
    exports = tmp_path / "data"
    exports.mkdir()
    write_csv(exports / "visits.csv", VISITS)
    write_csv(exports / "导出1.csv", VISITS)
    mapping = {"dir": "data", "tables": {"visits": {"file": "data/导出1.csv", "header_row": 1,
                                                    "encoding": "utf-8",
                                                    "columns": {"走访日期": "visited_on"}}}}
    found = discover_tables(tmp_path, mapping)
    assert [(s.table, s.display, s.header_row, s.encoding) for s in found.sources] == [
        ("visits", "data/导出1.csv", 1, "utf-8")]
    assert found.issues == []


def test_broken_explicit_map_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        discover_tables(tmp_path, {"tables": {"visits": {"file": "nope.csv"}}})
    with pytest.raises(InputError):
        discover_tables(tmp_path, {"tables": {"nonsense": {"file": "x.csv"}}})


def test_user_dictionary_adds_synonyms(tmp_path: Path, dictionary: FieldDictionary) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text("kind: field-dictionary\nschema_version: 1\ntables:\n  visits:\n"
                     "    names: [入户台账]\n    fields:\n      worker:\n        headers: [入户人]\n",
                     encoding="utf-8")
    merged = load_dictionary(extra)
    assert merged.table_for_name("入户台账") == "visits"
    assert "入户人" in merged.table("visits").fields["worker"].headers
    assert "走访人" in merged.table("visits").fields["worker"].headers
    assert dictionary.table_for_name("入户台账") is None
