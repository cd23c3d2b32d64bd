"""Value parsers: golden cases and property tests (dates, bools, enums, tags, ID numbers)."""

from __future__ import annotations

import datetime as dt
import sys
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cscaudit.ingest.dates import parse_date_value, parse_datetime_value, serial_to_datetime
from cscaudit.ingest.values import (
    FALSE_LABELS,
    SEPARATOR_CHARS,
    TRUE_LABELS,
    id_check_digit,
    make_enum_parser,
    make_tags_parser,
    parse_bool,
    parse_id_number,
    parse_int,
    parse_phone,
)
from cscaudit.masking import mask_phone

D = dt.date(2024, 3, 5)


@pytest.mark.parametrize("raw", [
    "2024-03-05", "2024/3/5", "2024.3.5", "2024年3月5日", "20240305", " 2024-03-05 ",
    "２０２４－０３－０５", "2024年3月5日 14:30", "2024-03-05T14:30:00", "2024/3/5 9:05:01",
    D, dt.datetime(2024, 3, 5, 23, 59), 45356, 45356.75,
])
def test_date_forms(raw: object) -> None:
    assert parse_date_value(raw, text_source=False) == (D, None)


def test_datetime_keeps_time_and_fills_midnight() -> None:
    assert parse_datetime_value("2024年3月5日14时30分")[0] == dt.datetime(2024, 3, 5, 14, 30)
    assert parse_datetime_value("2024-03-05")[0] == dt.datetime(2024, 3, 5)
    assert parse_datetime_value(45356.5, text_source=False)[0] == dt.datetime(2024, 3, 5, 12)


def test_serial_in_csv_text_is_converted_and_flagged() -> None:
    value, problem = parse_date_value("45356", text_source=True)
    assert value == D and problem is not None and problem.code == "serial-date"
    assert problem.severity == "warning"


def test_serial_60_is_refused_and_neighbours_are_right() -> None:
    value, problem = parse_date_value(60, text_source=False)
    assert value is None and problem is not None and problem.code == "serial-60"
    assert parse_date_value(59, text_source=False)[0] == dt.date(1900, 2, 28)
    assert parse_date_value(61, text_source=False)[0] == dt.date(1900, 3, 1)
    assert parse_date_value(1, text_source=False)[0] == dt.date(1900, 1, 1)


def test_1904_date_system() -> None:
    assert parse_date_value(0, date1904=True, text_source=False)[0] == dt.date(1904, 1, 1)
    assert parse_date_value(60, date1904=True, text_source=False)[0] == dt.date(1904, 3, 1)


@pytest.mark.parametrize("raw", ["2024-13-01", "2024-02-30", "明天", "3/5", "-5", True])
def test_bad_dates(raw: object) -> None:
    value, problem = parse_date_value(raw)
    assert value is None and problem is not None and problem.code == "bad-date"


def test_empty_date_is_none_without_problem() -> None:
    assert parse_date_value("   ") == (None, None)


@given(st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(9999, 12, 31)))
def test_date_text_round_trip(day: dt.date) -> None:
    for text in (day.isoformat(), f"{day.year}年{day.month}月{day.day}日",
                 f"{day.year}/{day.month}/{day.day}", day.strftime("%Y%m%d")):
        assert parse_date_value(text) == (day, None)


@given(st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(9999, 12, 31)))
def test_serial_round_trip(day: dt.date) -> None:
    serial = (day - dt.date(1899, 12, 30)).days
    assert parse_date_value(serial, text_source=False) == (day, None)
    value = serial_to_datetime(serial)
    assert value is not None and value.date() == day


@given(st.one_of(st.text(max_size=30), st.integers(), st.floats(allow_nan=True), st.booleans()))
def test_date_parser_never_raises(raw: object) -> None:
    value, problem = parse_date_value(raw)
    assert value is None or isinstance(value, dt.date)
    assert (value is None) or problem is None or problem.severity == "warning"


@pytest.mark.parametrize("raw", [*TRUE_LABELS, "是", "Y", "TRUE", "√", True])
def test_bool_true(raw: object) -> None:
    assert parse_bool(raw) == (True, None)


@pytest.mark.parametrize("raw", [*FALSE_LABELS, "否", "N", "False", "×", False])
def test_bool_false(raw: object) -> None:
    assert parse_bool(raw) == (False, None)


@given(st.text(max_size=10))
def test_bool_parser_total(raw: str) -> None:
    value, problem = parse_bool(raw)
    assert (value is None) == (problem is not None or not raw.strip())


def test_int_full_width_units_and_floats() -> None:
    assert parse_int("１２") == (12, None)
    assert parse_int("3个工作日") == (3, None)
    assert parse_int(5.0) == (5, None)
    assert parse_int("1,200") == (1200, None)
    assert parse_int("五")[1] is not None
    assert parse_int(2.5)[1] is not None


RATING = {"very_satisfied": ("非常满意",), "satisfied": ("满意",), "dissatisfied": ("不满意",)}


def test_enum_labels_codes_and_width_folding() -> None:
    parse = make_enum_parser(RATING)
    assert parse("满意") == ("satisfied", None)
    assert parse(" 非常满意 ") == ("very_satisfied", None)
    assert parse("satisfied") == ("satisfied", None)
    value, problem = parse("还行")
    assert value is None and problem is not None and "非常满意" in problem.message.zh


@given(st.sampled_from([label for labels in RATING.values() for label in labels]),
       st.sampled_from(["", " ", "\u3000"]))
def test_enum_property(label: str, pad: str) -> None:
    code = next(c for c, labels in RATING.items() if label in labels)
    assert make_enum_parser(RATING)(pad + label + pad) == (code, None)


