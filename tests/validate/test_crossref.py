"""Cross-reference checks beyond the fixture table: params, extends by file, event classes."""

from __future__ import annotations

from pathlib import Path

from tests.validate.conftest import FIXTURES, run_json

PROFILE = """kind: profile
schema_version: 1
id: {id}
title: {{zh: 测试, en: Test}}
extends: {extends}
"""


def _problems(*paths: Path) -> list[tuple[str, str, int, int]]:
    _, report = run_json(*map(str, paths))
    return [(Path(f["path"]).name, p["code"], p["line"], p["column"])
            for f in report["files"] for p in f["problems"]]


def test_measure_params_are_checked_against_the_kind_schema(tmp_path: Path) -> None:
    text = (FIXTURES / "valid" / "checklist.yaml").read_text(encoding="utf-8")
    bad = text.replace("params: {path: zones, catalogue: zones, required: [service_hall]}",
                       "params:\n      path: zones\n      requird: [service_hall]")
    (tmp_path / "c.yaml").write_text(bad, encoding="utf-8")
    code, report = run_json(str(tmp_path / "c.yaml"))
    assert code == 1
    [problem] = report["files"][0]["problems"]
    assert (problem["code"], problem["line"], problem["column"]) == ("bad-params", 20, 7)
    assert "config_presence params: unknown key 'requird'; did you mean 'required'?" in \
        problem["message"]


def test_a_catalogue_the_standard_does_not_have_is_refused(tmp_path: Path) -> None:
    """config_presence names its catalogue: a misspelt one would silently name nothing and
    require nothing, so validate refuses it at its line."""
    text = (FIXTURES / "valid" / "checklist.yaml").read_text(encoding="utf-8")
    bad = text.replace("params: {path: zones, catalogue: zones, required: [service_hall]}",
                       "params: {path: zones, catalogue: zonez, required: [service_hall]}")
    assert bad != text
    (tmp_path / "c.yaml").write_text(bad, encoding="utf-8")
    code, report = run_json(str(tmp_path / "c.yaml"))
    assert code == 1
    [problem] = report["files"][0]["problems"]
    assert problem["code"] == "bad-params"
    assert "'zonez' is not an allowed value" in problem["message"]
    assert "did you mean 'zones'?" in problem["message"]


def test_profile_params_are_merged_then_checked(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(PROFILE.format(id="p", extends="gbt36735-annual")
                    + "params:\n  A1:\n    required: not-a-list\n", encoding="utf-8")
    assert _problems(path) == [("p.yaml", "bad-params", 8, 15)]


def test_extends_resolves_to_a_profile_next_to_it_by_id_and_by_file(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text(PROFILE.format(id="local-base", extends="gbt36735-annual")
                                        + "add:\n  - id: L1\n    area: A\n    title: {zh: 本地, en: Local}\n"
                                          "    kind: config_presence\n    params: {path: zones}\n"
                                          "    points: 1\n    scoring: {method: binary}\n",
                                        encoding="utf-8")
    by_id = tmp_path / "by_id.yaml"
    by_id.write_text(PROFILE.format(id="by-id", extends="local-base") + "points: {L1: 2, A1: 3}\n",
                     encoding="utf-8")
    by_file = tmp_path / "sub" / "by_file.yaml"
    by_file.parent.mkdir()
    by_file.write_text(PROFILE.format(id="by-file", extends="../base.yaml")
                       + "points: {L2: 2}\n", encoding="utf-8")
    assert _problems(by_id, by_file) == [("by_file.yaml", "unknown-indicator", 6, 10)]


def test_unknown_event_class_in_a_plan(tmp_path: Path) -> None:
    text = (FIXTURES / "valid" / "plans" / "flood.yaml").read_text(encoding="utf-8")
    path = tmp_path / "plan.yaml"
    path.write_text(text.replace("classes: [自然灾害]", "classes: [自然灾难, 停电]"),
                    encoding="utf-8")
    code, report = run_json(str(path))
    assert code == 1
    [problem] = report["files"][0]["problems"]
    assert (problem["code"], problem["line"], problem["column"]) == ("unknown-event-class", 4, 11)
    assert "'自然灾难'" in problem["message"]


def test_inline_plan_in_center_gets_its_sections_checked(tmp_path: Path) -> None:
    text = (FIXTURES / "valid" / "center.yaml").read_text(encoding="utf-8")
    inline = text.replace("  - file: plans/flood.yaml\n",
                          "  - title: 内嵌预案\n    classes: [停电]\n    sections:\n"
                          "      - title: 总则\n")
    path = tmp_path / "center.yaml"
    path.write_text(inline, encoding="utf-8")
    problems = _problems(path)
    assert problems and {p[1] for p in problems} == {"plan-missing-section"}
    assert {(p[2], p[3]) for p in problems} == {(21, 5)}


def test_an_extends_cycle_is_an_error_not_a_hang(tmp_path: Path) -> None:
    (tmp_path / "p1.yaml").write_text(PROFILE.format(id="p1", extends="p2"), encoding="utf-8")
    (tmp_path / "p2.yaml").write_text(PROFILE.format(id="p2", extends="p1"), encoding="utf-8")
    assert _problems(tmp_path) == [("p1.yaml", "extends-cycle", 5, 10),
                                   ("p2.yaml", "extends-cycle", 5, 10)]


def test_a_document_without_kind_says_so(tmp_path: Path) -> None:
    (tmp_path / "list.yaml").write_text("- a\n- b\n", encoding="utf-8")
    _, report = run_json(str(tmp_path / "list.yaml"))
    [problem] = report["files"][0]["problems"]
    assert problem["code"] == "kind" and "declares no kind" in problem["message"]
