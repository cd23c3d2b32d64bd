"""`--strict` in every reporter, folders that match nothing, hostile text in every format."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

import pytest

from cscaudit.validate.engine import validate_paths
from cscaudit.validate.reporters import REPORTERS, ReportOptions
from tests.validate.conftest import FIXTURES, run


def _warning_only(tmp_path: Path) -> Path:
    text = (FIXTURES / "valid" / "waivers.yaml").read_text(encoding="utf-8")
    path = tmp_path / "w.yaml"
    path.write_text(text.replace("justification: 场地改造期间", "justification: no"),
                    encoding="utf-8")
    return path


def test_strict_junit_json_and_quiet_agree_with_the_exit_code(tmp_path: Path) -> None:
    path = str(_warning_only(tmp_path))
    junit = run(path, "--strict", "-f", "junit")
    assert junit.exit_code == 1
    suite = ET.fromstring(junit.stdout).find("testsuite")
    assert suite is not None and suite.get("failures") == "1"
    case = suite.find("testcase")
    assert case is not None and case.find("failure") is not None
    as_json = run(path, "--strict", "-f", "json")
    assert as_json.exit_code == 1
    report = json.loads(as_json.stdout)
    assert report["valid"] is False and report["files"][0]["valid"] is False
    quiet = run(path, "--strict", "-q", "--lang", "en")
    assert quiet.exit_code == 1 and "[yaml11-bool]" in quiet.stdout
    sarif = json.loads(run(path, "--strict", "-f", "sarif").stdout)
    assert [r["level"] for r in sarif["runs"][0]["results"]] == ["error"]
    assert run(path, "--strict", "-f", "github").stdout.startswith("::error ")
    # without --strict nothing changes
    plain = run(path, "-f", "json")
    assert plain.exit_code == 0 and json.loads(plain.stdout)["valid"] is True
    assert run(path, "-q").stdout == ""


def test_a_folder_without_yaml_matches_nothing(tmp_path: Path) -> None:
    empty = tmp_path / "e"
    empty.mkdir()
    (empty / "notes.txt").write_text("x", encoding="utf-8")
    result = run(str(empty), "--lang", "en")
    assert result.exit_code == 2
    assert "checked 0 files" not in result.stdout
    assert "e:1:1: error [unreadable]" in result.stdout


HOSTILE = 'kind: "cen\\x01ter"\n'


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_every_reporter_parses_back_on_hostile_input(tmp_path: Path, fmt: str) -> None:
    (tmp_path / "k.yaml").write_text(HOSTILE, encoding="utf-8")
    (tmp_path / "有 空格#%.yaml").write_text("kind: center\n", encoding="utf-8")
    (tmp_path / "c:x.yaml").write_text("kind: center\n", encoding="utf-8")
    result = validate_paths([str(tmp_path)])
    out = REPORTERS[fmt](result, "en", ReportOptions())
    if fmt == "junit":
        ET.fromstring(out)
    elif fmt in ("json", "sarif"):
        json.loads(out)
    else:
        assert out.count("\n") >= len(result.problems)


def test_sarif_uris_are_percent_encoded_relative_references(tmp_path: Path) -> None:
    from cscaudit.validate.reporters.base import uri

    assert uri("有 空格.yaml") == "%E6%9C%89%20%E7%A9%BA%E6%A0%BC.yaml"
    assert uri("a/b c#1.yaml") == "a/b%20c%231.yaml"
    assert uri("c:x.yaml") == "c%3Ax.yaml"  # never a scheme
    assert unquote(uri("sub/有 空格.yaml")) == "sub/有 空格.yaml"
    (tmp_path / "有 空格.yaml").write_text("kind: center\n", encoding="utf-8")
    log = json.loads(REPORTERS["sarif"](validate_paths([str(tmp_path / "有 空格.yaml")]), "en",
                                        ReportOptions()))
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in log["runs"][0]["results"]}
    assert uris and all(" " not in u and "有" not in u for u in uris)
