"""A province split by unit: units from the folder tree or district.yaml, one workbook per
unit plus a summary, and no per-center sheets above the limit."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from cscaudit.cli.app import app
from cscaudit.engine.district.discover import District
from cscaudit.report.district.units import unit_of, unit_paths
from cscaudit.report.district.workbook import build_workbook
from cscaudit.report.options import OutputOptions
from cscaudit.scoring.district.model import CenterEntry
from tests.assess.conftest import make_assessment
from tests.assess.ranking_sheet import ranking_table

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "district"
TREE = {"c001": "杭州市/西湖区/北山街道", "c002": "杭州市/西湖区/灵隐街道",
        "c003": "杭州市/上城区/湖滨街道"}


def _entry(rel: str, street: str | None = None) -> CenterEntry:
    return CenterEntry(path=Path("/p") / rel, rel=rel, street=street)


def test_a_unit_is_the_listed_street_or_the_folders_above_the_center() -> None:
    assert unit_of(_entry("市/区/街道/c1"), "street") == "市/区/街道"
    assert unit_of(_entry("市/区/街道/c1"), "district") == "市/区"
    assert unit_of(_entry("s01/c1", street="中河街道"), "street") == "中河街道"
    assert unit_of(_entry("s01/c1", street="中河街道"), "district") == "."
    assert unit_of(_entry("c1"), "street") == "."


def test_unit_workbooks_are_named_safely_and_uniquely(tmp_path: Path) -> None:
    entries = (_entry("a/c1", street="东:街道"), _entry("b/c2", street="东?街道"),
               _entry("c3"))
    district = District(root=tmp_path, entries=entries, name="示例区")
    paths = unit_paths(district, "street", tmp_path / "考核.xlsx")
    assert {k: p.name for k, p in paths.items()} == {
        "东:街道": "考核-东-街道.xlsx", "东?街道": "考核-东-街道-2.xlsx", ".": "考核-示例区.xlsx"}


def _sheet(wb: Any, name: str) -> list[tuple[Any, ...]]:
    return [row for row in wb[name].iter_rows(values_only=True) if any(v is not None for v in row)]


def test_above_the_limit_a_workbook_has_no_center_sheets_and_says_so(outcomes: Any) -> None:
    assessment: Any = make_assessment(outcomes)
    small: Any = build_workbook(assessment, OutputOptions("en"), sheet_limit=3)
    assert small.sheetnames == ["Ranking", "Grades", "Social workers", "Findings"]
    notes = [row[0] for row in _sheet(small, "Ranking")[:4]]
    assert any(str(n).startswith("4 centers, more than the 3 center sheets") for n in notes)
    whole: Any = build_workbook(assessment, OutputOptions("en"), sheet_limit=4)
    assert len(whole.sheetnames) == 8
    assert not any("center sheets" in str(row[0]) for row in _sheet(whole, "Ranking")[:4])


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("province") / "浙江"
    for center, folder in TREE.items():
        shutil.copytree(SAMPLE / "s01" / center if center != "c002" else SAMPLE / "s02" / center,
                        root / folder / center)
    return root


def test_split_by_street_writes_a_summary_and_one_workbook_per_street(
        province: Path, tmp_path: Path) -> None:
    out = tmp_path / "prov.xlsx"
    result = CliRunner().invoke(app, ["assess", str(province), "-o", str(out), "--split-by",
                                      "street", "--sheet-limit", "2", "--workers", "2",
                                      "--lang", "en", "--json", str(tmp_path / "r.json")])
    assert result.exit_code == 0, result.output
    books = sorted(p.name for p in tmp_path.glob("*.xlsx"))
    assert books == ["prov-杭州市-上城区-湖滨街道.xlsx", "prov-杭州市-西湖区-北山街道.xlsx",
                     "prov-杭州市-西湖区-灵隐街道.xlsx", "prov.xlsx"]
    summary = openpyxl.load_workbook(out)
    assert summary.sheetnames == ["Units", "Grades by unit", "Worst findings", "All centers"]
    units = _sheet(summary, "Units")
    assert units[2][0] == ("3 centers, more than the 2 center sheets one workbook may hold: "
                           "each center's sheet is in its unit's workbook.")
    header = units.index(next(r for r in units if r[0] == "Rank"))
    lines = units[header + 1:]
    assert [line[0] for line in lines] == [1, 2, 3]
    assert all(line[3] == line[4] == 0 for line in lines)  # none pending, none failed
    means = [line[5] for line in lines]
    assert means == sorted(means, reverse=True)
    assert {line[1]: line[8] for line in lines} == {
        unit: f"prov-{unit.replace('/', '-')}.xlsx" for unit in TREE.values()}
    _, all_rows = ranking_table(summary["All centers"])
    assert sorted(r[2] for r in all_rows) == ["c001", "c002", "c003"]
    assert all(str(r[0]).startswith("=1+SUMPRODUCT(") for r in all_rows)  # ranked by formula
    grades = _sheet(summary, "Grades by unit")
    assert sorted(r[0] for r in grades[3:]) == sorted(TREE.values())
    assert all(sum(r[2:]) == r[1] == 1 for r in grades[3:])
    worst = _sheet(summary, "Worst findings")[3:]
    order = {"critical": 0, "major": 1, "minor": 2, "info": 3}
    assert worst and [order[r[4]] for r in worst] == sorted(order[r[4]] for r in worst)

    unit_book = openpyxl.load_workbook(tmp_path / "prov-杭州市-西湖区-北山街道.xlsx")
    assert len(unit_book.sheetnames) == 5  # 4 fixed sheets + its one center
    _, ranking = ranking_table(unit_book["Ranking"])
    assert [r[2] for r in ranking] == ["c001"] and str(ranking[0][4]).startswith("=IF(")


def test_split_by_district_groups_the_streets(province: Path, tmp_path: Path) -> None:
    out = tmp_path / "d.xlsx"
    result = CliRunner().invoke(app, ["assess", str(province), "-o", str(out), "--split-by",
                                      "district", "--workers", "2", "--lang", "en"])
    assert result.exit_code == 0, result.output
    west = openpyxl.load_workbook(tmp_path / "d-杭州市-西湖区.xlsx")
    assert len(west.sheetnames) == 6  # 4 fixed sheets + 2 centers
    assert sorted(p.name for p in tmp_path.glob("*.xlsx")) == [
        "d-杭州市-上城区.xlsx", "d-杭州市-西湖区.xlsx", "d.xlsx"]


@pytest.mark.parametrize(("extra", "message"), [
    (["--split-by", "city"], "--split-by 'city' is not understood"),
    (["--split-by", "street", "--no-xlsx"], "cannot go with --no-xlsx"),
])
def test_bad_split_options_stop_before_the_run(tmp_path: Path, extra: list[str],
                                               message: str) -> None:
    result = CliRunner().invoke(app, ["assess", str(SAMPLE), "-o", str(tmp_path / "x.xlsx"),
                                      "--lang", "en", *extra])
    assert result.exit_code == 2
    assert message in result.output
    assert not list(tmp_path.iterdir())
