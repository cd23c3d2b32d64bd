"""Every reporter, on one run with errors, warnings and an unreadable file; parsed back."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest

from cscaudit.validate.engine import validate_paths
from cscaudit.validate.reporters import REPORTERS, ReportOptions
from cscaudit.validate.result import ValidationResult
from tests.validate.conftest import FIXTURES

FILES = ["yaml11_bool.yaml", "unknown_key.yaml", "empty.yaml", "plan_missing_section.yaml"]


@pytest.fixture(scope="module")
def result() -> ValidationResult:
    names = [str(FIXTURES / "invalid" / n) for n in FILES] + [str(FIXTURES / "valid")]
    return validate_paths(names)


def test_registry_lists_every_format() -> None:
    assert sorted(REPORTERS) == ["github", "json", "junit", "sarif", "text"]


def test_text_lines_and_summary(result: ValidationResult) -> None:
    out = REPORTERS["text"](result, "en", ReportOptions())
    lines = out.splitlines()
    assert any(re.fullmatch(r".*unknown_key\.yaml:7:1: error \[schema\] unknown key 'amenites'.*"
                            r"\(/amenites\)", line) for line in lines)
    assert any("yaml11_bool.yaml:4:7: warning [yaml11-bool]" in line for line in lines)
    assert lines[-1] == "checked 9 files: 3 with errors; 3 errors, 4 warnings"
    assert "\x1b[" not in out
    zh = REPORTERS["text"](result, "zh", ReportOptions())
    assert "错误 [schema] 未知的键 “amenites”" in zh
    assert zh.splitlines()[-1] == "检查了 9 个文件：3 个文件有问题，共 3 个错误、4 个警告"


def test_text_colour_only_when_asked(result: ValidationResult) -> None:
    assert "\x1b[" in REPORTERS["text"](result, "en", ReportOptions(color=True))


def test_text_quiet_drops_warnings(result: ValidationResult) -> None:
    out = REPORTERS["text"](result, "en", ReportOptions(quiet=True))
    assert "warning [" not in out
    assert "error [schema]" in out


def test_json_is_stable_and_sorted(result: ValidationResult) -> None:
    out = REPORTERS["json"](result, "en", ReportOptions())
    assert out == REPORTERS["json"](validate_paths([f.path for f in result.files]), "en",
                                    ReportOptions())
    data = json.loads(out)
    assert out == json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2) + "\n"
    assert data["summary"] == {"files": 9, "errors": 3, "warnings": 4}
    first = data["files"][0]
    assert first["path"].endswith("invalid/yaml11_bool.yaml")
    assert first["problems"][0] == {
        "code": "yaml11-bool", "column": 7, "line": 4, "path": "/name", "severity": "warning",
        "message": 'unquoted yes is read as boolean true by YAML 1.1 tools: if it is text, '
                   'quote it as "yes"'}


def test_github_annotations_carry_real_lines(result: ValidationResult) -> None:
    lines = REPORTERS["github"](result, "en", ReportOptions()).splitlines()
    pattern = re.compile(r"::(error|warning) file=([^,]+),line=(\d+),col=(\d+),title=([^:]+)::(.+)")
    annotations = [pattern.fullmatch(line) for line in lines[:-1]]
    assert all(annotations), lines
    found = {(m.group(1), m.group(2).rsplit("/", 1)[-1], int(m.group(3)), int(m.group(4)))
             for m in annotations if m}
    assert ("error", "unknown_key.yaml", 7, 1) in found
    assert ("warning", "yaml11_bool.yaml", 4, 7) in found
    assert ("warning", "plan_missing_section.yaml", 5, 1) in found
    assert "%3A" in lines[0]  # ':' escaped inside properties


def test_sarif_structure(result: ValidationResult) -> None:
    log: dict[str, Any] = json.loads(REPORTERS["sarif"](result, "en", ReportOptions()))
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-2.1.0.json")
    [run] = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert run["tool"]["driver"]["name"] == "cscaudit"
    ids = [r["id"] for r in rules]
    assert ids == sorted(set(ids))
    assert len(run["results"]) == 7
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["level"] in ("error", "warning")
        assert res["message"]["text"]
        region = res["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
    key = next(r for r in run["results"] if r["ruleId"] == "schema" and r["locations"][0][
        "physicalLocation"]["artifactLocation"]["uri"].endswith("invalid/unknown_key.yaml"))
    assert key["locations"][0]["physicalLocation"]["region"] == {"startLine": 7, "startColumn": 1}


def test_junit_one_testcase_per_file(result: ValidationResult) -> None:
    root = ET.fromstring(REPORTERS["junit"](result, "en", ReportOptions()))
    suite = root.find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    assert len(cases) == 9
    assert suite.get("tests") == "9" and suite.get("failures") == "2" and suite.get("errors") == "1"
    by_name = {c.get("name", "").rsplit("/", 1)[-1]: c for c in cases}
    assert by_name["empty.yaml"].find("error") is not None
    failure = by_name["unknown_key.yaml"].find("failure")
    assert failure is not None and failure.get("type") == "schema"
    assert "unknown_key.yaml:7:1" in (failure.text or "")
    assert by_name["center.yaml"].find("failure") is None
