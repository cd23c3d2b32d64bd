"""Every invalid fixture fails with exactly the expected problems, lines and columns."""

from __future__ import annotations

from typing import Any

import pytest

from cscaudit.config.yamlio import load_yaml
from tests.validate.conftest import FIXTURES, run_json

EXPECTED: dict[str, Any] = load_yaml(FIXTURES.parent / "expected.yaml").data


def test_every_invalid_fixture_has_an_expectation() -> None:
    on_disk = {p.name for p in (FIXTURES / "invalid").glob("*.yaml")}
    assert on_disk == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_invalid_fixture(name: str) -> None:
    expected = EXPECTED[name]
    code, report = run_json(*expected.get("args", []), str(FIXTURES / "invalid" / name))
    assert code == expected["exit"]
    [file_report] = report["files"]
    assert file_report["valid"] is False  # warnings fail too under --strict, as the exit does
    got = [(p["code"], p["line"], p["column"], p["severity"]) for p in file_report["problems"]]
    want = [(p["code"], p["line"], p["column"], p["severity"]) for p in expected["problems"]]
    assert got == want
    for problem, spec in zip(file_report["problems"], expected["problems"], strict=True):
        assert spec["contains"] in problem["message"]


def test_all_invalid_fixtures_in_one_run_keep_going() -> None:
    code, report = run_json(str(FIXTURES / "invalid"))
    assert code == 2  # some are unreadable; the rest are still checked
    assert len(report["files"]) == len(EXPECTED)
    assert report["summary"]["errors"] == sum(
        1 for spec in EXPECTED.values() for p in spec["problems"] if p["severity"] == "error")


def test_valid_fixtures_pass() -> None:
    code, report = run_json(str(FIXTURES / "valid"))
    assert code == 0, report
    assert report["valid"] is True
    assert {f["kind"] for f in report["files"]} == {
        "center", "checklist", "emergency-plan", "profile", "waivers"}
