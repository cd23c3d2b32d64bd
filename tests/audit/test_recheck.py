"""整改复核 (`audit --previous`): a center audited, part of its data fixed as a center would,
audited again against the first result; and two years of one center."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from typer.testing import CliRunner

from cscaudit.cli.app import app
from tests.audit.contract_center import Table, contract_tables, write_center

runner = CliRunner()
LATE = ("B0000", "B0001", "B0002", "B0003")  # cases closed 20 days after they came in
UNVISITED = ("H001", "H002", "H003")


def _tables(late: tuple[str, ...], unvisited: tuple[str, ...], year: int = 2024) -> dict[str, Table]:
    tables = contract_tables(year)
    ledger = tables["service_ledger"]
    rows = [list(r) for r in ledger.rows]
    for row in rows:
        if row[0] in late:
            row[6] = (dt.date.fromisoformat(row[1]) + dt.timedelta(days=20)).isoformat()
    tables["service_ledger"] = Table(ledger.file, ledger.header, rows)
    visits = tables["visits"]
    tables["visits"] = Table(visits.file, visits.header,
                             [r for r in visits.rows if r[2] not in unvisited])
    return tables


def _audit(center: Path, out: Path, *extra: str) -> Any:
    result = runner.invoke(app, ["audit", str(center), "--json", str(out.with_suffix(".json")),
                                 "-o", str(out.with_suffix(".xlsx")), *extra])
    assert result.exit_code in (0, 1), result.output
    return result


def _states(path: Path) -> dict[tuple[str, str], tuple[str, int, int]]:
    items = json.loads(path.read_text("utf-8"))["recheck"]["items"]
    return {(i["indicator"], i["message"]): (i["state"], i["before"], i["left"]) for i in items}


def test_recheck_marks_every_earlier_finding_and_the_new_ones(tmp_path: Path) -> None:
    center = write_center(tmp_path / "center", _tables(LATE, UNVISITED))
    _audit(center, tmp_path / "first")
    # the center rectifies: two late cases corrected, the three households visited; but a
    # household is no longer visited at all
    write_center(center, _tables(LATE[2:], ("H010",)))
    second = _audit(center, tmp_path / "second", "--previous", str(tmp_path / "first.json"))
    states = _states(tmp_path / "second.json")
    by_indicator: dict[str, list[tuple[str, int, int]]] = {}
    for (indicator, _), state in states.items():
        by_indicator.setdefault(indicator, []).append(state)
    assert by_indicator["C1"] == [("partly_fixed", 4, 2)]
    assert sorted(by_indicator["D2"]) == [("fixed", 3, 0), ("fixed", 3, 0), ("new", 0, 1)]
    assert by_indicator["F3"] == [("not_fixed", 1, 1)]  # no drill, before and after
    assert all(state == "not_fixed" for state, _, _ in by_indicator["A2"])
    data = json.loads((tmp_path / "second.json").read_text("utf-8"))
    assert data["recheck"]["counts"]["partly_fixed"] == 1 and data["recheck"]["counts"]["new"] == 1
    assert data["recheck"]["previous"]["file"] == "first.json" and not data["recheck"]["year_on_year"]
    assert "整改复核" in second.output and "部分整改" in second.output
    sheet = load_workbook(tmp_path / "second.xlsx")["整改复核"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    c1 = next(r for r in rows if r[0] == "C1")
    assert c1[4:7] == [4, 2, "部分整改"]
    assert any(r[0] == "D2" and r[6] == "新发现" and r[5] == 1 for r in rows)


def test_a_fix_claimed_but_not_made_stays_not_fixed(tmp_path: Path) -> None:
    center = write_center(tmp_path / "center", _tables(LATE, ()))
    _audit(center, tmp_path / "first")
    _audit(center, tmp_path / "second", "--previous", str(tmp_path / "first.json"))
    states = _states(tmp_path / "second.json")
    assert {s for (i, _), s in states.items() if i == "C1"} == {("not_fixed", 4, 4)}
    assert all(state != "fixed" for state, _, _ in states.values())


def test_another_centers_result_is_refused(tmp_path: Path) -> None:
    other = write_center(tmp_path / "other", _tables((), ()), center_id="other-center")
    _audit(other, tmp_path / "other")
    center = write_center(tmp_path / "center", _tables((), ()))
    result = runner.invoke(app, ["audit", str(center), "--no-xlsx", "--previous",
                                 str(tmp_path / "other.json")])
    assert result.exit_code == 2 and "other-center" in result.output
    assert "Traceback" not in result.output


def test_a_different_checklist_version_is_said_and_shared_indicators_compared(tmp_path: Path) -> None:
    center = write_center(tmp_path / "center", _tables(LATE, ()))
    _audit(center, tmp_path / "first")
    earlier = json.loads((tmp_path / "first.json").read_text("utf-8"))
    earlier["checklist"] = "gbt36735-annual@2023.1"
    earlier["indicators"] = [i for i in earlier["indicators"] if i["id"] != "C1"]
    (tmp_path / "first.json").write_text(json.dumps(earlier, ensure_ascii=False), "utf-8")
    _audit(center, tmp_path / "second", "--previous", str(tmp_path / "first.json"))
    recheck = json.loads((tmp_path / "second.json").read_text("utf-8"))["recheck"]
    assert "gbt36735-annual@2023.1" in recheck["notes"][0]
    assert recheck["compared_indicators"] == len(earlier["indicators"])
    assert all(i["indicator"] != "C1" for i in recheck["items"])


def test_previous_cannot_be_overwritten_and_must_be_a_result(tmp_path: Path) -> None:
    center = write_center(tmp_path / "center", _tables((), ()))
    _audit(center, tmp_path / "first")
    before = (tmp_path / "first.json").read_bytes()
    result = runner.invoke(app, ["audit", str(center), "--no-xlsx", "--json",
                                 str(tmp_path / "first.json"), "--previous", str(tmp_path / "first.json")])
    assert result.exit_code == 2 and "覆盖" in result.output
    assert (tmp_path / "first.json").read_bytes() == before
    (tmp_path / "junk.json").write_text('{"center": {"id": "contract-center"}}', "utf-8")
    result = runner.invoke(app, ["audit", str(center), "--no-xlsx", "--previous",
                                 str(tmp_path / "junk.json")])
    assert result.exit_code == 2 and "junk.json" in result.output and "Traceback" not in result.output


def test_year_on_year_shows_last_year_beside_this_year(tmp_path: Path) -> None:
    last = write_center(tmp_path / "2023", _tables(LATE, UNVISITED, 2023), year=2023)
    _audit(last, tmp_path / "y2023")
    now = write_center(tmp_path / "2024", _tables((), (), 2024), year=2024)
    _audit(now, tmp_path / "y2024", "--previous", str(tmp_path / "y2023.json"))
    before = json.loads((tmp_path / "y2023.json").read_text("utf-8"))["score"]
    after = json.loads((tmp_path / "y2024.json").read_text("utf-8"))
    assert after["recheck"]["year_on_year"] is True
    assert after["recheck"]["total_delta"] == round(after["score"]["total"] - before["total"], 2)
    overview = load_workbook(tmp_path / "y2024.xlsx")["总览"]
    rows = [[c.value for c in row] for row in overview.iter_rows()]
    start = next(n for n, r in enumerate(rows) if r[0] == "与上年对照")
    assert rows[start + 1][:3] == ["年度", "2023", "2024"]
    assert rows[start + 2][1:3] == [before["total"], after["score"]["total"]]
    assert rows[start + 3][1] == before["grade"]
    areas = {r[0]: r[1:3] for r in rows[start + 5:start + 5 + len(before["areas"])]}
    assert areas["服务大厅办件"] == [a["score"] for a in before["areas"] if a["area"] == "C"] + [
        a["score"] for a in after["score"]["areas"] if a["area"] == "C"]
    charts = getattr(overview, "_charts", [])  # openpyxl keeps a sheet's charts only here
    assert any(len(chart.series) == 2 for chart in charts)


def _fill_rectification(scorecard: Path, out: Path) -> Path:
    """The center fills its 整改清单 (this branch's layout: 序号 … 扣分 on an indicator's first
    row only, evidence sample and link cells, a 合计扣分 SUM row under the table): C1 claimed
    fixed (it was not), D2 past its deadline, an A-row's problem text rewritten, a row for an
    indicator that does not exist, a row added with no indicator, and a deadline nobody can
    read."""
    wb = load_workbook(scorecard)
    ws = wb["整改清单"]
    header = {str(c.value): c.column for c in ws[1] if c.value}
    col = {k: header[k] for k in ("指标", "问题", "责任人", "整改期限", "完成情况")}
    by_indicator: dict[str, int] = {}
    for row in range(2, ws.max_row + 1):
        by_indicator.setdefault(str(ws.cell(row=row, column=col["指标"]).value), row)
    fills: dict[str, tuple[str, dt.date | str]] = {"C1": ("已整改", dt.date(2025, 3, 31)), "D2": ("整改中", dt.date(2020, 1, 31)),
             "A2": ("整改中", dt.date(2099, 1, 31)), "A3": ("未整改", "下个月")}
    for indicator, (status, deadline) in fills.items():
        row = by_indicator[indicator]
        ws.cell(row=row, column=col["完成情况"], value=status)
        ws.cell(row=row, column=col["整改期限"], value=deadline)
        ws.cell(row=row, column=col["责任人"], value="王主任")
    ws.cell(row=by_indicator["A2"], column=col["问题"], value="已张贴部分上墙内容")
    extra = ws.max_row + 1
    ws.cell(row=extra, column=col["指标"], value="Z9")
    ws.cell(row=extra, column=col["完成情况"], value="已整改")
    ws.cell(row=extra + 1, column=col["问题"], value="门口台阶已修")
    ws.cell(row=extra + 1, column=col["完成情况"], value="已整改")
    wb.save(out)
    return out


def test_filled_rectification_list_claiming_a_fix_not_made(tmp_path: Path) -> None:
    center = write_center(tmp_path / "center", _tables(LATE, UNVISITED))
    _audit(center, tmp_path / "first")
    filled = _fill_rectification(tmp_path / "first.xlsx", tmp_path / "整改清单.xlsx")
    second = _audit(center, tmp_path / "second", "--rectification", str(filled))
    rows = json.loads((tmp_path / "second.json").read_text("utf-8"))["rectification"]["rows"]
    verdicts: dict[str, str] = {}
    for r in rows:  # the first row of each indicator is the one filled in
        verdicts.setdefault(r["indicator"], r["verdict"])
    assert verdicts["C1"] == "false_claim"
    assert verdicts["D2"] == "overdue"
    assert verdicts["A2"] == "edited" and verdicts["A3"] == "unreadable"
    assert verdicts["Z9"] == "unknown"
    assert [r["verdict"] for r in rows if not r["indicator"]] == ["unknown"]  # no 指标: reported
    assert [r["indicator"] for r in rows if r["verdict"] == "edited"] == ["A2"]  # merged rows match
    sheet_rows = list(load_workbook(filled)["整改清单"].iter_rows(min_row=2, values_only=True))
    total_rows = [r for r in sheet_rows if r[2] == "合计扣分"]
    assert len(total_rows) == 1 and isinstance(total_rows[0][3], str)  # the SUM formula
    assert total_rows[0][3].startswith("=SUM(")
    assert len(rows) == len(sheet_rows) - 1  # every row reported but the SUM row
    assert "整改不实" in second.output and "逾期未整改" in second.output
    sheet = load_workbook(tmp_path / "second.xlsx")["整改清单核查"]
    found = [(row[1], row[6]) for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert ("C1", "整改不实") in found and ("Z9", "未知指标") in found


def test_overdue_is_judged_on_the_as_of_day_and_reruns_are_identical(tmp_path: Path) -> None:
    """A2 is filled 整改中 with 整改期限 2099-01-31: open the day before, overdue the day after;
    the day is recorded in the JSON, so the same --as-of gives the same bytes."""
    center = write_center(tmp_path / "center", _tables(LATE, UNVISITED))
    _audit(center, tmp_path / "first")
    filled = _fill_rectification(tmp_path / "first.xlsx", tmp_path / "整改清单.xlsx")

    def verdict(name: str, day: str) -> tuple[str, str]:
        _audit(center, tmp_path / name, "--rectification", str(filled), "--as-of", day)
        section = json.loads((tmp_path / f"{name}.json").read_text("utf-8"))["rectification"]
        first_a2 = next(r for r in section["rows"] if r["indicator"] == "A2")
        return section["as_of"], first_a2["deadline"]

    assert verdict("before", "2099-01-30") == ("2099-01-30", "2099-01-31")
    before = json.loads((tmp_path / "before.json").read_text("utf-8"))["rectification"]
    assert before["counts"]["overdue"] == 1  # D2 only (its deadline is 2020-01-31)
    verdict("after", "2099-02-01")
    after = json.loads((tmp_path / "after.json").read_text("utf-8"))["rectification"]
    assert after["counts"]["overdue"] == 2  # D2, and now the row due 2099-01-31
    assert any(r["verdict"] == "overdue" and r["deadline"] == "2099-01-31" for r in after["rows"])
    verdict("again", "2099-02-01")
    assert (tmp_path / "again.json").read_bytes() == (tmp_path / "after.json").read_bytes()
    bad = runner.invoke(app, ["audit", str(center), "--no-xlsx", "--rectification", str(filled),
                              "--as-of", "31/01/2099"])
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output


def test_a_center_rechecked_against_itself_is_unchanged(tmp_path: Path) -> None:
    """Beijing's D4 lists 83 open issues of 75 households (a household can have two): every
    row is told apart by its date, so nothing reads as 部分整改 when nothing changed."""
    beijing = Path(__file__).parents[2] / "samples" / "centers" / "beijing-changping-xinyuan"
    first = runner.invoke(app, ["audit", str(beijing), "--no-xlsx", "-q",
                                "--json", str(tmp_path / "first.json")])
    assert first.exit_code in (0, 1), first.output
    again = runner.invoke(app, ["audit", str(beijing), "--no-xlsx", "-q", "--json",
                                str(tmp_path / "again.json"), "--previous",
                                str(tmp_path / "first.json")])
    assert again.exit_code in (0, 1), again.output
    states = _states(tmp_path / "again.json")
    assert states and {s for s, _, _ in states.values()} == {"not_fixed"}
    assert all(before == left for _, before, left in states.values())
    d4 = [v for (indicator, _), v in states.items() if indicator == "D4"]
    assert d4 and d4[0][1] > 75  # more rows than households: the case that broke
