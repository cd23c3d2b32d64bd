"""Household addresses: every spelling of one room reads to one canonical key, different
rooms never share one, and ids that are not addresses are left alone."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cscaudit.ingest import load_dictionary
from cscaudit.ingest.address import chinese_number

RULES = load_dictionary().address


def key(text: str) -> str | None:
    found = RULES.key(text)
    return found.canonical if found else None


@pytest.mark.parametrize("spelling", [
    "5-2-101", "5栋2单元101室", "5号楼2单元101", "五栋二单元一〇一", "5幢2-101", "5—2—101",
    "5/2/101", "5 2 101", "５－２－１０１", "５栋２单元１０１室", "五栋二单元一零一室",
    "5栋2单元101号", "5栋2单元101户", "5号2单元101", "5座2单元101", "5楼2单元101室",
    "5栋2单元1层101室", " 5-2-101 ", "5栋 2单元 101室",
])
def test_spellings_of_one_room(spelling: str) -> None:
    assert key(spelling) == "5栋2单元101室"


@pytest.mark.parametrize(("spelling", "expected"), [
    ("A座1201", "A栋1201室"), ("Ａ座１２０１", "A栋1201室"), ("a座1201室", "A栋1201室"),
    ("十二栋二单元一百零一室", "12栋2单元101室"), ("5-101", "5栋101室"), ("5栋101", "5栋101室"),
    ("5-2-3-1", "5栋2单元3层1室"), ("5栋2单元3层1室", "5栋2单元3层1室"),
    ("阳光小区5栋2单元101室", "阳光5栋2单元101室"), ("阳光5-2-101", "阳光5栋2单元101室"),
    ("宁波市鄞州区中河街道和悦社区阳光小区5栋2单元3层301室", "阳光5栋2单元301室"),
    ("阳光花园5幢2-101", "阳光花园5栋2单元101室"), ("阳光一村12号", "阳光一村12室"),
])
def test_canonical_keys(spelling: str, expected: str) -> None:
    assert key(spelling) == expected


@pytest.mark.parametrize("not_address", [
    "H00123", "NI001", "C001-1-101", "HH-2024-0001", "101室", "12号", "", "张三", "5栋2单元",
])
def test_ids_are_not_addresses(not_address: str) -> None:
    assert key(not_address) is None


def test_floors_and_estates_tell_rooms_apart() -> None:
    assert key("5栋2单元3层1室") != key("5栋2单元4层1室")
    assert RULES.key("阳光5-2-101").room_key == RULES.key("明月5-2-101").room_key  # type: ignore[union-attr]
    assert key("阳光5-2-101") != key("明月5-2-101")


@pytest.mark.parametrize(("text", "value"), [
    ("一〇一", 101), ("一零一", 101), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23),
    ("一百零一", 101), ("一千二百零一", 1201), ("两", 2), ("五", 5), ("abc", None), ("", None),
])
def test_chinese_numbers(text: str, value: int | None) -> None:
    assert chinese_number(text) == value


def test_shapes_blank_the_numbers() -> None:
    assert RULES.shape("5栋2单元101室") == RULES.shape("12栋1单元1201室") == "#栋#单元#室"
    assert RULES.shape("5-2-101") != RULES.shape("5栋2单元101室")


def test_the_words_are_data() -> None:
    """A user's dictionary file adds a part label (门 for 单元) and it is used."""
    from cscaudit.ingest.dictionary import _shipped, build_dictionary

    extra = {"address": {"labels": {"unit": ["门"]}}}
    merged = build_dictionary([_shipped(), ("extra", extra)])
    assert merged.address.key("五栋二门一〇一").canonical == "5栋2单元101室"  # type: ignore[union-attr]
    assert key("五栋二门一〇一") != "5栋2单元101室"
    assert "单元" in merged.address.words.labels["unit"]


def test_a_label_holding_a_numeral_is_read_too() -> None:
    """Shapes blank numerals only while no word holds one; otherwise each text is read whole."""
    from cscaudit.ingest.address import AddressRules, AddressWords

    rules = AddressRules(AddressWords(labels={"building": ("栋",), "unit": ("单元",),
                                              "floor": ("一层",), "room": ("室",)}))
    assert rules.key("5栋2单元101室").canonical == "5栋2单元101室"  # type: ignore[union-attr]
    assert rules.key("五栋二单元一〇二室").canonical == "5栋2单元102室"  # type: ignore[union-attr]


# --- properties ---------------------------------------------------------------------------
_CN = "〇一二三四五六七八九"
_FULL = str.maketrans("0123456789-", "０１２３４５６７８９－")


def _cn(n: int) -> str:
    return "".join(_CN[int(d)] for d in str(n))


def _spellings(b: int, u: int, r: int) -> list[str]:
    return [
        f"{b}-{u}-{r}", f"{b}栋{u}单元{r}室", f"{b}号楼{u}单元{r}", f"{_cn(b)}栋{_cn(u)}单元{_cn(r)}",
        f"{b}幢{u}-{r}", f"{b}/{u}/{r}", f"{b}—{u}—{r}", f"{b} {u} {r}",
        f"{b}-{u}-{r}".translate(_FULL), f"{b}栋{u}单元{r}号", f"{b}座{u}单元{r}户",
    ]


rooms = st.tuples(st.integers(1, 99), st.integers(1, 12), st.integers(1, 3999))


@given(rooms, st.sampled_from(["", "阳光小区", "和悦家园", "东湖苑"]))
def test_every_spelling_of_a_room_reads_the_same(room: tuple[int, int, int], estate: str) -> None:
    keys = {key(estate + s) for s in _spellings(*room)}
    assert len(keys) == 1 and None not in keys


@given(rooms, rooms, st.integers(0, 10), st.integers(0, 10))
def test_different_rooms_never_share_a_key(a: tuple[int, int, int], b: tuple[int, int, int],
                                           i: int, j: int) -> None:
    spelled_a, spelled_b = _spellings(*a)[i], _spellings(*b)[j]
    assert (key(spelled_a) == key(spelled_b)) == (a == b)


@given(st.text(max_size=30))
def test_any_text_reads_or_is_refused(text: str) -> None:
    found = RULES.key(text)
    assert found is None or (found.room and found.canonical.endswith("室"))
