"""Masking of ID numbers, phones and names: golden values and properties."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cscaudit.report.masking import (
    mask_field,
    mask_id_number,
    mask_name,
    mask_phone,
    mask_value,
    scrub_text,
    scrubber,
)

ID_RUN = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
MOBILE_RUN = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


@pytest.mark.parametrize(("raw", "masked"), [
    ("110101199001011234", "110101********1234"),
    ("11010119900101123X", "110101********123X"),
    (" 110101199001011234 ", "110101********1234"),
    ("110101900101123", "110101*****1123"),
    ("12345", "*****"),
])
def test_mask_id_number(raw: str, masked: str) -> None:
    assert mask_id_number(raw) == masked


@pytest.mark.parametrize(("raw", "masked"), [
    ("13812345678", "138****5678"),
    ("138-1234-5678", "138-****-5678"),
    ("+86 13812345678", "+86 138****5678"),
    ("8613812345678", "86138****5678"),
    ("010-62345678", "010-****5678"),
    ("0755-8765432", "0755-***5432"),
    ("(0755)8765432", "(0755)***5432"),
    ("01062345678", "010****5678"),
    ("1234567", "*******"),
])
def test_mask_phone(raw: str, masked: str) -> None:
    assert mask_phone(raw) == masked


@pytest.mark.parametrize(("raw", "masked"), [
    ("张三", "张*"),
    ("李小明", "李**"),
    ("欧阳娜娜", "欧阳**"),
    ("诸葛亮", "诸葛*"),
    ("欧阳", "欧*"),
    ("买买提·艾力", "买**·**"),
    ("John Smith", "J*** *****"),
    ("王", "王"),
    ("", ""),
])
def test_mask_name(raw: str, masked: str) -> None:
    assert mask_name(raw) == masked


def test_scrub_text_masks_inside_free_text() -> None:
    text = ("走访张三，身份证110101199001011234，电话13812345678，座机010-62345678，"
            "手机 +86 139 1234 5678；编号A20240105，日期2024-01-05。")
    assert scrub_text(text) == (
        "走访张三，身份证110101********1234，电话138****5678，座机010-****5678，"
        "手机 +86 139 **** 5678；编号A20240105，日期2024-01-05。")


def test_scrub_text_leaves_longer_digit_runs_and_plain_numbers() -> None:
    for text in ["1381234567890123456789", "共 480 户", "2024年12月31日", "case-000123"]:
        assert scrub_text(text) == text


def test_mask_field_masks_personal_fields_whole() -> None:
    assert mask_field("张三", "resident") == "张*"
    assert mask_field("13812345678", "phone") == "138****5678"
    assert mask_field("138****5678", "phone") == "138****5678"
    assert mask_field("见110101199001011234", "content") == "见110101********1234"


def test_mask_value_and_scrubber() -> None:
    assert mask_value("张三", "name") == "张*"
    assert mask_value("电话13812345678", None) == "电话138****5678"
    assert mask_value(None, "name") is None
    assert scrubber(True)("13812345678") == "13812345678"
    assert scrubber(False)("13812345678") == "138****5678"


ids = st.builds(lambda body, last: body + last,
                st.text("0123456789", min_size=17, max_size=17), st.sampled_from("0123456789X"))
mobiles = st.builds(lambda p, rest: "1" + p + rest,
                    st.sampled_from("3456789"), st.text("0123456789", min_size=9, max_size=9))
filler = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="0123456789"),
                 max_size=8)


@given(ids)
def test_id_shape(value: str) -> None:
    masked = mask_id_number(value)
    assert len(masked) == 18 and masked[:6] == value[:6] and masked[-4:] == value[-4:]
    assert masked[6:14] == "********"
    assert mask_id_number(masked) == masked


@given(mobiles)
def test_mobile_shape(value: str) -> None:
    masked = mask_phone(value)
    assert masked == value[:3] + "****" + value[-4:]
    assert mask_phone(masked) == masked
    assert scrub_text(f"电话{value}。") == f"电话{masked}。"


@given(st.lists(st.one_of(ids, mobiles, filler), max_size=8))
def test_scrub_removes_every_number_and_is_idempotent(parts: list[str]) -> None:
    text = " ".join(parts)
    scrubbed = scrub_text(text)
    assert not ID_RUN.search(scrubbed)
    assert not MOBILE_RUN.search(scrubbed)
    assert len(scrubbed) == len(text)
    assert scrub_text(scrubbed) == scrubbed


@given(st.text(st.characters(blacklist_categories=("Cs", "Nd"))))
def test_scrub_leaves_digitless_text_alone(text: str) -> None:
    assert scrub_text(text) == text


@given(st.text(st.characters(whitelist_categories=("Lo",)), min_size=1, max_size=6))
def test_name_keeps_length_and_surname(name: str) -> None:
    masked = mask_name(name)
    assert len(masked) == len(name.strip()) and masked[0] == name.strip()[0]
    assert mask_name(masked) == masked
