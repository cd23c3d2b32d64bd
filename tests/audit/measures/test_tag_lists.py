"""pasted_content's tag lists, read with the shipped standard's own words."""

from __future__ import annotations

from cscaudit.audit.measures.integrity.pasted_content import is_tag_list, tag_terms
from cscaudit.standard import load_standard


def test_tag_lists_use_the_standard_s_own_words() -> None:
    """Labels, synonyms and keywords of the shipped standard make a tag list; a phrase does not."""
    terms = tag_terms(load_standard())
    assert is_tag_list("政策宣传；信息采集；健康状况；子女联系方式", terms)
    assert is_tag_list("宣传政策、有效沟通 / 健康情况", terms)  # synonyms
    assert not is_tag_list("入户走访，政策宣传、信息采集", terms)
    assert not is_tag_list("了解老人近期健康状况，讲解医保政策", terms)
