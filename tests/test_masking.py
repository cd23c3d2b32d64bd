"""Masking of ID numbers, phones and names: golden values and properties."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cscaudit.masking import (
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
    assert scrubber(show_pii=True)("13812345678") == "13812345678"
    assert scrubber(show_pii=False)("13812345678") == "138****5678"


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


# --- issue 11 item 7: the ways people write ID and phone numbers -------------------------

FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")
SEPARATORS = ["", " ", "-", " - ", ".", "\u3000", "－", "  "]
ID_GROUPS = [(18,), (6, 8, 4), (6, 4, 4, 4), (4, 4, 4, 4, 2), (3, 3, 4, 4, 4)]
MOBILE_GROUPS = [(11,), (3, 4, 4)]
# text around a number: no digits, nothing that could extend or join it
AROUND = st.text(alphabet=st.characters(blacklist_categories=("Nd", "Cs"),
                                        blacklist_characters="Xx＋+-－.．()（） \u3000\t"),
                 max_size=8)
digits = st.text(alphabet="0123456789", min_size=1, max_size=1)


def _grouped(number: str, groups: tuple[int, ...], sep: str) -> str:
    parts, at = [], 0
    for size in groups:
        parts.append(number[at:at + size])
        at += size
    return sep.join(parts)


def _digits_of(text: str) -> str:
    """The digits and masks of `text`, full-width folded."""
    folded = text.translate(str.maketrans("０１２３４５６７８９Ｘ", "0123456789X"))
    return "".join(ch for ch in folded if ch.isdigit() or ch in "X*")


id_numbers = st.builds(
    lambda region, birth, serial, check: region + birth + serial + check,
    st.from_regex(r"[1-6][0-9]{5}", fullmatch=True), st.from_regex(r"(19|20)[0-9]{6}", fullmatch=True),
    st.from_regex(r"[0-9]{3}", fullmatch=True), st.sampled_from("0123456789X"))
mobiles = st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True)


@given(number=id_numbers, groups=st.sampled_from(ID_GROUPS), sep=st.sampled_from(SEPARATORS),
       wide=st.booleans(), before=AROUND, after=AROUND)
def test_an_id_number_in_any_written_form_keeps_only_region_and_last_four(
        number: str, groups: tuple[int, ...], sep: str, wide: bool, before: str, after: str) -> None:
    written = _grouped(number, groups, sep)
    written = written.translate(FULL_WIDTH) if wide else written
    shown = scrub_text(before + written + after)
    assert len(shown) == len(before + written + after)
    assert shown.startswith(before) and shown.endswith(after)
    middle = shown[len(before): len(before) + len(written)]
    assert _digits_of(middle) == number[:6] + "*" * 8 + number[-4:]
    assert _digits_of(mask_id_number(written)) == number[:6] + "*" * 8 + number[-4:]


@given(number=mobiles, groups=st.sampled_from(MOBILE_GROUPS), sep=st.sampled_from(SEPARATORS),
       wide=st.booleans(), country=st.sampled_from(["", "+86 ", "+86-", "86"]),
       before=AROUND, after=AROUND)
def test_a_mobile_in_any_written_form_keeps_only_prefix_and_last_four(
        number: str, groups: tuple[int, ...], sep: str, wide: bool, country: str, before: str,
        after: str) -> None:
    written = country + _grouped(number, groups, sep)
    written = written.translate(FULL_WIDTH) if wide else written
    shown = scrub_text(before + written + after)
    assert shown.startswith(before) and shown.endswith(after)
    middle = shown[len(before): len(before) + len(written)]
    expected = _digits_of(country) + number[:3] + "****" + number[-4:]
    assert _digits_of(middle) == expected
    assert _digits_of(mask_phone(written)) == expected


@pytest.mark.parametrize(("raw", "masked"), [
    ("电话139.1234.5670。", "电话139.****.5670。"),
    ("138 - 1234 - 5678", "138 - **** - 5678"),
    ("１３９１２３４５６７８", "１３９****５６７８"),
    ("4201 0619 6302 0372 71", "4201 06** **** **72 71"),
    ("420106-19630203-7271", "420106-********-7271"),
    ("４２０１０６１９６３０２０３７２７Ｘ", "４２０１０６********７２７Ｘ"),
    ("座机 010.6234.5678", "座机 010.****.5678"),
])
def test_written_forms_that_used_to_escape(raw: str, masked: str) -> None:
    assert scrub_text(raw) == masked
    for text in ("2024-01-05 至 2024-03-15，共 480 户", "2024.11.15-2024.12.31 13:00",
                 "GD20240001", "SL2024-00001", "WU001-1-101"):  # still readable
        assert scrub_text(f"{text}，{raw}") == f"{text}，{masked}"
