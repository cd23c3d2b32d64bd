"""`cscaudit inspect` and `cscaudit template` through the CLI."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from cscaudit.cli.app import app
from cscaudit.ingest import FieldDictionary, FieldSpec, TableSource, load_dictionary, open_table
from cscaudit.ingest.values import id_check_digit
from cscaudit.report.template import write_template
from tests.ingest.conftest import write_csv

runner = CliRunner()
VISITS = [["走访日期", "走访人", "户号", "走访内容", "奇怪的列"],
          ["2024-03-05", "王芳", "A-1", "政策宣传", ""],
          ["2024-02-30", "王芳", "A-2", "健康状况", ""]]


def test_inspect_json_keys_and_exit_1(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "走访记录.csv", VISITS)
    result = runner.invoke(app, ["inspect", str(path), "--format", "json", "--lang", "en"])
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    for key in ("table", "encoding", "header_row", "columns", "rows_read", "rows_skipped", "issues"):
        assert key in data
    assert data["table"] == "visits" and data["encoding"] == "utf-8" and data["header_row"] == 1
    assert data["columns"][0] == {"header": "走访日期", "column": "A", "field": "visited_on"}
    assert data["unmapped"] == ["奇怪的列"]
    assert data["rows_read"] == 2 and data["rows_skipped"] == 0
    issue = next(i for i in data["issues"] if i["code"] == "bad-date")
    assert (issue["row"], issue["column"], issue["field"]) == (3, "A", "visited_on")
    assert issue["message"].startswith("not a date")


def test_inspect_text_clean_file_exit_0(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "export.csv", [r[:4] for r in VISITS[:2]])
    result = runner.invoke(app, ["inspect", str(path)])  # table guessed from the headers
    assert result.exit_code == 0, result.output
    assert "表: 走访记录" in result.stdout and "没有发现问题" in result.stdout
    assert "-> 走访日期" in result.stdout and "visited_on" not in result.stdout
    english = runner.invoke(app, ["inspect", str(path), "--lang", "en"])
    assert "table: visits" in english.stdout and "-> visited_on" in english.stdout


def test_inspect_unusable_exit_2_without_traceback(tmp_path: Path) -> None:
    path = tmp_path / "visits.csv"
    path.write_bytes(b"")
    result = runner.invoke(app, ["inspect", str(path), "--lang", "en"])
    assert result.exit_code == 2
    assert "empty" in result.output and "Traceback" not in result.output
    missing = write_csv(tmp_path / "visits2.csv", [["走访人", "户号"], ["王", "A"]])
    result = runner.invoke(app, ["inspect", str(missing), "--table", "visits", "--format", "json"])
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert "走访日期" in data["error"] and data["columns"][0]["field"] == "worker"


def test_template_reads_back_without_issues(tmp_path: Path) -> None:
    out = tmp_path / "visits-template.xlsx"
    result = runner.invoke(app, ["template", "visits", "-o", str(out)])
    assert result.exit_code == 0, result.output
    wb = load_workbook(out)
    sheet = wb["走访记录"]
    headers = [c.value for c in sheet[1]]
    assert headers[:4] == ["走访编号", "走访日期", "走访人", "户号"]
    assert sheet.freeze_panes == "A2"
    assert "填写说明" in wb.sheetnames and wb["_lists"].sheet_state == "hidden"
    assert any("D2" in str(dv.sqref) or "F2" in str(dv.sqref) for dv in sheet.data_validations.dataValidation)
    assert sheet["B2"].number_format == "yyyy-mm-dd"
    row = {"走访编号": "V1", "走访日期": dt.date(2024, 3, 5), "走访人": "王芳", "户号": "A-1",
           "人群类别": "独居老人", "走访方式": "入户", "走访内容": "健康状况、子女联系方式",
           "发现问题": "", "处理情况": "", "办结日期": None}
    for col, header in enumerate(headers, start=1):
        sheet.cell(row=3, column=col, value=row.get(str(header)))
    wb.save(out)
    result = runner.invoke(app, ["inspect", str(out), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["rows_read"] == 2 and data["issues"] == [] and data["table"] == "visits"
    assert data["rows_skipped"] == 1  # the example row


def test_template_unknown_table_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["template", "nope", "-o", str(tmp_path / "x.xlsx")])
    assert result.exit_code == 2 and "Traceback" not in result.output


def _sample_value(spec: FieldSpec, dictionary: FieldDictionary) -> object:
    if spec.type == "date":
        return dt.date(2024, 3, 5)
    if spec.type == "datetime":
        return dt.datetime(2024, 3, 5, 14, 30)
    if spec.type == "int":
        return 3
    if spec.type == "number":
        return 2.5
    if spec.type == "bool":
        return "是"
    if spec.type == "id_number":
        return "11010119900307757" + id_check_digit("11010119900307757")
    if spec.type == "phone":
        return "13812345678"
    if spec.type == "tags" and spec.vocabulary == "content":
        return "政策宣传、健康状况"
    labels = dictionary.labels_for(spec)
    if labels:
        return next(iter(labels.values()))[0]
    return "样例"


@pytest.mark.parametrize("table", sorted(load_dictionary().tables))
def test_every_template_filled_reads_back_clean(tmp_path: Path, table: str) -> None:
    dictionary = load_dictionary()
    out = write_template(table, tmp_path / f"{table}.xlsx", dictionary)
    wb = load_workbook(out)
    sheet = wb.worksheets[0]
    by_header = {}
    for spec in dictionary.table(table).fields.values():
        for header in (*spec.headers, *(f"{p}" for p in spec.header_prefixes)):
            by_header.setdefault(header, spec)
    for col, cell in enumerate(sheet[1], start=1):
        header = str(cell.value)
        spec = by_header.get(header) or next(
            s for s in dictionary.table(table).fields.values()
            if any(header.startswith(p) for p in s.header_prefixes))
        sheet.cell(row=3, column=col, value=_sample_value(spec, dictionary))  # type: ignore[arg-type]
    wb.save(out)
    with open_table(TableSource(table, out), dictionary) as reader:
        records = list(reader.records())
        assert reader.issues == []
        assert reader.stats.rows_skipped == {"example": 1}
    assert len(records) == 1
    values = records[0].values
    for name in dictionary.table(table).required:
        assert values[name] not in (None, ()), name


def test_visits_template_lists_the_standard_s_content_tags_and_synonyms(tmp_path: Path) -> None:
    out = tmp_path / "visits-template.xlsx"
    assert runner.invoke(app, ["template", "visits", "-o", str(out)]).exit_code == 0
    wb = load_workbook(out)
    notes = {str(r[0]): r for r in wb["填写说明"].iter_rows(values_only=True) if r[0]}
    accepted = str(notes["content"][6])
    assert "政策宣传（宣传政策" in accepted and "沟通交流（有效沟通" in accepted
    assert "就业信息（就业" in accepted and "居家养老和医疗服务" in accepted
    lists = [c.value for col in wb["_lists"].iter_cols() for c in col]
    assert "政策宣传" in lists and "心理疏导" in lists  # the content column's drop-down


def test_inspect_shows_household_spellings_and_their_keys(tmp_path: Path) -> None:
    rows = [["走访日期", "走访人", "户号", "走访内容"]]
    rows += [["2024-03-05", "王芳", f"5栋2单元{r}室", "政策宣传"] for r in (101, 102, 201)]
    rows += [["2024-03-06", "王芳", "五栋二单元一〇一", "政策宣传"], ["2024-03-07", "王芳", "H001", "政策宣传"]]
    path = write_csv(tmp_path / "走访记录.csv", rows)
    result = runner.invoke(app, ["inspect", str(path), "--format", "json"])
    data = json.loads(result.stdout)
    assert data["household_spellings"] == {"household_id": [
        {"example": "5栋2单元101室", "key": "5栋2单元101室"},
        {"example": "H001", "key": None},
        {"example": "五栋二单元一〇一", "key": "5栋2单元101室"},
    ]}
    text = runner.invoke(app, ["inspect", str(path), "--lang", "en"]).stdout
    assert "household spellings (household_id):" in text
    assert "五栋二单元一〇一 -> 5栋2单元101室" in text
    assert "H001 -> (not an address: compared as written)" in text
