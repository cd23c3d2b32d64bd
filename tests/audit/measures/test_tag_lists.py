"""pasted_content's tag lists, read with the shipped standard's own words."""

from __future__ import annotations

from cscaudit.config.standard import load_standard
from cscaudit.measures.integrity.tag_lists import is_tag_list, tag_terms


def test_tag_lists_use_the_standard_s_own_words() -> None:
    """Labels, synonyms and keywords of the shipped standard make a tag list; a phrase does not."""
    terms = tag_terms(load_standard())
    assert is_tag_list("政策宣传；信息采集；健康状况；子女联系方式", terms)
    assert is_tag_list("宣传政策、有效沟通 / 健康情况", terms)  # synonyms
    assert not is_tag_list("入户走访，政策宣传、信息采集", terms)
    assert not is_tag_list("了解老人近期健康状况，讲解医保政策", terms)


def test_a_multi_select_with_a_local_option_or_a_note_is_a_tag_list() -> None:
    """A New-Year campaign's multi-select with one option the standard does not list, and a
    tag with a parenthetical note, are tag lists; prose with the same words is not."""
    terms = tag_terms(load_standard())
    assert is_tag_list("政策宣传；信息采集；节日慰问", terms, max_label=8, min_known=0.6)
    assert is_tag_list("政策宣传（医保）；信息采集；健康状况", terms)
    assert is_tag_list("政策宣传|信息采集|健康状况", terms)
    assert not is_tag_list("入户走访，政策宣传、信息采集", terms, max_label=8, min_known=0.6)
    assert not is_tag_list("政策宣传；节日慰问；送米送油", terms, max_label=8, min_known=0.6)
    assert not is_tag_list("政策宣传；信息采集；了解老人近期的身体情况和生活困难", terms, max_label=8,
                           min_known=0.6)
