"""`cscaudit sample-visits`: a reproducible random sample of the audit year's visits, as a
printable phone-verification form."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from cscaudit.cli.app import app
from cscaudit.engine.visit_sample import draw_visit_sample
from tests.audit.contract_center import Table, contract_tables, visits, write_center

runner = CliRunner()


def _center(tmp_path: Path) -> Path:
    tables = contract_tables()
    earlier = visits(2023)
    tables["visits"] = Table(earlier.file, earlier.header, tables["visits"].rows + earlier.rows[:50])
    return write_center(tmp_path / "center", tables)


def test_same_seed_same_visits_other_seed_others(tmp_path: Path) -> None:
    center = _center(tmp_path)
    first = draw_visit_sample(center, 20, seed=7)
    assert [(v.file, v.row) for v in first.visits] == [
        (v.file, v.row) for v in draw_visit_sample(center, 20, seed=7).visits]
    assert {v.row for v in draw_visit_sample(center, 20, seed=8).visits} != {v.row for v in first.visits}
    assert first.population == 480 and len(first.visits) == 20
    assert len({v.row for v in first.visits}) == 20
    assert all(v.visited_on is not None and v.visited_on.year == 2024 for v in first.visits)
    assert [v.visited_on for v in first.visits] == sorted(v.visited_on for v in first.visits if v.visited_on)


def test_fewer_visits_than_asked_draws_them_all(tmp_path: Path) -> None:
    sample = draw_visit_sample(_center(tmp_path), 100, seed=1, year=2023)
    assert sample.population == 50 and len(sample.visits) == 50


def test_cli_writes_a_form_with_one_row_per_drawn_visit(tmp_path: Path) -> None:
    out = tmp_path / "回访抽样.xlsx"
    result = runner.invoke(app, ["sample-visits", str(_center(tmp_path)), "-n", "5", "--seed", "3",
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    ws = load_workbook(out)["电话回访抽样"]
    sample = draw_visit_sample(tmp_path / "center", 5, seed=3)
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=4) if row[0].value is not None]
    assert [r[7] for r in rows] == [f"{v.file}:{v.row}" for v in sample.visits]
    assert [r[4] for r in rows] == [v.household_id for v in sample.visits]
    assert "种子 3" in str(ws["A2"].value) and ws.page_setup.orientation == "landscape"
    assert [dv.formula1 for dv in ws.data_validations.dataValidation] == ['"是,否"']


def test_center_without_visits_is_an_input_error(tmp_path: Path) -> None:
    tables = contract_tables()
    del tables["visits"]
    center = write_center(tmp_path / "c", tables)
    result = runner.invoke(app, ["sample-visits", str(center), "-o", str(tmp_path / "s.xlsx")])
    assert result.exit_code == 2 and "走访记录" in result.output and "Traceback" not in result.output
