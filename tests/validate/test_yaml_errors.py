"""YAML errors point at the offending character: control characters, unclosed quotes."""

from __future__ import annotations

import pytest

from cscaudit.yamlio import YamlError, load_yaml_text


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
