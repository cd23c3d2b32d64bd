"""Chinese residential addresses (门牌) as one canonical household key.

The same room is written many ways across systems: `5-2-101`, `5栋2单元101室`, `5号楼2单元101`,
`五栋二单元一〇一`, `5幢2-101`, `Ａ座1201`. `AddressRules.key(text)` reads any of them into an
`AddressKey` (estate, building, unit, floor, room) whose `canonical` text is the same for every
spelling of one room and different for different rooms. The words (part labels, separators,
the place words that precede an estate name) are data: the `address:` section of the field
dictionary. Numbers may be ASCII, full-width or Chinese (`一〇一`, `十二`, `一百零一`).

Reading, left to right: numbers followed by a part label take that part (`5栋`, `2单元`);
unlabelled numbers fill the parts in order building, unit, room, the last of a trailing run
always the room (`5-101` is building 5 room 101; `5幢2-101` unit 2 room 101); four unlabelled
numbers are building, unit, floor, room. The floor is dropped when the room number starts with
it (`3层301室` is room 301). Text before the first part is the estate (小区/苑/园 name), after the
last place word (市, 街道, 社区 …) and without a trailing generic suffix (小区). A text without a
room, with neither a building nor an estate, or with one unlabelled number only, is not an
address (an id such as `H00123`, a name such as 张三).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

PARTS = ("building", "unit", "floor", "room")
_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_CHARS = "".join(_CN_DIGITS) + "".join(_CN_UNITS)
_LATIN = re.compile(r"[A-Za-z]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_SHAPE_RUN = re.compile(rf"[0-9A-Za-z{_CN_CHARS}]+")
_CN_AS_DIGITS = str.maketrans({c: str(d) for c, d in _CN_DIGITS.items()})
_CN_SET = frozenset(_CN_DIGITS) | frozenset(_CN_UNITS)
_DIGITS_AND_CN = "0123456789" + _CN_CHARS
_MAX_NUMERAL_CHARS = 12  # no building or room number is longer; int() refuses 4300+ digits


def chinese_number(text: str) -> int | None:
    """`一〇一` -> 101 (read digit by digit), `十二` -> 12, `一百零一` -> 101; None if not one."""
    if not text or len(text) > _MAX_NUMERAL_CHARS or not _CN_SET.issuperset(text):
        return None
    if _CN_UNITS.keys().isdisjoint(text):
        return int(text.translate(_CN_AS_DIGITS))
    total, digit = 0, None
    for c in text:
        if c in _CN_DIGITS:
            digit = _CN_DIGITS[c]
        else:
            total += (1 if digit is None else digit) * _CN_UNITS[c]
            digit = None
    return total + (digit or 0)


class AddressKey(NamedTuple):
    """One room, whatever its spelling: tables compare the keys themselves (`room_key` leaves
    the estate out: an export that writes `5-2-101` names no estate); `canonical` is the text
    `inspect` and messages show. A named tuple: cheap to make and to hash, one is made per
    distinct spelling read."""

    estate: str
    building: str
    unit: str
    floor: str
    room: str

    @property
    def room_key(self) -> tuple[str, str, str, str]:
        return self[1:]

    @property
    def canonical(self) -> str:
        return self.estate + (f"{self.building}栋" if self.building else "") + \
            (f"{self.unit}单元" if self.unit else "") + \
            (f"{self.floor}层" if self.floor else "") + f"{self.room}室"


# a token: (where it starts, the number as written, its value, the part index it is labelled
# with or -1, whether the label is weak)
_Token = tuple[int, str, str, int, bool]
_UNLABELLED = -1
_ALL_PARTS = (0, 1, 2, 3)
_POSITIONAL = (0, 1, 3)  # building, unit, room: the parts an unlabelled number can be
_ROOM = 3


def _number(raw: str) -> str:
    """A number as the key writes it: no leading zeros, Chinese numerals as digits."""
    if raw.isascii():
        if raw.isdigit():
            return raw.lstrip("0") or "0"
        if raw.isalpha():
            return raw
        digits = raw[:-1]  # digits and one letter (101A)
        return (digits.lstrip("0") or "0") + raw[-1]
    value = chinese_number(raw)
    return "" if value is None else str(value)


@dataclass(frozen=True)
class AddressWords:
    """The words addresses are read with (the field dictionary's `address:` section)."""

    labels: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # part -> 号楼, 栋 …
    separators: tuple[str, ...] = ()
    place_words: tuple[str, ...] = ()  # text up to the last of these is not the estate
    estate_suffixes: tuple[str, ...] = ()  # generic suffixes dropped from an estate (小区)
    weak_room_labels: tuple[str, ...] = ()  # room labels that mean a room only at the end


@dataclass(frozen=True, slots=True)
class _Plan:
    """How every text of one shape (its digits and Chinese numerals blanked, one mark a
    character) reads. A run of numerals matches the token pattern alike whatever its numerals
    (no label or separator holds one), so the tokens and parts are the shape's. Each part is
    a run (its index, and a letter written after it) or a constant (a letter, which the shape
    keeps)."""

    parts: tuple[tuple[int, str] | None, ...]  # per part: (run index or -1, suffix or value)
    first_offset: int  # where the first placed token starts (the estate is the text before)


_NUMBER_RUN = re.compile(rf"[0-9]+|[{_CN_CHARS}]+")
# each digit and each Chinese numeral in a shape: private-use characters no export writes
_RUN_MARK, _CN_MARK = "\ue000", "\ue001"
_TO_SHAPE = str.maketrans({**dict.fromkeys("0123456789", _RUN_MARK), **dict.fromkeys(_CN_CHARS, _CN_MARK)})
_FROM_SHAPE = str.maketrans({_RUN_MARK: "0", _CN_MARK: "一"})
_NO_PLAN = _Plan((), 0)  # texts of this shape are not addresses


class AddressRules:
    """Reads addresses with one set of `AddressWords`; remembers each text it has read and
    the reading of each shape (`_Plan`), so a column of one spelling is tokenised once."""

    def __init__(self, words: AddressWords) -> None:
        self.words = words
        self._cache: dict[str, AddressKey | None] = {}
        self._plans: dict[str, _Plan] = {}
        # runs are blanked in shapes only while no word holds a numeral (else 一层 as a label
        # would read differently from 二层)
        self._blank = not any(_NUMBER_RUN.search(w) for w in (
            *(label for labels in words.labels.values() for label in labels), *words.separators))
        self._by_label = {label: at for at, part in enumerate(PARTS)
                          for label in words.labels.get(part, ())}
        self._weak = frozenset(words.weak_room_labels)
        label_re = "|".join(map(re.escape, sorted(self._by_label, key=len, reverse=True))) or "(?!)"
        seps = "".join(re.escape(s) for s in words.separators if s)
        sep = rf"[{seps}\s]|$"
        # a letter, or a Chinese numeral, is a number only before a label, a separator or the
        # end (阳光一村 is a name, H00123 an id)
        self._token_re = re.compile(
            rf"(?P<num>[0-9]+[A-Z]?|[A-Z]|[{_CN_CHARS}]+)\s*(?P<label>{label_re})"
            rf"|(?P<bare>[0-9]+[A-Z]?(?![A-Z])|(?:[A-Z]|[{_CN_CHARS}]+)(?={sep}))")
        self._sep_re = re.compile(rf"[{seps}\s]+")
        places = "|".join(map(re.escape, sorted(words.place_words, key=len, reverse=True)))
        self._place_re = re.compile(rf"^.*(?:{places})") if places else None

    def key(self, text: object) -> AddressKey | None:
        """The address key of a cell's text, or None when it is not an address."""
        if not isinstance(text, str):
            return None
        cache = self._cache
        if text in cache:
            return cache[text]
        found = cache[text] = self._read(text)
        if len(cache) > 200_000:  # distinct spellings are bounded by households; stay bounded
            cache.clear()
        return found

    def _tokens(self, text: str) -> list[_Token]:
        tokens: list[_Token] = []
        by_label, weak = self._by_label, self._weak
        for m in self._token_re.finditer(text):
            num, label, bare = m.group(1, 2, 3)
            raw = num or bare
            value = _number(raw)
            if value:
                tokens.append((m.start(), raw, value, by_label[label] if label else _UNLABELLED,
                               label in weak))
        if tokens:
            # a weak room label (号) followed by more numbers was a building or a house number
            tokens = [(t[0], t[1], t[2], _UNLABELLED, False) if t[4] else t
                      for t in tokens[:-1]] + tokens[-1:]
        return tokens

    def _plan(self, shape: str) -> _Plan:
        """The reading of every text of this shape, worked out once on the shape itself with
        0 for each digit and 一 for each Chinese numeral (see `_Plan`)."""
        text = shape.translate(_FROM_SHAPE)
        tokens = self._tokens(text)
        assigned = _assign(tokens)
        if assigned is None:
            return _NO_PLAN
        slots, first = assigned
        if slots[_ROOM] < 0 or (len(tokens) == 1 and tokens[0][3] == _UNLABELLED):
            return _NO_PLAN  # no room, or a lone unlabelled number (张三, 12)
        run_starts = ({m.start(): k for k, m in enumerate(_NUMBER_RUN.finditer(text))}
                      if self._blank else {})
        parts: list[tuple[int, str] | None] = []
        for index in slots:
            if index < 0:
                parts.append(None)
                continue
            start, raw, value = tokens[index][:3]
            run = run_starts.get(start)
            parts.append((-1, value) if run is None else (run, raw.lstrip(_DIGITS_AND_CN)))
        return _Plan(tuple(parts), tokens[first][0])

    def _read(self, raw: str) -> AddressKey | None:
        text = raw.strip().upper() if raw.isascii() else \
            unicodedata.normalize("NFKC", raw).strip().upper()
        if _RUN_MARK in text or _CN_MARK in text:
            return None
        runs = _NUMBER_RUN.findall(text) if self._blank else []
        shape = text.translate(_TO_SHAPE) if runs else text
        plan = self._plans.get(shape)
        if plan is None:
            if len(self._plans) > 10_000:
                self._plans.clear()
            plan = self._plans[shape] = self._plan(shape)
        if plan is _NO_PLAN:
            return None
        values = []
        for part in plan.parts:
            if part is None:
                values.append("")
            else:
                run, text_or_suffix = part
                values.append(text_or_suffix if run < 0 else _number(runs[run]) + text_or_suffix)
        building, unit, floor, room = values
        prefix = text[:plan.first_offset]
        if prefix and _LATIN.search(prefix) and not _CJK.search(prefix):
            return None  # HH-2024-0001 is an id, not building 2024
        estate = self._estate(prefix) if prefix else ""
        if not building and not _CJK.search(estate):
            return None
        if floor and room.startswith(floor) and len(room) > len(floor):
            floor = ""
        return AddressKey(estate, building, unit, floor, room)

    def _estate(self, prefix: str) -> str:
        if self._place_re is not None:
            prefix = self._place_re.sub("", prefix)
        prefix = self._sep_re.sub("", prefix)
        for suffix in self.words.estate_suffixes:
            if prefix.endswith(suffix) and len(prefix) > len(suffix):
                return prefix[: -len(suffix)]
        return prefix

    def shape(self, text: object) -> str:
        """The spelling of a value with its numbers blanked: `5栋2单元101室` -> `#栋#单元#室`.
        Values of one shape were written by one system; `inspect` and the link message show
        one example per shape."""
        if not isinstance(text, str):
            return "#"
        return _SHAPE_RUN.sub("#", unicodedata.normalize("NFKC", text).strip())


def _assign(tokens: list[_Token]) -> tuple[list[int], int] | None:
    """Which token fills each part (building, unit, floor, room; -1 when none), see the module
    docstring, and which token is the first placed (the estate is the text before it); None
    when the tokens contradict each other."""
    slots = [-1, -1, -1, -1]
    first, prev, i, n = -1, -1, 0, len(tokens)
    while i < n:
        part = tokens[i][3]
        if part != _UNLABELLED:
            if part <= prev:
                return None
            slots[part], prev = i, part
            first = i if first < 0 else first
            i += 1
            continue
        j = i + 1
        while j < n and tokens[j][3] == _UNLABELLED:
            j += 1
        size = j - i
        later = tokens[j][3] if j < n else len(PARTS)
        free = [p for p in (_ALL_PARTS if size == 4 else _POSITIONAL) if prev < p < later]
        if size > len(free):
            if first < 0 and later < len(PARTS):  # a house number before the address
                i = j
                continue
            return None
        chosen = free[:size] if later < len(PARTS) else free[: size - 1] + free[-1:]
        for k, p in enumerate(chosen):
            slots[p] = i + k
        prev = chosen[-1]
        first = i if first < 0 else first
        i = j
    return (slots, first) if first >= 0 else None


def address_rules(raw: Mapping[str, object] | None) -> AddressRules:
    """Rules from the field dictionary's merged `address:` section."""
    data = dict(raw or {})

    def words(name: str) -> tuple[str, ...]:
        value = data.get(name)
        return tuple(str(x) for x in value) if isinstance(value, list | tuple) else ()

    labels_raw = data.get("labels")
    labels = ({str(k): tuple(str(x) for x in v) for k, v in labels_raw.items()
               if isinstance(v, list | tuple)} if isinstance(labels_raw, Mapping) else {})
    return AddressRules(AddressWords(
        labels=labels, separators=words("separators"), place_words=words("place_words"),
        estate_suffixes=words("estate_suffixes"), weak_room_labels=words("weak_room_labels")))
