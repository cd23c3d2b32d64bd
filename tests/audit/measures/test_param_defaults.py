"""A parameter's default lives in its kind's PARAMS_SCHEMA only: resolution fills it in and the
kinds read `spec.params[name]`, never `.get(name, <a second copy of the default>)`."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import cscaudit
from cscaudit.checklist.resolution import resolve
from cscaudit.measures import drill_frequency, ledger_integrity
from cscaudit.measures.params import default_paths, fill_defaults

PACKAGE = Path(cscaudit.__file__).parent
SCANNED = [*sorted((PACKAGE / "measures").rglob("*.py")),
           PACKAGE / "scoring" / "workers.py"]


def _params_names(tree: ast.AST) -> set[str]:
    """Names bound to an expression that mentions params (`p = spec.params`)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and "params" in ast.unparse(node.value):
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        elif isinstance(node, ast.arg) and "params" in node.arg:
            names.add(node.arg)
    return names


def defaulted_reads(source: str) -> list[str]:
    """`X.get(key, default)` calls whose X is a measure's params (`spec.params`, `p`, ...)."""
    tree = ast.parse(source)
    names = _params_names(tree)
    found = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == "get" and len(node.args) + len(node.keywords) >= 2):
            receiver = node.func.value
            if "params" in ast.unparse(receiver) or (isinstance(receiver, ast.Name)
                                                     and receiver.id in names):
                found.append(f"{node.lineno}: {ast.unparse(node)}")
    return found


def test_the_scan_catches_a_repeated_default() -> None:
    assert defaulted_reads("def f(spec):\n    return spec.params.get('min_drills', 1)\n")
    assert defaulted_reads("def f(spec):\n    p = spec.params\n    return p.get('k', 2)\n")
    assert defaulted_reads("def f(case_params):\n    return case_params.get('k', 2)\n")
    assert not defaulted_reads("def f(spec, v):\n    return spec.params['k'], v.get('k', 1)\n")


@pytest.mark.parametrize("path", SCANNED, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_measure_repeats_a_schema_default(path: Path) -> None:
    assert defaulted_reads(path.read_text(encoding="utf-8")) == []


def test_fill_defaults_fills_nested_objects_given() -> None:
    params = {"checks": {"visit_dates": {"grace_days": 5}}}
    filled = fill_defaults(ledger_integrity.PARAMS_SCHEMA, params)
    assert filled["checks"]["visit_dates"] == {"grace_days": 5, "min_rows": 3}
    assert filled["confirmed_by"] == ["R1", "R2"] and filled["widespread_checks"] == 2
    assert "worker_daily_load" not in filled["checks"]  # an object not given stays out
    assert params == {"checks": {"visit_dates": {"grace_days": 5}}}  # not changed in place
    assert set(default_paths(ledger_integrity.PARAMS_SCHEMA, params)) == {
        "checks/visit_dates/min_rows", "confirmed_by", "widespread_share", "widespread_checks"}


def test_a_kinds_default_reaches_the_resolved_spec(tmp_path: Path) -> None:
    checklist = tmp_path / "c.yaml"
    checklist.write_text("""\
kind: checklist
schema_version: 1
id: defaults
version: "1"
title: {zh: 默认值, en: defaults}
standard: GB/T 36735-2018
max_points: 10
grades: [{name: 合格, name_en: pass, min: 0}]
composite: {street: 1}
areas: [{id: A, title: {zh: 甲, en: A}, points: 10}]
indicators:
  - id: A1
    area: A
    title: {zh: 演练, en: drills}
    kind: drill_frequency
    params: {}
    param_sources:
      min_drills: {source: inferred, confidence: inferred}
    points: 10
    scoring: {method: deduct, per_defect: 1}
""", encoding="utf-8")
    spec = resolve(checklist).indicator("A1")
    defaults = drill_frequency.PARAMS_SCHEMA["properties"]
    assert spec.params == {"min_drills": defaults["min_drills"]["default"],
                           "record_fields": defaults["record_fields"]["default"]}
    assert spec.param_defaults == ("min_drills", "record_fields")


def test_the_shipped_ledger_check_gets_its_nested_defaults() -> None:
    spec = resolve("gbt36735-annual").indicator("V1")
    pasted = spec.params["checks"]["pasted_content"]
    assert pasted["min_repeats"] == 30  # written by the checklist
    assert pasted["worker_min_repeats"] == 10  # the kind's default
    assert "checks/pasted_content/worker_min_repeats" in spec.param_defaults
    assert "checks/pasted_content/min_repeats" not in spec.param_defaults
