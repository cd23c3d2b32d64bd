"""No grade from incomplete or mistaken input (issue 10, section 3), on a center built to the
contract: one renamed column, one empty table, visits withheld from a center that would be
vetoed, a wrong year, a checklist given as a profile; each asserts the verdict and the exit
code through the CLI, and that the outputs still say why."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from cscaudit.cli.app import app
from cscaudit.results.model import INCOMPLETE_GRADE
from tests.audit.contract_center import Table, contract_tables, fabricated_visits, write_center

runner = CliRunner()


def _audit(center: Path, tmp_path: Path, *args: str) -> tuple[int, str, dict[str, Any] | None]:
    out = tmp_path / "result.json"
    result = runner.invoke(app, ["audit", str(center), "--json", str(out),
                                 "-o", str(tmp_path / "card.xlsx"), *args])
    data = json.loads(out.read_text(encoding="utf-8")) if out.exists() else None
    return result.exit_code, _flat(result.output), data


def _flat(text: str) -> str:
    """Console text without whitespace: the terminal wraps long lines at spaces."""
    return re.sub(r"\s+", "", text)


def _overview(tmp_path: Path) -> list[str]:
    ws = load_workbook(tmp_path / "card.xlsx")["总览"]
    return [str(c) for row in ws.iter_rows(values_only=True) for c in row if c is not None]


def _audit_without(table: str, tmp_path: Path, *args: str) -> tuple[int, str, dict[str, Any]]:
    """Audit the contract center without one of its exports; the JSON must be written."""
    tables = contract_tables()
    del tables[table]
    code, output, data = _audit(write_center(tmp_path / "c", tables), tmp_path, *args)
    assert data is not None, output
    return code, output, data


def _profile(folder: Path, profile_id: str, body: str) -> Path:
    """A profile on the default checklist: `body` is its YAML after the header."""
    path = folder / f"{profile_id}.yaml"
    path.write_text(f"kind: profile\nschema_version: 1\nid: {profile_id}\nversion: '1'\n"
                    f"title: {{zh: {profile_id}, en: {profile_id}}}\nextends: gbt36735-annual\n"
                    f"source: inferred\n{body}", encoding="utf-8")
    return path


def _causes(data: dict[str, Any]) -> list[tuple[str, str | None]]:
    return [(c["code"], c["table"]) for c in data["completeness"]["causes"]]


def test_the_contract_center_is_complete_and_graded(tmp_path: Path) -> None:
    code, output, data = _audit(write_center(tmp_path / "c", contract_tables()), tmp_path)
    assert code == 0, output
    assert data is not None
    assert data["completeness"]["complete"] is True
    assert data["completeness"]["required_tables"] == ["roster", "visits", "service_ledger",
                                                       "staff"]
    assert data["score"]["grade"] == "基本合格"
    assert data["score"]["provisional"] is False
    assert INCOMPLETE_GRADE not in output


def test_a_renamed_required_column_withholds_the_grade(tmp_path: Path) -> None:
    tables = contract_tables()
    visits = tables["visits"]
    tables["visits"] = Table(visits.file, ["日期", *visits.header[1:]], visits.rows)
    code, output, data = _audit(write_center(tmp_path / "c", tables), tmp_path)
    assert code == 2
    assert data is not None  # the outputs are written, so the inspector sees why
    assert data["score"]["grade"] == INCOMPLETE_GRADE
    assert data["score"]["provisional"] is True
    assert data["completeness"]["complete"] is False
    [cause] = data["completeness"]["causes"]
    assert (cause["code"], cause["table"], cause["file"]) == ("unreadable", "visits",
                                                              "exports/走访记录.csv")
    assert "走访日期" in cause["what"]
    assert INCOMPLETE_GRADE in output and "（暂定）" in output
    assert "exports/走访记录.csv" in output and "走访日期" in output
    cells = _overview(tmp_path)
    assert any(c.startswith("无法评定等级，待补正") for c in cells)
    assert any(c.startswith("exports/走访记录.csv：") and "走访日期" in c for c in cells)
    assert INCOMPLETE_GRADE in cells


def test_an_empty_required_table_withholds_the_grade(tmp_path: Path) -> None:
    tables = contract_tables()
    ledger = tables["service_ledger"]
    tables["service_ledger"] = Table(ledger.file, ledger.header, [])
    code, output, data = _audit(write_center(tmp_path / "c", tables), tmp_path, "--lang", "en")
    assert code == 2
    assert data is not None
    assert data["score"]["grade"] == "no grade (inputs incomplete)"
    assert _causes(data) == [("empty-table", "service_ledger")]
    assert "holds no record" in data["completeness"]["causes"][0]["what"]
    assert "exports/办件台账.csv" in output and "holdsnorecord" in output


def test_withholding_the_visits_never_turns_a_veto_into_a_pass(tmp_path: Path) -> None:
    tables = contract_tables()
    tables["visits"] = fabricated_visits(tables["visits"])
    center = write_center(tmp_path / "with", tables)
    # the signs are 疑点 until the street's phone verification (R2) confirms them
    (center / "inspection-findings.yaml").write_text(
        "kind: inspection-findings\nschema_version: 1\ncenter: contract-center\n"
        "inspected_on: 2025-01-10\nresults:\n  - {indicator: R2, result: fail}\n", encoding="utf-8")
    code, _, vetoed = _audit(center, tmp_path / "with")
    assert code == 0
    assert vetoed is not None
    v1 = next(i for i in vetoed["indicators"] if i["id"] == "V1")
    assert v1["outcome"] == "fail" and vetoed["score"]["grade"] == "不合格"
    assert vetoed["score"]["veto"] == "applied"

    del tables["visits"]
    code, output, data = _audit(write_center(tmp_path / "without", tables),
                                tmp_path / "without")
    assert code == 2
    assert data is not None
    assert data["score"]["grade"] == INCOMPLETE_GRADE
    assert data["score"]["grade"] not in ("合格", "基本合格", "良好", "优秀")
    assert ("missing-table", "visits") in _causes(data)
    assert "未找到走访记录（visits）的导出文件" in output


def test_an_absent_optional_table_is_stated_not_dropped_silently(tmp_path: Path) -> None:
    code, output, data = _audit_without("activities", tmp_path)
    assert code == 0
    assert data["completeness"]["complete"] is True
    assert "未提供 社区重大活动：E 区不计分" in data["completeness"]["notes"]
    assert _flat("未提供 社区重大活动：E 区不计分") in output
    assert "未提供 社区重大活动：E 区不计分" in _overview(tmp_path)
    e1 = next(i for i in data["indicators"] if i["id"] == "E1")
    assert e1["outcome"] == "not_applicable"


def test_a_profile_may_change_the_required_tables(tmp_path: Path) -> None:
    profile = _profile(tmp_path, "no-visits", "required_tables: [roster, service_ledger, staff]\n")
    code, output, data = _audit_without("visits", tmp_path, "--profile", str(profile))
    assert code == 0, output
    assert data["completeness"]["complete"] is True, data["completeness"]
    assert data["completeness"]["required_tables"] == ["roster", "service_ledger", "staff"]
    assert any(n.startswith("未提供 走访记录") for n in data["completeness"]["notes"])
    shown = runner.invoke(app, ["checklist", "resolve", "--profile", str(profile)])
    assert "必须提供的表：roster、service_ledger、staff（" in shown.output
    assert "no-visits.yaml" in shown.output.split("必须提供的表")[1].splitlines()[0]


@pytest.mark.parametrize(("args", "expected"), [
    (["--year", "2025"], "导出记录均在 2024 年，考核年度 2025 年没有记录：是否应为 --year 2024？"),
    ([], "center.yaml 的考核年度 2023 年没有记录"),
], ids=["--year", "center.yaml-year"])
def test_a_year_without_records_is_an_input_error(tmp_path: Path, args: list[str],
                                                  expected: str) -> None:
    center = write_center(tmp_path / "c", contract_tables(), year=2025 if args else 2023)
    code, output, data = _audit(center, tmp_path, *args)
    assert code == 2
    assert _flat(expected) in output
    assert data is None and not (tmp_path / "card.xlsx").exists()
    assert "Traceback" not in output


@pytest.mark.parametrize(("args", "expected"), [
    (["--profile", "gbt36735-annual"], "是否应为 --checklist gbt36735-annual？"),
    (["--checklist", "four-grades"], "是否应为 --profile four-grades？"),
    (["--profile", "four-grade"], "是否应为 “four-grades”？"),
], ids=["checklist-as-profile", "profile-as-checklist", "typo"])
def test_a_checklist_and_a_profile_mixed_up_is_a_usage_error(
        tmp_path: Path, args: list[str], expected: str) -> None:
    code, output, data = _audit(write_center(tmp_path / "c", contract_tables()), tmp_path, *args)
    assert code == 2
    assert _flat(expected) in output
    assert data is None


def test_nothing_to_score_is_an_error_not_a_fail(tmp_path: Path) -> None:
    from cscaudit.checklist.resolution import resolve

    ids = [s.id for s in resolve().indicators]
    profile = _profile(tmp_path, "nothing", "deselect:\n" + "".join(
        f"  - {{indicator: {i}, reason: 测试}}\n" for i in ids))
    code, output, data = _audit(write_center(tmp_path / "c", contract_tables()), tmp_path,
                                "--profile", str(profile))
    assert code == 2
    assert data is not None
    assert data["score"]["grade"] == INCOMPLETE_GRADE != "不合格"
    assert _causes(data) == [("no-points", None)]
    assert "计分满分为0" in output


def test_a_measure_can_declare_the_result_incomplete(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """`completeness.declare` is how a measure (say, a household link rate too low for the
    visit indicators) withholds the grade: once per cause, with its table and id."""
    from types import ModuleType

    from cscaudit.facts import Facts
    from cscaudit.facts.frames import Tables
    from cscaudit.i18n import t
    from cscaudit.measures import registry, roster_coverage
    from cscaudit.measures.base import IndicatorSpec
    from cscaudit.measures.completeness import declare
    from cscaudit.results.context import AuditContext
    from cscaudit.results.model import Measurement

    def declaring(spec: IndicatorSpec, tables: Tables, facts: Facts,
                  ctx: AuditContext) -> Measurement:
        m = roster_coverage.measure(spec, tables, facts, ctx)
        for _ in range(2):  # declared twice, listed once
            m = declare(m, t("走访记录与名册的户号关联率仅 12%",
                             "only 12% of visits link to a household"),
                        t("统一户号后重新导出", "use one household id and export again"),
                        table="visits", indicator=spec.id)
        return m

    kind = ModuleType("roster_coverage")
    kind.ID, kind.TABLES = roster_coverage.ID, roster_coverage.TABLES  # type: ignore[attr-defined]
    kind.PARAMS_SCHEMA = roster_coverage.PARAMS_SCHEMA  # type: ignore[attr-defined]
    kind.reads = roster_coverage.reads  # type: ignore[attr-defined]
    kind.measure = declaring  # type: ignore[attr-defined]
    monkeypatch.setitem(registry.REGISTRY, "roster_coverage", kind)

    code, output, data = _audit(write_center(tmp_path / "c", contract_tables()), tmp_path)
    assert code == 2
    assert data is not None
    assert data["score"]["grade"] == INCOMPLETE_GRADE
    assert data["completeness"]["causes"] == [{
        "code": "declared", "what": "走访记录与名册的户号关联率仅 12%",
        "todo": "统一户号后重新导出", "table": "visits", "file": None, "indicator": "D1"}]
    assert "走访记录与名册的户号关联率仅12%" in output


def test_a_veto_that_cannot_be_judged_withholds_the_grade(tmp_path: Path) -> None:
    """An indicator whose optional table is absent is not applicable, except a veto: a veto
    left unjudged must not let the center pass, so the result is incomplete instead."""
    profile = _profile(tmp_path, "veto-on-activities", "add:\n"
        "  - id: V9\n    area: V\n    title: {zh: 活动安全预案, en: activity safety plans}\n"
        "    kind: rate\n    params: {table: activities, field: safety_plan}\n"
        "    points: 0\n    scoring: {method: veto, threshold: 1}\n    severity: critical\n")
    code, output, data = _audit_without("activities", tmp_path, "--profile", str(profile))
    assert code == 2, output
    outcomes = {i["id"]: i["outcome"] for i in data["indicators"]}
    assert outcomes["E1"] == "not_applicable" and outcomes["V9"] == "error"
    assert _causes(data) == [("indicator-error", None)]
    assert data["completeness"]["causes"][0]["indicator"] == "V9"
    assert data["score"]["grade"] == INCOMPLETE_GRADE
