"""No YAML value read differently than YAML 1.2 reads it (issue 16).

Each construct the parser reads otherwise, or accepts though YAML 1.2 rejects it and a reader
could take it two ways, is tested both ways in one case: the ambiguous spelling is refused
at its place with a message saying how to write it (or read as YAML 1.2 reads it), and the
unambiguous spelling the message suggests loads as meant.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cscaudit.config.yamlio import YamlError, load_yaml_text

# (wrong spelling, line, column, phrase of the message, right spelling, what it loads as)
REFUSED: dict[str, tuple[str, int, int, str, str, Any]] = {
    "question-glued-to-flow-key": (
        "a: { ?foo: bar }\n", 1, 6, "'?' is glued",
        'a: { "?foo": bar }\n', {"a": {"?foo": "bar"}}),
    "question-glued-to-flow-pair": (
        "a: [?x]\n", 1, 5, "'?' is glued", 'a: ["?x"]\n', {"a": ["?x"]}),
    "question-glued-to-empty-flow-pair": (
        "a: [?:]\n", 1, 5, "'?' is glued", 'a: [{"?": null}]\n', {"a": [{"?": None}]}),
    "question-glued-to-empty-flow-key": (
        "a: {?: x}\n", 1, 5, "'?' is glued", 'a: {"?": x}\n', {"a": {"?": "x"}}),
    "anchor-name-with-colon": (
        "key: &an:chor value\n", 1, 9, "name &an:chor",
        "key: &anchor value\nb: *anchor\n", {"key": "value", "b": "value"}),
    "anchor-name-with-question-mark": (
        "key: &an?x value\n", 1, 9, "name &an?x", "key: &anx value\n", {"key": "value"}),
    "alias-name-with-colon-in-flow": (
        "a: &x 1\nb: [*x:y]\n", 2, 7, "name *x:y", "a: &x 1\nb: [*x, y]\n",
        {"a": 1, "b": [1, "y"]}),
    "comment-glued-to-double-quotes": (
        'key: "value"# note\n', 1, 13, "right after '\"'",
        'key: "value" # note\n', {"key": "value"}),
    "comment-glued-to-single-quotes": (
        "key: 'value'# note\n", 1, 13, "right after '''",
        "key: 'value# note'\n", {"key": "value# note"}),
    "comment-glued-to-comma": (
        "a: [1,#c\n 2]\n", 1, 7, "right after ','", "a: [1, #c\n 2]\n", {"a": [1, 2]}),
    "colour-glued-to-comma": (
        "a: [red,#fff]\n", 1, 9, "right after ','", 'a: [red, "#fff"]\n', {"a": ["red", "#fff"]}),
    "comment-glued-to-open-bracket": (
        "a: [#c\n 1]\n", 1, 5, "right after '['", "a: [ #c\n 1]\n", {"a": [1]}),
    "lone-dash-in-flow-sequence": (
        "a: [x, -]\n", 1, 8, "lone '-'", 'a: [x, "-"]\n', {"a": ["x", "-"]}),
    "lone-dash-as-flow-value": (
        "a: {b: -}\n", 1, 8, "lone '-'", 'a: {b: "-"}\n', {"a": {"b": "-"}}),
    "flow-continued-left-of-its-key": (
        "a:\n  b: [1,\n 2]\n", 3, 2, "continues here",
        "a:\n  b: [1,\n   2]\n", {"a": {"b": [1, 2]}}),
    "flow-continued-at-its-key": (
        "a: {x: 1,\ny: 2}\n", 2, 1, "continues here",
        "a: {x: 1,\n  y: 2}\n", {"a": {"x": 1, "y": 2}}),
    "flow-continued-left-of-anchored-mapping": (
        "a: &q\n  b: [1,\n  2]\n", 3, 3, "(column 3)",
        "a: &q\n  b: [1,\n   2]\n", {"a": {"b": [1, 2]}}),
    "quote-continued-left-of-its-key": (
        'a:\n  b: "x\n y"\n', 3, 2, "quote opened on line 2",
        'a:\n  b: "x\n   y"\n', {"a": {"b": "x y"}}),
    "quote-left-open-swallows-next-key": (
        'a:\n  b: "x\nc: y"\n', 3, 1, "quote opened on line 2",
        'a:\n  b: "x"\nc: y\n', {"a": {"b": "x"}, "c": "y"}),
    "quote-continued-at-its-list-dash": (
        '- "x\ny"\n', 2, 1, "continues here", '- "x\n  y"\n', ["x y"]),
}


@pytest.mark.parametrize("case", REFUSED.values(), ids=REFUSED.keys())
def test_an_ambiguous_spelling_is_refused_and_the_plain_one_loads(
    case: tuple[str, int, int, str, str, Any],
) -> None:
    wrong, line, column, phrase, right, data = case
    with pytest.raises(YamlError) as info:
        load_yaml_text(wrong, "c.yaml")
    assert (info.value.file, info.value.line, info.value.column) == ("c.yaml", line, column)
    assert phrase in info.value.message.en and info.value.message.zh
    loaded = load_yaml_text(right, "c.yaml")
    assert loaded.data == data and not loaded.problems


# (read differently by the parser, as YAML 1.2 reads it, a neighbour that must not change)
READ_AS_YAML_1_2: dict[str, tuple[str, Any, str, Any]] = {
    "non-specific-tag-on-number": ("- ! 12\n- 12\n", ["12", 12], "- !!str 12\n", ["12"]),
    "non-specific-tag-on-boolean": ("a: ! true\n", {"a": "true"}, "a: '!'\n", {"a": "!"}),
    "keep-chomping-last-line-of-spaces": ("- |+\n   ", ["\n"], "- |+\n", [""]),
    "keep-chomping-empty-line-then-spaces": (
        "a: |+\n\n  ", {"a": "\n\n"}, "a: |+\n\n", {"a": "\n"}),
    "keep-chomping-text-then-spaces": (
        "a: |+\n  x\n  ", {"a": "x\n\n"}, "a: |+\n  x", {"a": "x"}),
    "strip-chomping-is-unaffected": (
        "- |+\n  x\n ", ["x\n\n"], "- |-\n  x\n ", ["x"]),
}


@pytest.mark.parametrize("case", READ_AS_YAML_1_2.values(), ids=READ_AS_YAML_1_2.keys())
def test_constructs_the_parser_misreads_are_read_as_yaml_1_2(
    case: tuple[str, Any, str, Any],
) -> None:
    misread, data, neighbour, neighbour_data = case
    assert load_yaml_text(misread).data == data
    assert load_yaml_text(neighbour).data == neighbour_data


@pytest.mark.parametrize(("text", "data", "column"), [
    ("a: [1]#c\n", {"a": [1]}, 7),
    ("a: {b: 1}#c\n", {"a": {"b": 1}}, 10),
])
def test_a_comment_glued_to_a_closing_bracket_loads_with_a_warning(
    text: str, data: Any, column: int,
) -> None:
    loaded = load_yaml_text(text)
    assert loaded.data == data
    [problem] = loaded.problems
    assert (problem.code, problem.line, problem.column) == ("yaml-nonstandard", 1, column)
    assert "space before '#'" in problem.message.en
    assert load_yaml_text(text.replace("#", " #")).problems == ()


def test_only_a_hash_the_parser_took_for_a_glued_comment_is_flagged() -> None:
    with pytest.raises(YamlError):
        load_yaml_text('a: "x"#y\n')
    assert load_yaml_text("a: [1]#c\n").problems  # the warned form, for contrast
    allowed = {
        "a: x#y\n": {"a": "x#y"},
        'a: "#fff"\n': {"a": "#fff"},
        "a: ['#fff', b]\n": {"a": ["#fff", "b"]},
        "a: 1 # see [#3]\n": {"a": 1},
        "# c [#3]\na: 1\n": {"a": 1},
        'a: "x" # "y"#z\n': {"a": "x"},
        "a: |\n  [#1]\n": {"a": "[#1]\n"},
        "a: [-x, a:b]\n": {"a": ["-x", "a:b"]},
        "a: {? b: c}\n": {"a": {"b": "c"}},
        "?x: 1\n": {"?x": 1},
    }
    for text, data in allowed.items():
        loaded = load_yaml_text(text)
        assert (loaded.data, loaded.problems) == (data, ()), text


_WORD = st.text(alphabet="ab#-?:", min_size=1, max_size=4)


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORD, min_size=1, max_size=4), st.sampled_from([",", ", "]))
def test_a_flow_sequence_is_read_as_written_or_refused(words: list[str], sep: str) -> None:
    text = "k: [" + sep.join(words) + "]\n"
    try:
        data = load_yaml_text(text).data
    except YamlError:
        return
    assert data == {"k": words}


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(_WORD, _WORD, min_size=1, max_size=3), st.sampled_from([",", ", "]))
def test_a_flow_mapping_is_read_as_written_or_refused(pairs: dict[str, str], sep: str) -> None:
    text = "k: {" + sep.join(f"{key}: {value}" for key, value in pairs.items()) + "}\n"
    try:
        data = load_yaml_text(text).data
    except YamlError:
        return
    assert data == {"k": pairs}
