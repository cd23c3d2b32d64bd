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

PARTS = ("building", "unit", "floor", "room")
_POSITIONAL = ("building", "unit", "room")  # the parts an unlabelled number can be
_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_CHARS = "".join(_CN_DIGITS) + "".join(_CN_UNITS)
_LATIN = re.compile(r"[A-Za-z]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_SHAPE_RUN = re.compile(rf"[0-9A-Za-z{_CN_CHARS}]+")


def chinese_number(text: str) -> int | None:
    """`一〇一` -> 101 (read digit by digit), `十二` -> 12, `一百零一` -> 101; None if not one."""
    if not text or any(c not in _CN_DIGITS and c not in _CN_UNITS for c in text):
        return None
    if not any(c in _CN_UNITS for c in text):
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    total, digit = 0, None
    for c in text:
        if c in _CN_DIGITS:
            digit = _CN_DIGITS[c]
        else:
            total += (1 if digit is None else digit) * _CN_UNITS[c]
            digit = None
    return total + (digit or 0)


@dataclass(frozen=True, slots=True)
class AddressKey:
    """One room, whatever its spelling. `room_key` leaves the estate out (an export that
    writes `5-2-101` names no estate); `canonical` is what tables compare and `inspect` shows."""

    estate: str
    building: str
    unit: str
    floor: str
    room: str

    @property
    def room_key(self) -> str:
        floor = f"{self.floor}层" if self.floor else ""
        building = f"{self.building}栋" if self.building else ""
        unit = f"{self.unit}单元" if self.unit else ""
        return f"{building}{unit}{floor}{self.room}室"

    @property
    def canonical(self) -> str:
        return self.estate + self.room_key


@dataclass(frozen=True, slots=True)
class _Token:
    start: int
    end: int
    value: str
    part: str | None  # the labelled part, None when unlabelled
    weak: bool  # labelled by an ambiguous word (号) that names the room only at the end


def _number(raw: str) -> str:
    if raw[0].isdigit():
        digits = raw.rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        return str(int(digits)) + raw[len(digits):]
    if raw.isalpha() and raw.isascii():
        return raw
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


class AddressRules:
    """Reads addresses with one set of `AddressWords`; remembers each text it has read."""

    def __init__(self, words: AddressWords) -> None:
        self.words = words
        self._cache: dict[str, AddressKey | None] = {}
        self._by_label = {label: part for part in PARTS for label in words.labels.get(part, ())}
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
        by_label = self._by_label
        for m in self._token_re.finditer(text):
            raw, label = m.group("num") or m.group("bare"), m.group("label")
            value = _number(raw)
            if not value:
                continue
            part = by_label.get(label) if label else None
            tokens.append(_Token(m.start(), m.end(), value, part,
                                 bool(label) and label in self.words.weak_room_labels))
        return tokens

    def _read(self, raw: str) -> AddressKey | None:
        text = unicodedata.normalize("NFKC", raw).strip().upper()
        tokens = self._tokens(text)
        # a weak room label (号) followed by more numbers was a building or a house number
        tokens = [t if not (t.weak and i < len(tokens) - 1) else
                  _Token(t.start, t.end, t.value, None, False) for i, t in enumerate(tokens)]
        parts = _assign(tokens)
        if parts is None:
            return None
        slots, first = parts
        if "room" not in slots or (len(slots) == 1 and tokens[-1].part is None):
            return None  # a lone unlabelled number (张三, 12) names no room
        prefix = text[:first]
        if _LATIN.search(prefix) and not _CJK.search(prefix):
            return None  # HH-2024-0001 is an id, not building 2024
        estate = self._estate(prefix)
        if "building" not in slots and not _CJK.search(estate):
            return None
        floor = slots.get("floor", "")
        if floor and slots["room"].startswith(floor) and len(slots["room"]) > len(floor):
            floor = ""
        return AddressKey(estate, slots.get("building", ""), slots.get("unit", ""), floor,
                          slots["room"])

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


def _assign(tokens: list[_Token]) -> tuple[dict[str, str], int] | None:
    """Parts from tokens (see the module docstring); None when they contradict each other.
    Also returns where the first placed token starts (the estate is the text before it)."""
    slots: dict[str, str] = {}
    first: int | None = None
    prev = -1  # index in PARTS of the last part filled
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.part is not None:
            at = PARTS.index(tok.part)
            if tok.part in slots or at <= prev:
                return None
            slots[tok.part], prev = tok.value, at
            first = tok.start if first is None else first
            i += 1
            continue
        run = [tok]
        while i + len(run) < len(tokens) and tokens[i + len(run)].part is None:
            run.append(tokens[i + len(run)])
        later = next((PARTS.index(t.part) for t in tokens[i + len(run):] if t.part), len(PARTS))
        free = [p for p in (PARTS if len(run) == 4 else _POSITIONAL)
                if prev < PARTS.index(p) < later and p not in slots]
        if len(run) > len(free):
            if first is None and later < len(PARTS):  # a house number before the address
                i += len(run)
                continue
            return None
        chosen = free[: len(run)] if later < len(PARTS) else free[: len(run) - 1] + free[-1:]
        for t, part in zip(run, chosen, strict=True):
            slots[part] = t.value
        prev = PARTS.index(chosen[-1])
        first = run[0].start if first is None else first
        i += len(run)
    return slots, (first or 0)


@dataclass
class Spellings:
    """Shapes of the values of one column (`AddressRules.shape`): how many of each, and the
    first value of each as its example."""

    rules: AddressRules
    counts: dict[str, int] = field(default_factory=dict)
    example: dict[str, str] = field(default_factory=dict)
    _shape_of: dict[str, str] = field(default_factory=dict)

    def add(self, value: object) -> None:
        if not isinstance(value, str):
            return
        shape = self._shape_of.get(value)
        if shape is None:
            shape = self.rules.shape(value)
            if len(self._shape_of) < 100_000:
                self._shape_of[value] = shape
        if shape in self.counts:
            self.counts[shape] += 1
        elif len(self.counts) < 1_000:
            self.counts[shape], self.example[shape] = 1, value

    def examples(self, limit: int = 3) -> tuple[str, ...]:
        """One example per shape, the most common shapes first."""
        ranked = sorted(self.counts, key=lambda shape: (-self.counts[shape], shape))
        return tuple(self.example[shape] for shape in ranked[:limit])


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
