"""Every fast rule equals its field's parser: for each value it decides, the parser accepts
the value without a problem and makes the same value of it (generated values: valid,
near-valid, full-width, oddly spaced, garbage). And the rules do decide the common forms."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cscaudit.ingest import load_dictionary
from cscaudit.ingest.frame_columns import fast_rule
from cscaudit.ingest.frame_values import FULL_WIDTH
from cscaudit.ingest.parsers import column_parser
from cscaudit.ingest.values import PY_SPACE, SEPARATOR_CHARS, id_check_digit

DICTIONARY = load_dictionary()
WIDE = {half: wide for wide, half in FULL_WIDTH.items()}
SPACES = " \t\u3000\xa0\u2003\x1c\n"
FIELDS = {  # field type -> (table, field), required and not
    "date": [("service_ledger", "completed_at"), ("service_ledger", "received_at")],
    "datetime": [("incidents", "reported_at"), ("incidents", "occurred_at")],
    "int": [("service_ledger", "promised_days")],
    "number": [("staff", "training_hours")],
    "bool": [("service_ledger", "one_visit")],
    "enum": [("service_ledger", "status"), ("service_ledger", "rating"), ("surveys", "items")],
    "id_number": [("service_ledger", "id_number")],
    "phone": [("service_ledger", "phone")],
    "key": [("roster", "block"), ("service_ledger", "handler")],
    "tags": [("visits", "content"), ("visits", "group"), ("roster", "group")],
}


def decided(table: str, field: str, raws: list[str]) -> dict[str, Any]:
    """raw -> the value the fast rule decided, after checking it against the parser."""
    spec = DICTIONARY.tables[table].fields[field]
    parse = column_parser(spec, DICTIONARY, date1904=False, text_source=True,
                          required=spec.required)
    rule = fast_rule(spec, DICTIONARY)
    assert rule is not None
    distinct = pl.Series(raws, dtype=pl.Utf8()).unique(maintain_order=True)
    fast = rule(distinct, parse)
    assert len(fast.values) == len(fast.decided) == len(distinct)
    found: dict[str, Any] = {}
    for raw, value, ok in zip(distinct.to_list(), fast.values.to_list(), fast.decided.to_list(),
                              strict=True):
        if not ok:
            assert value is None
            continue
        expected, problem = parse(raw)
        assert problem is None, (raw, problem)
        if isinstance(expected, tuple):
            expected = list(expected)
        assert value == expected and type(value) is type(expected), (raw, value, expected)
        found[raw] = value
    return found


def messy(forms: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """A value as people type it: full-width here and there, spaces around or inside, or
    a character swapped for garbage."""
    @st.composite
    def written(draw: st.DrawFn) -> str:
        text = draw(forms)
        chars = [WIDE.get(c, c) if draw(st.booleans()) and c in WIDE else c for c in text]
        if chars and draw(st.integers(0, 4)) == 0:
            at = draw(st.integers(0, len(chars) - 1))
            chars[at] = draw(st.sampled_from([*SPACES, "x", "０", "-", "年", "\x00", "é", "Ⅸ",
                                              "٣", ",", "+", "E", "(", ";", "ﾞ"]))
        pad = st.text(alphabet=SPACES, max_size=2)
        return draw(pad) + "".join(chars) + draw(pad)
    return written()


def _date_forms() -> st.SearchStrategy[str]:
    numbers = st.integers(0, 10000)

    @st.composite
    def form(draw: st.DrawFn) -> str:
        y = draw(st.one_of(st.integers(2000, 2030), st.sampled_from([0, 1, 999, 1000, 9999])))
        m = draw(st.one_of(st.integers(1, 12), st.sampled_from([0, 13, 99])))
        d = draw(st.one_of(st.integers(1, 28), st.sampled_from([0, 29, 30, 31, 32, 99])))
        sep = draw(st.sampled_from(["-", "/", ".", " - "]))
        pad = draw(st.booleans())
        day = (f"{y:04d}{sep}{m:02d}{sep}{d:02d}" if pad else f"{y}{sep}{m}{sep}{d}")
        shape = draw(st.integers(0, 4))
        if shape == 1:
            day = f"{y:04d}年{m}月{d}日"
        elif shape == 2:
            day = f"{y:04d}{m:02d}{d:02d}"
        if draw(st.booleans()):
            h = draw(st.one_of(st.integers(0, 23), st.sampled_from([24, 25, 99])))
            mi, s = (draw(st.one_of(st.sampled_from([0, 9, 59, 60, 61, 99]), st.integers(0, 59)))
                     for _ in range(2))
            clock = draw(st.sampled_from([f" {h}:{mi:02d}", f"T{h:02d}:{mi:02d}:{s:02d}",
                                          f" {h}时{mi}分", f" {h}:{mi}:{s}.5", f"{h}点{mi}",
                                          f" {h}:{mi:02d}:{s:02d}"]))
            day += clock
        return day
    return st.one_of(form(), numbers.map(str), st.text(alphabet="0123456789-/.年月日 :T",
                                                       max_size=20))


def _id_forms() -> st.SearchStrategy[str]:
    first = st.text(alphabet="0123456789", min_size=17, max_size=17)
    return st.one_of(first.map(lambda f: f + id_check_digit(f)),
                     first.map(lambda f: f + id_check_digit(f).lower()),
                     first.map(lambda f: f + "7"),
                     st.text(alphabet="0123456789", min_size=15, max_size=15),
                     st.text(alphabet="0123456789Xx'=\"E+. ", max_size=20))


def _phone_forms() -> st.SearchStrategy[str]:
    return st.one_of(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True),
                     st.from_regex(r"(\+86|86-)?1[0-9]{2}[ .-]?[0-9]{4}[ .-]?[0-9]{4}",
                                   fullmatch=True),
                     st.from_regex(r"\(?0[0-9]{2,3}\)?[ -]?[0-9]{7,8}(-[0-9]{1,6})?",
                                   fullmatch=True),
                     st.text(alphabet="0123456789()-. +", max_size=16))


def _tag_forms(table: str, field: str) -> st.SearchStrategy[str]:
    spec = DICTIONARY.tables[table].fields[field]
    words = [w for names in DICTIONARY.labels_for(spec).values() for w in names]
    words += ["政策宣传", "健康状况", "子女联系方式", "聊天", "外星人", "住户无其他诉求", "讲解医保政策"]
    piece = st.one_of(st.sampled_from(words), st.text(alphabet="政策老人健康 ab", max_size=4))
    sep = st.text(alphabet=SEPARATOR_CHARS + " ", min_size=1, max_size=2)
    return st.lists(st.tuples(piece, sep), max_size=4).map(
        lambda parts: "".join(p + s for p, s in parts)[:-1] if parts else "")


GARBAGE = st.text(alphabet="0123456789年月日:-/.,+XxE是否yesnoT 　\u00a0ＡＢ", max_size=12)
FORMS: dict[str, st.SearchStrategy[str]] = {
    "date": _date_forms(), "datetime": _date_forms(),
    "int": st.one_of(st.integers(-10**16, 10**16).map(str),
                     st.from_regex(r"[+-]?[0-9]{1,3}(,[0-9]{3})*(\.0*)?(个|天)?", fullmatch=True)),
    "number": st.one_of(st.floats(allow_nan=False, allow_infinity=False).map(str),
                        st.from_regex(r"[+-]?0*[0-9]{1,17}(\.[0-9]{1,20})?", fullmatch=True)),
    "bool": st.sampled_from(["是", "否", "Y", "yes", "No", "TRUE", "t", "1", "0", "√", "×",
                             "✓", "有", "没有", "未", "也许", "Ｙ"]),
    "enum": st.sampled_from(["已办结", "办理中", "完成", "OK", "ok", "满意", "不满意", "未知",
                             "非常满意", "ＯＫ", "一般"]),
    "id_number": _id_forms(), "phone": _phone_forms(),
    "key": st.text(alphabet="社工A01Ｗ３ -_\u00e9\u4e00\u9fff\uf900", max_size=8),
}


@pytest.mark.parametrize(("kind", "table", "field"),
                         [(k, t, f) for k, fields in FIELDS.items() if k != "tags"
                          for t, f in fields])
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_rule_equals_parser(kind: str, table: str, field: str, data: st.DataObject) -> None:
    raws = data.draw(st.lists(st.one_of(messy(FORMS[kind]), FORMS[kind], GARBAGE),
                              min_size=10, max_size=60))
    decided(table, field, raws)


@pytest.mark.parametrize(("table", "field"), FIELDS["tags"])
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_tags_rule_equals_parser(table: str, field: str, data: st.DataObject) -> None:
    forms = _tag_forms(table, field)
    raws = data.draw(st.lists(st.one_of(forms, messy(forms), st.text(max_size=6)),
                              min_size=10, max_size=40))
    decided(table, field, raws)


def test_the_common_forms_are_decided() -> None:
    """Not a rule that never decides: the spellings exports use are read in polars."""
    dates = ["2024-03-05", "2024/3/5", "2024.3.5", "2024年3月5日", "20240305", "２０２４－０３－０５",
             " 2024-3-5 "]
    assert set(decided("service_ledger", "completed_at", dates).values()) == {dt.date(2024, 3, 5)}
    moments = decided("incidents", "reported_at", ["2024-03-05 14:30", "2024年3月5日 14时30分",
                                                   "2024-03-05T14:30:05", "20240305 14:30"])
    assert len(moments) == 4
    assert decided("service_ledger", "promised_days", ["5", "５", "1,000", "2.0"]) == {
        "5": 5, "５": 5, "1,000": 1000, "2.0": 2}
    assert decided("staff", "training_hours", ["1.5", "12"]) == {"1.5": 1.5, "12": 12.0}
    assert decided("service_ledger", "one_visit", ["是", "否", "Y", "0"]) == {
        "是": True, "否": False, "Y": True, "0": False}
    assert len(decided("service_ledger", "status", ["已办结", "办理中"])) == 2
    valid = "11010519491231002X"
    assert decided("service_ledger", "id_number", [valid, valid.lower(), "110105491231002",
                                                  "110105194912310021"]) == {
        valid: valid, valid.lower(): valid, "110105491231002": "110105491231002"}
    assert decided("service_ledger", "phone", ["13812345678", "138 1234 5678",
                                               "010-62345678", "12345"]) == {
        "13812345678": "13812345678", "138 1234 5678": "13812345678",
        "010-62345678": "010-62345678"}
    assert decided("service_ledger", "handler", ["社工01", " A1 ", "Ｗ３"]) == {
        "社工01": "社工01", " A1 ": "A1"}
    tags = decided("visits", "content", ["政策宣传、健康状况", "qqq", "政策宣传；政策宣传"])
    assert "qqq" not in tags and len(tags) == 2
    assert tags["政策宣传；政策宣传"] == tags["政策宣传、健康状况"][:1]


def test_tags_texts_with_stray_separators_are_decided() -> None:
    """A separator at either end or two in a row leave an empty piece, which the parser
    skips: such a text is decided in polars too, to the parser's codes, while a text of
    separators only (a blank required cell to the parser) goes to the parser."""
    plain = decided("visits", "content", ["政策宣传、健康状况"])["政策宣传、健康状况"]
    stray = ["、政策宣传、健康状况", "政策宣传、健康状况；", "政策宣传；；健康状况", "政策宣传\r\n健康状况",
             "政策宣传、\n健康状况"]
    assert decided("visits", "content", [*stray, "；、", "/"]) == dict.fromkeys(stray, plain)


def test_strip_is_python_strip() -> None:
    assert "".join(sorted(PY_SPACE)) == "".join(sorted(c for c in map(chr, range(0x110000))
                                                       if c.isspace()))


def test_dates_just_out_of_range_go_to_the_parser() -> None:
    near = ["2024-03-05 14:30:60", "2024-03-05 23:59:60", "2024-03-05 24:00", "2024-03-05 23:60",
            "2023-02-29", "2024-13-01", "2024-00-10", "0000-01-01", "20240230", "2024-3-32",
            "2024年2月30日", "2024-03-05 14:30:05.5", "2024 - 03 - 05", "2024年3月5日14:30"]
    for table, field in FIELDS["date"] + FIELDS["datetime"]:
        found = decided(table, field, near)
        assert set(found) == {"2024-03-05 14:30:05.5", "2024 - 03 - 05", "2024年3月5日14:30"}
