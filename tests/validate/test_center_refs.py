"""center.yaml references audit follows: exports.tables names and files, plan file kinds."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.validate.conftest import FIXTURES, run_json


def _center(tmp_path: Path, extra: str) -> Path:
    shutil.copytree(FIXTURES / "valid" / "plans", tmp_path / "plans")
    shutil.copy(FIXTURES / "valid" / "waivers.yaml", tmp_path / "plans" / "waivers.yaml")
    (tmp_path / "exports").mkdir()
    (tmp_path / "exports" / "v.csv").write_text("a\n", encoding="utf-8")
    text = (FIXTURES / "valid" / "center.yaml").read_text(encoding="utf-8")
    path = tmp_path / "center.yaml"
    path.write_text(text + extra, encoding="utf-8")
    return path


def test_known_tables_and_existing_files_pass(tmp_path: Path) -> None:
    path = _center(tmp_path, "exports:\n  tables:\n    visits: {file: exports/v.csv}\n")
    code, report = run_json(str(path))
    assert (code, report["files"][0]["problems"]) == (0, [])


def test_unknown_table_missing_file_and_a_plan_of_another_kind(tmp_path: Path) -> None:
    path = _center(tmp_path, "  - file: plans/waivers.yaml\n"
                             "exports:\n  tables:\n    complaint: {file: x.csv}\n"
                             "    visits: {file: exports/v.csv}\n")
    code, report = run_json(str(path))
    assert code == 1
    problems = report["files"][0]["problems"]
    assert [(p["code"], p["line"], p["column"]) for p in problems] == [
        ("plan-wrong-kind", 20, 11), ("unknown-table", 23, 5), ("table-file-missing", 23, 23)]
    assert "did you mean 'complaints'?" in problems[1]["message"]
    assert "kind: waivers" in problems[0]["message"]
