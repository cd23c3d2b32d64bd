"""Checklists and profiles the audit's resolver rejects fail validate, where the resolver says
(the key that holds the offending value, on its line)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.validate.conftest import FIXTURES, run_json

CHECKLIST = (FIXTURES / "valid" / "checklist.yaml").read_text(encoding="utf-8")
SECOND = """  - id: A2
    area: A
    title: {zh: 第二, en: Second}
    kind: config_presence
    params: {path: zones}
    points: 0
    scoring: {method: binary}
"""
PROFILE = """kind: profile
schema_version: 1
id: p
title: {zh: 测试, en: Test}
extends: gbt36735-annual
"""
ADDED = """add:
  - id: {id}
    area: {area}
    title: {{zh: 本地, en: Local}}
    kind: config_presence
    params: {{path: zones}}
    points: 1
    scoring: {{method: binary}}
"""


def _resolve_problems(tmp_path: Path, text: str) -> list[tuple[str, int, int]]:
    path = tmp_path / "doc.yaml"
    path.write_text(text, encoding="utf-8")
    code, report = run_json(str(path))
    problems = [(p["code"], p["line"], p["column"]) for p in report["files"][0]["problems"]]
    assert code == (1 if any(p[0] != "yaml11-bool" for p in problems) else 0), problems
    return problems


CASES = {
    "duplicate indicator id": (CHECKLIST + SECOND.replace("A2", "A1"), [("resolve", 21, 5)]),
    "area not in areas": (CHECKLIST + SECOND.replace("area: A", "area: Z"), [("resolve", 22, 5)]),
    "grades out of order": (CHECKLIST.replace("min: 0}", "min: 70}"), [("resolve", 9, 5)]),
    "composite off": (CHECKLIST + "composite: {street: 0.6, resident: 0.5}\n",
                      [("resolve", 21, 1)]),
    "ratio full_at == zero_at": (
        CHECKLIST + SECOND.replace("{method: binary}", "{method: ratio, full_at: 1, zero_at: 1}"),
        [("resolve", 27, 5)]),
    "profile adds an existing id": (PROFILE + ADDED.format(id="A1", area="A"),
                                    [("resolve", 7, 5)]),
    "profile adds to an undefined area": (PROFILE + ADDED.format(id="L1", area="Z"),
                                          [("resolve", 8, 5)]),
    "profile grades not ending at 0": (
        PROFILE + "grades:\n  - {name: 合格, name_en: pass, min: 60}\n"
                  "  - {name: 不合格, name_en: fail, min: 10}\n", [("resolve", 8, 5)]),
    "deselected twice": (PROFILE + "deselect:\n  - {indicator: A1, reason: first}\n"
                                   "  - {indicator: A1, reason: again}\n", [("resolve", 8, 6)]),
    "profile rule reads a field center.yaml lacks": (
        PROFILE + ADDED.format(id="L1", area="A").replace("{path: zones}", "{path: hall.opne_space}"),
        [("resolve", 11, 20)]),
    "profile check compares with a field center.yaml lacks": (
        PROFILE + ADDED.format(id="L1", area="A").replace("config_presence", "config_values")
        .replace("{path: zones}", "{checks: {posts: {path: hall.windows, min_path: hall.windws, "
                                  "title: {zh: 窗口, en: windows}}}}"),
        [("resolve", 11, 61)]),
    "profile param moves a rule to a field center.yaml lacks": (
        PROFILE + "params:\n  A1:\n    path: zonez\n", [("resolve", 8, 11)]),
    "deselected and given points": (PROFILE + "deselect:\n  - {indicator: A1, reason: x}\n"
                                              "points: {A1: 3}\n", [("resolve", 8, 10)]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_resolver_errors_become_problems(tmp_path: Path, name: str) -> None:
    text, expected = CASES[name]
    assert _resolve_problems(tmp_path, text) == expected


def test_valid_documents_still_pass(tmp_path: Path) -> None:
    assert _resolve_problems(tmp_path, CHECKLIST + SECOND) == []
    assert _resolve_problems(tmp_path, PROFILE + ADDED.format(id="L1", area="A")) == []


def test_a_broken_parent_outside_the_run_is_reported_at_extends(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text(CHECKLIST.replace("id: test-mini", "id: base")
                                        + SECOND.replace("A2", "A1"), encoding="utf-8")
    problems = _resolve_problems(tmp_path, PROFILE.replace("gbt36735-annual", "base.yaml"))
    assert problems == [("resolve", 5, 10)]
