"""The safe YAML loader: semantics, positions, and what it refuses."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cscaudit.cli.app import app
from cscaudit.config.yamlio import YamlError, load_yaml, load_yaml_text


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


def test_aliases_are_bounded_by_the_text_they_repeat_not_only_by_nodes() -> None:
    from cscaudit.config.yamlio.builder import MAX_ALIAS_CHARS

    value = "x" * (MAX_ALIAS_CHARS // 2 + 1)
    twice = f'a: &a "{value}"\nb: [*a, *a]\n'  # two nodes, a megabyte more text
    with pytest.raises(YamlError) as info:
        load_yaml_text(twice, "x.yaml")
    assert (info.value.line, info.value.column) == (2, 9)
    assert "KiB of text" in info.value.message.en
    assert len(info.value.message.en) < 200  # the value is not in the message
    once = load_yaml_text(f'a: &a "{value}"\nb: [*a]\n').data
    assert once["b"] == [value]


@pytest.mark.parametrize(("text", "column"), [
    ("n: " + "9" * 4301, 4),
    ("n: -" + "1" * 4301, 4),
    ("n: 0x" + "f" * 3600, 4),  # more than 4,300 digits once written in decimal
    ("n: !!int " + "9" * 4301, 4),
    ("n: 1e999", 4),  # would silently become infinity
])
def test_numbers_python_cannot_hold_as_written_are_located_errors(text: str, column: int) -> None:
    with pytest.raises(YamlError) as info:
        load_yaml_text("kind: center\n" + text + "\n", "c.yaml")
    assert (info.value.file, info.value.line, info.value.column) == ("c.yaml", 2, column)
    assert "put it in quotes" in info.value.message.en
    assert len(info.value.message.en) < 300


def test_integers_up_to_the_limit_and_quoted_digits_still_load() -> None:
    digits = "9" * 4300
    assert load_yaml_text(f"n: {digits}\nq: '{digits}9'\n").data == {
        "n": int(digits), "q": digits + "9"}
    assert load_yaml_text("n: 1e308\nm: -.inf\n").data == {"n": 1e308, "m": float("-inf")}


def test_a_big_integer_in_center_yaml_stops_audit_with_exit_2_naming_the_line(
    tmp_path: Path,
) -> None:
    center = tmp_path / "c"
    shutil.copytree(Path(__file__).parents[1] / "samples" / "centers" / "ningbo-yinzhou-heyue",
                    center)
    config = center / "center.yaml"
    text = config.read_text(encoding="utf-8")
    line = text[: text.index("\nhouseholds:")].count("\n") + 2
    config.write_text(text.replace("\nhouseholds: ", "\nhouseholds: " + "9" * 5000, 1),
                      encoding="utf-8")
    run = CliRunner().invoke(app, ["audit", str(center), "--no-xlsx", "-q", "--lang", "en"])
    assert run.exit_code == 2, run.output
    assert f"center.yaml:{line}:13" in run.output and "4300 digits" in run.output
    assert "Traceback" not in run.output and len(run.output) < 500


def test_a_long_duplicate_key_is_cut_in_its_message() -> None:
    key = "k" * 10_000  # an explicit key: implicit ones are limited to 1024 characters
    [problem] = load_yaml_text(f"? {key}\n: 1\n? {key}\n: 2\n").problems
    assert problem.code == "duplicate-key" and (problem.line, problem.column) == (3, 3)
    assert "kkk…" in problem.message.en and len(problem.message.en) < 200
