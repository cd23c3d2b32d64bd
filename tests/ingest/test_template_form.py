"""Input templates as paper forms: A4 landscape, borders, a skipped example row, date
validation, the content tags and multi-select columns explained, Chinese table names."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from typer.testing import CliRunner

from cscaudit.cli.app import app
from cscaudit.config.standard import load_standard
from cscaudit.ingest import TableSource, load_dictionary, open_table
from cscaudit.report.template import write_template
from tests.ingest.conftest import write_csv

runner = CliRunner()


def _visits_template(tmp_path: Path) -> Path:
    return write_template("visits", tmp_path / "visits.xlsx", load_dictionary())


def test_data_sheet_prints_on_a4_landscape_with_borders(tmp_path: Path) -> None:
    sheet = load_workbook(_visits_template(tmp_path))["走访记录"]
    setup = sheet.page_setup
    assert (setup.orientation, str(setup.paperSize)) == ("landscape", "9")  # 9: A4
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
    fit = sheet.sheet_properties.pageSetUpPr
    assert fit is not None and fit.fitToPage is True
    assert sheet.print_title_rows == "$1:$1"
    last = get_column_letter(sum(1 for c in sheet[1] if c.value))
    assert sheet.print_area == f"'走访记录'!$A$1:${last}$24"
    for ref in ("A1", f"{last}2", "A3", f"{last}24"):
        assert sheet[ref].border.left.style == "thin", ref
    assert sheet["A25"].border.left.style is None


def test_example_row_is_marked_and_skipped_on_import(tmp_path: Path) -> None:
    out = _visits_template(tmp_path)
    sheet = load_workbook(out)["走访记录"]
    assert str(sheet["A2"].value).startswith("【示例】")
    assert sheet["B2"].value is not None and sheet["C2"].value is not None
    dictionary = load_dictionary()
    with open_table(TableSource("visits", out), dictionary) as reader:
        assert list(reader.records()) == []
        assert reader.stats.rows_skipped == {"example": 1}
        assert [i.code for i in reader.issues] == ["no-rows"]


def test_an_example_row_in_a_csv_is_skipped_too(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "走访记录.csv", [
        ["走访日期", "走访人", "户号", "走访内容"],
        ["【示例】2024-03-05", "张三", "A-0", "政策宣传"],
        ["2024-03-06", "王芳", "A-1", "政策宣传"]])
    with open_table(TableSource("visits", path), load_dictionary()) as reader:
        records = list(reader.records())
        assert [r.values["household_id"] for r in records] == ["A-1"]
        assert reader.stats.rows_skipped == {"example": 1} and reader.issues == []


def test_date_columns_accept_only_dates(tmp_path: Path) -> None:
    sheet = load_workbook(_visits_template(tmp_path))["走访记录"]
    dates = [dv for dv in sheet.data_validations.dataValidation if dv.type == "date"]
    covered = {str(ref).split(":")[0] for dv in dates for ref in dv.sqref.ranges}
    columns = {str(c.value): get_column_letter(n) for n, c in enumerate(sheet[1], start=1)}
    assert covered == {f"{columns['走访日期']}2", f"{columns['办结日期']}2",
                       f"{columns['录入时间']}2"}
    assert all(dv.showErrorMessage and dv.error for dv in dates)


def test_notes_list_the_standards_content_tags_and_multi_select_columns(tmp_path: Path) -> None:
    notes = load_workbook(_visits_template(tmp_path))["填写说明"]
    assert notes.page_setup.orientation == "landscape"
    texts = [" ".join(str(c.value) for c in row if c.value is not None) for row in notes.iter_rows()]
    for tag in load_standard().content_tags.values():
        assert any(row.startswith(f"{tag.code} {tag.label.zh}") for row in texts), tag.code
    multi = [row for row in texts if row.startswith(("group ", "content "))]
    assert len(multi) == 2 and all("可多选" in row for row in multi)
    assert any("示例" in row and "不读取" in row for row in texts[:3])


def test_multi_select_drop_down_says_several_are_allowed(tmp_path: Path) -> None:
    sheet = load_workbook(_visits_template(tmp_path))["走访记录"]
    group = next(dv for dv in sheet.data_validations.dataValidation if "E2" in str(dv.sqref))
    assert group.errorStyle == "warning" and "可多选" in str(group.promptTitle)


def test_chinese_table_name_is_accepted(tmp_path: Path) -> None:
    out = tmp_path / "走访.xlsx"
    result = runner.invoke(app, ["template", "走访记录", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert load_workbook(out).sheetnames[0] == "走访记录"
    bad = runner.invoke(app, ["template", "不存在的表", "-o", str(tmp_path / "x.xlsx")])
    assert bad.exit_code == 2 and "走访记录（visits）" in bad.output and "Traceback" not in bad.output
