"""The tags rule's own edges (`frame_tags`): blank pieces, pieces naming several tags,
codes repeated across pieces, separators a sample of the column misses, both ways of
replacing separators. Each decided text is checked against the parser
(`test_frame_values.decided`), and the parser is handed single pieces, each once."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cscaudit.ingest import frame_tags, load_dictionary
from cscaudit.ingest.parsers import column_parser
from cscaudit.ingest.problems import Result
from cscaudit.ingest.values import SEPARATOR_CHARS, TAG_SEPARATORS
from tests.ingest.test_frame_values import decided

DICTIONARY = load_dictionary()
# two tags each (medical_services and medical_care_info; reemployment_info and employment_info),
# one tag twice (policy_publicity), a filler, unknown words, a NUL
EDGE_WORDS = ["医疗信息", "推荐岗位", "政策宣传", "政策宣讲", "健康状况", "聊天", "外星人", "政策宣传\x00"]


def _pieces_parsed(table: str, field: str, raws: list[str]) -> list[str]:
    """The pieces the rule hands to the column's parser for `raws`."""
    spec = DICTIONARY.tables[table].fields[field]
    parse = column_parser(spec, DICTIONARY, date1904=False, text_source=True,
                          required=spec.required)
    handed: list[str] = []

    def spy(raw: object) -> Result:
        handed.append(str(raw))
        return parse(raw)

    frame_tags.tags_rule(pl.Series(raws, dtype=pl.Utf8()).unique(maintain_order=True), spy)
    return handed


def test_several_tags_of_a_piece_are_read() -> None:
    """Not a vacuous word list: some pieces name two tags."""
    spec = DICTIONARY.tables["visits"].fields["content"]
    parse = column_parser(spec, DICTIONARY, date1904=False, text_source=True)
    assert [len(parse(word)[0] or ()) for word in EDGE_WORDS[:3]] == [2, 2, 1]


def test_texts_with_blank_pieces_are_decided() -> None:
    """Spaces between two separators or after the last one make a blank piece, which the
    parser skips: the rule skips it too, and decides the text to the parser's codes (pieces
    of two tags, a tag named twice); a text of blanks only stays the parser's."""
    texts = ["政策宣传、 、健康状况", "医疗信息、医疗服务、 ", "政策宣传；政策宣讲、\u3000、政策宣传",
             " ；推荐岗位｜ ｜核实就业", "政策宣传\x00、 、健康状况"]
    found = decided("visits", "content", [*texts, " 、 ", "\u3000"])
    assert set(found) == set(texts)
    assert found["政策宣传；政策宣讲、\u3000、政策宣传"] == ["policy_publicity"]
    assert found["医疗信息、医疗服务、 "][:2] == ["medical_services", "medical_care_info"]


def _edge_texts(table: str, field: str) -> st.SearchStrategy[str]:
    spec = DICTIONARY.tables[table].fields[field]
    words = [w for names in DICTIONARY.labels_for(spec).values() for w in names][:12]
    piece = st.one_of(st.sampled_from(words + EDGE_WORDS),
                      st.text(alphabet="政策健康 ab\u3000\x00", max_size=3))
    sep = st.text(alphabet=SEPARATOR_CHARS + " ", min_size=1, max_size=2)
    return st.lists(st.tuples(piece, sep), max_size=5).map(
        lambda parts: "".join(p + s for p, s in parts)[:-1] if parts else "")


@pytest.mark.parametrize(("table", "field"), [("visits", "content"), ("roster", "group")])
@pytest.mark.parametrize("few_replaces", [0, 99])
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_separators_the_sample_misses(table: str, field: str, few_replaces: int,
                                      data: st.DataObject) -> None:
    """With a sample of one text, the separators of the other texts are found in the
    pieces and split at too: the parser sees single pieces, each once, and every decided
    text has the parser's codes; so with an Aho-Corasick pass (no few replaces) and with a
    literal replace per separator."""
    raws = data.draw(st.lists(_edge_texts(table, field), min_size=5, max_size=30))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(frame_tags, "SAMPLE_TEXTS", 1)
        patch.setattr(frame_tags, "FEW_REPLACES", few_replaces)
        handed = _pieces_parsed(table, field, raws)
        assert not [piece for piece in handed if TAG_SEPARATORS.search(piece)]
        assert len(handed) == len(set(handed))
        decided(table, field, raws)
