"""YAML errors point at the offending character: control characters, unclosed quotes."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from cscaudit.config.yamlio import YamlError, load_yaml_text


def _where(text: str) -> tuple[int | None, int | None, str]:
    with pytest.raises(YamlError) as info:
        load_yaml_text(text, "x.yaml")
    return info.value.line, info.value.column, info.value.message.en


@pytest.mark.parametrize(("text", "line", "col"), [
    ('kind: center\nid: x\nname: "a\x07b"\n', 3, 9),
    ('kind: center\nname: "中文中文\x07b"\n', 2, 12),  # after multi-byte characters
    ('kind: center\r\nid: x\r\nname: a\x01\r\n', 3, 8),
])
def test_control_characters_are_reported_where_they_are(text: str, line: int, col: int) -> None:
    got_line, got_col, message = _where(text)
    assert (got_line, got_col) == (line, col)
    assert "control character" in message and "position" not in message


@pytest.mark.parametrize("text", ['kind: center\nid: "abc\nname: x\n', 'kind: center\nid: "abc'])
def test_an_unclosed_quote_is_reported_at_the_quote(text: str) -> None:
    line, col, message = _where(text)
    assert (line, col) == (2, 5)
    assert "while scanning a quoted scalar" in message


def test_an_error_inside_the_file_keeps_its_own_place() -> None:
    line, col, message = _where("kind: center\nname: [a\nstreet: b\n")
    assert (line, col) == (3, 7)
    assert "while parsing a flow sequence" in message


def test_a_long_value_is_cut_in_messages_and_not_compared_for_suggestions() -> None:
    from tests.validate.conftest import FIXTURES, run_json

    text = (FIXTURES / "valid" / "center.yaml").read_text(encoding="utf-8")
    long_zone = "service_hall" + "x" * 100_000
    with tempfile.TemporaryDirectory() as folder:
        center = Path(folder) / "center.yaml"
        center.write_text(text.replace("zones: [service_hall,", f"zones: [{long_zone},")
                          .replace("emergency_plans:\n  - file: plans/flood.yaml\n", ""),
                          encoding="utf-8")
        code, report = run_json(str(center))
    assert code == 1
    [problem] = [p for p in report["files"][0]["problems"] if p["code"] == "unknown-zone"]
    assert "service_hallxxx" in problem["message"] and len(problem["message"]) < 200


def test_a_comment_glued_to_a_bracket_is_a_warning_in_validate() -> None:
    from tests.validate.conftest import FIXTURES, run_json

    text = (FIXTURES / "valid" / "center.yaml").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        center = Path(folder) / "center.yaml"
        center.write_text(text.replace("reading_glasses]", "reading_glasses]# on the desk")
                          .replace("emergency_plans:\n  - file: plans/flood.yaml\n", ""),
                          encoding="utf-8")
        code, report = run_json(str(center))
        strict, _ = run_json("--strict", str(center))
    [problem] = report["files"][0]["problems"]
    assert (code, strict) == (0, 1)
    assert (problem["code"], problem["severity"], problem["line"]) == (
        "yaml-nonstandard", "warning", 14)