GROUPS = {"elderly": ("老年人",), "elderly_alone": ("独居老人", "空巢老人"), "disabled": ("残疾人",)}
CONTENT = {"health_status": ("健康状况", "健康"), "children_contact": ("子女联系方式",),
           "policy_publicity": ("政策宣传",)}


def test_tags_split_on_every_separator() -> None:
    parse = make_tags_parser(GROUPS)
    for sep in "；;、，,/\n":
        assert parse(f"独居老人{sep}残疾人") == (("elderly_alone", "disabled"), None)


def test_closed_tags_refuse_unknown_labels() -> None:
    value, problem = make_tags_parser(GROUPS)("独居老人、外星人")
    assert value == ("elderly_alone",)
    assert problem is not None and problem.code == "bad-enum" and problem.severity == "error"


def test_content_keywords_match_free_text_and_count_misses() -> None:
    parse = make_tags_parser(dict.fromkeys(CONTENT, ()), CONTENT)
    assert parse("了解健康状况并登记子女联系方式")[0] == ("health_status", "children_contact")
    assert parse("政策宣传；聊天气") == (("policy_publicity",), None)
    value, problem = parse("聊天气；问好")
    assert value == ()
    assert problem is not None and problem.code == "untagged" and "聊天气" in problem.message.zh


@given(st.lists(st.sampled_from(["独居老人", "残疾人", "老年人"]), min_size=1, max_size=3),
       st.sampled_from(["、", ";", "，", "/"]))
def test_tags_property(labels: list[str], sep: str) -> None:
    value, problem = make_tags_parser(GROUPS)(sep.join(labels))
    assert problem is None
    assert set(value) == {next(c for c, ls in GROUPS.items() if lab in ls) for lab in labels}
    assert len(value) == len(set(value))


def test_every_character_that_folds_to_a_separator_separates() -> None:
    folds_to_one = {chr(c) for c in range(sys.maxunicode + 1)
                    if not 0xD800 <= c <= 0xDFFF
                    and unicodedata.normalize("NFKC", chr(c)) in ";、,/|\n\r"}
    assert folds_to_one <= set(SEPARATOR_CHARS)


_PIECES = ["独居老人", "残疾人", "老年人", "健康状况", "子女联系方式", "政策宣传", "聊天气", " ", "",
           "ＡＢＣ", "\u3000", "健 康 状 况", "A", "１２"]


@given(st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from(SEPARATOR_CHARS + " ")), max_size=8),
       st.text(max_size=6))
def test_tags_read_the_same_whether_or_not_the_text_was_folded_first(
        parts: list[tuple[str, str]], noise: str) -> None:
    """The raw text is split unfolded for speed: folding it first must change nothing."""
    raw = "".join(piece + sep for piece, sep in parts) + noise
    folded = unicodedata.normalize("NFKC", raw)
    for parse in (make_tags_parser(GROUPS), make_tags_parser(dict.fromkeys(CONTENT, ()), CONTENT)):
        assert parse(raw) == parse(folded)


def _valid_id(first17: str) -> str:
    return first17 + id_check_digit(first17)


def test_id_numbers() -> None:
    good = _valid_id("11010119900307757")
    assert parse_id_number(good) == (good, None)
    assert parse_id_number(good.lower()) == (good, None)
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    assert parse_id_number(bad)[1] is not None
    assert parse_id_number(bad)[1].code == "bad-id-check-digit"  # type: ignore[union-attr]
    for mangled in (1.10101199001011e17, "1.10101199001011E+17"):
        value, problem = parse_id_number(mangled)
        assert value is None and problem is not None and problem.code == "id-number-as-float"
    assert parse_id_number("110101900307757") == ("110101900307757", None)  # 15-digit
    assert parse_id_number("１１０１０１") [1].code == "bad-id-number"  # type: ignore[union-attr]


@given(st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_id_check_digit_property(first17: str) -> None:
    good = _valid_id(first17)
    assert parse_id_number(good) == (good, None)
    wrong = next(c for c in "0123456789X" if c != good[17])
    assert parse_id_number(first17 + wrong)[1] is not None


@given(st.one_of(st.text(max_size=25), st.floats(), st.integers()))
def test_id_parser_never_raises(raw: object) -> None:
    parse_id_number(raw)


def test_phones() -> None:
    assert parse_phone("138 1234 5678") == ("13812345678", None)
    assert parse_phone(13812345678.0) == ("13812345678", None)
    assert parse_phone("010-12345678") == ("010-12345678", None)
    assert parse_phone("+86 13812345678") == ("13812345678", None)
    assert parse_phone("12345")[1] is not None


@pytest.mark.parametrize(("written", "number"), [
    ("139.1234.5670", "13912345670"), ("１３９．１２３４．５６７０", "13912345670"),
    ("139　1234　5670", "13912345670"), ("138—1234—5678", "13812345678"),
    ("138 - 1234 - 5678", "13812345678"), ("+86 139.1234.5670", "13912345670"),
    ("010.6234.5678", "01062345678"), ("０１０－６２３４５６７８", "010-62345678"),
])
def test_phones_spelled_with_dots_spaces_or_full_width(written: str, number: str) -> None:
    """The spellings the masker recognises as phones are phones to the reader too."""
    assert parse_phone(written) == (number, None)
    assert mask_phone(written) != written  # and the masker hides them


@pytest.mark.parametrize("written", ["139.1234.567", "1391234567.0.1", "139..", "-"])
def test_not_phones_even_with_dots(written: str) -> None:
    assert parse_phone(written)[1] is not None
