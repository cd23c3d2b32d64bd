"""Visit content as written in the field: tag lists with synonyms and free text in several
styles are read into the standard's items (keywords and families of phrasings)."""

from __future__ import annotations

import pytest

from cscaudit.config.standard import load_standard
from cscaudit.ingest.dictionary import load_dictionary
from cscaudit.ingest.parsers import base_parse


def _parse(text: str) -> tuple[set[str], str | None]:
    dictionary = load_dictionary()
    spec = dictionary.table("visits").fields["content"]
    codes, problem = base_parse(spec, dictionary, date1904=False, text_source=True)(text)
    return set(codes), problem.code if problem else None


@pytest.mark.parametrize(("text", "expected"), [
    # a multi-select export with the standard's own tags
    ("政策宣传；信息采集；健康状况；子女联系方式",
     {"policy_publicity", "info_collection", "health_status", "children_contact"}),
    # the same items under the other names exports use
    ("宣传政策、有效沟通、居家养老和医疗服务",
     {"policy_publicity", "communication", "care_services", "medical_services"}),
    ("就业/救助/助学/帮扶政策", {"employment_info", "assistance_info", "school_aid", "support_policies"}),
])
def test_tag_lists_with_synonyms(text: str, expected: set[str]) -> None:
    assert _parse(text) == (expected, None)


@pytest.mark.parametrize(("style", "text", "expected"), [
    ("clipped work note", "采集登记家庭成员信息，讲解医保政策，了解老人近期健康状况",
     {"info_collection", "policy_publicity", "health_status"}),
    ("diary", "上午入户看望王奶奶，老人血压偏高，叮嘱按时服药；留下女儿电话；介绍了社区助餐点",
     {"health_status", "children_contact", "care_services", "community_info"}),
    ("colloquial", "陪老人聊了一会儿天，老人心情不错", {"psychological_support"}),
    ("report", "就居民反映的楼道照明问题进行了沟通，答复将于本周内协调物业处理", {"communication"}),
    ("disabled household", "询问其康复训练进展，了解家庭收入来源，发放辅具申领指南",
     {"physical_condition", "family_living", "medical_care_info"}),
    ("unemployed resident", "核实目前仍未就业，推荐两个保洁岗位，协助注册就业服务平台",
     {"employment_verification", "reemployment_info", "employment_platform"}),
    ("temporary resident", "登记租住情况及房东电话，询问在哪里上班", {"landlord_info", "employment_status"}),
])
def test_free_text_in_several_styles(style: str, text: str, expected: set[str]) -> None:
    found, problem = _parse(text)
    assert expected <= found, (style, found)
    assert problem is None


@pytest.mark.parametrize("text", ["走访", "无", "老人在家，一切正常"])
def test_text_with_no_item_is_untagged(text: str) -> None:
    assert _parse(text) == (set(), "untagged")


def test_the_standard_is_the_one_source_of_tag_words() -> None:
    standard = load_standard()
    assert standard.content_tags_for("宣传政策") == ("policy_publicity",)
    assert standard.content_tags_for("有效沟通") == ("communication",)
    assert standard.content_tags_for("居家养老和医疗服务") == ("care_services", "medical_services")
    assert standard.content_tags_for("ｐｏｌｉｃｙ_publicity") == ("policy_publicity",)
    assert standard.content_tags_for("了解老人近期健康状况") == ()  # free text, not a tag word
    assert "employment_info" in standard.group_content["low_income"]
