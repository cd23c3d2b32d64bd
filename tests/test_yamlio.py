"""The safe YAML loader: semantics, positions, and what it refuses."""

from __future__ import annotations

import pytest

from cscaudit.yamlio import YamlError, load_yaml, load_yaml_text


def test_yaml12_semantics_keep_dates_and_yaml11_bools_as_strings() -> None:
    doc = load_yaml_text("a: on\nb: 2024-01-01\nc: true\nd: 0o17\ne: ~\n")
    assert doc.data == {"a": "on", "b": "2024-01-01", "c": True, "d": 15, "e": None}
    assert ("a",) in doc.yaml11_bools


def test_positions_map_json_paths_to_line_and_column() -> None:
    doc = load_yaml_text("root:\n  items:\n    - id: x\n    - id: y\n")
    assert doc.locate(("root", "items", 1, "id")) == (4, 11)
    assert doc.locate_key(("root", "items")) == (2, 3)
    assert doc.locate(("root", "missing", 3)) == (2, 3)


def test_duplicate_key_reports_both_locations_and_keeps_first() -> None:
    doc = load_yaml_text("a: 1\nb: {c: 2}\na: 3\nb: {c: 4}\n")
    assert doc.data == {"a": 1, "b": {"c": 2}}
    dups = [(p.path, p.line, p.column) for p in doc.problems if p.code == "duplicate-key"]
    assert dups == [(("a",), 3, 1), (("b",), 4, 1)]
    assert "第 1 行" in doc.problems[0].message.zh


@pytest.mark.parametrize(
    ("text", "line"),
    [("", 1), ("a: [", 2), ("a: !foo x", 1), ("a: 1\n---\nb: 2\n", 2), ("<<: {a: 1}", 1)],
)
def test_unusable_documents_raise_located_errors(text: str, line: int) -> None:
    with pytest.raises(YamlError) as info:
        load_yaml_text(text, "x.yaml")
    assert info.value.file == "x.yaml"
    assert info.value.line == line


def test_alias_bomb_is_bounded() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev, cur = chr(96 + i), chr(97 + i)
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 9) + "]")
    with pytest.raises(YamlError, match="alias"):
        load_yaml_text("\n".join(lines))


def test_deep_nesting_is_bounded() -> None:
    with pytest.raises(YamlError, match="nesting"):
        load_yaml_text("[" * 5000)


def test_gbk_file_is_named_as_such(tmp_path: pytest.TempPathFactory) -> None:
    path = tmp_path / "c.yaml"  # type: ignore[operator]
    path.write_bytes("name: 社区中心\n".encode("gbk"))
    with pytest.raises(YamlError) as info:
        load_yaml(path)
    assert "GBK" in info.value.message.en
    assert info.value.line == 1
