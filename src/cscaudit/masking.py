"""Masking of personal data (ID numbers, phone numbers, names) in every output.

Shapes, the same everywhere in cscaudit:

- resident ID number: keep the 6-digit region code and the last 4 characters,
  `110101199001011234 -> 110101********1234` (15-digit old cards: `110101*****1234`);
- mobile: keep the 3-digit prefix and the last 4 digits, `13812345678 -> 138****5678`;
  a `+86`/`86` country prefix is kept as written;
- landline: keep the area code and the last 4 digits, `010-62345678 -> 010-****5678`;
- name: keep the surname, mask every other character, `张三 -> 张*`; a known two-character
  (compound) surname is kept whole when the name is longer than it, `欧阳娜娜 -> 欧阳**`.
  Separators inside a name (`·`, spaces) are kept so the shape stays readable.

`scrub_text` finds ID- and phone-looking numbers inside free text (a visit note, an evidence
key, a raw cell value) and masks each in place; everything else is left untouched. Masking
keeps the length of every value, and applying it twice changes nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache

MASK = "*"

# Two-character surnames common enough to matter; a name starting with one keeps both.
_SURNAMES_TEXT = (
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 端木 独孤 "
    "南宫 西门 百里 呼延 澹台 申屠 太史 闻人 万俟 赫连 钟离 宗政 濮阳 淳于 单于 公冶 "
    "太叔 仲孙 司空 谷梁 拓跋 第五 左丘 东郭"
)
COMPOUND_SURNAMES = frozenset(_SURNAMES_TEXT.split(" "))
_NAME_SEPARATORS = frozenset("·•・. \u3000-")

# Characters folded to ASCII before matching: any decimal digit (full-width `１`, other
# scripts), full-width `Ｘ`, `＋`, `（` `）` and the dashes, dots and spaces people put between
# groups. One character for one, so a match found in the folded text masks the same
# positions of the original (full-width digits kept where they are kept).
_FOLD = {"Ｘ": "X", "ｘ": "x", "＋": "+", "（": "(", "）": ")", "－": "-", "—": "-", "–": "-",
         "‐": "-", "‑": "-", "−": "-", "．": ".", "\u3000": " ", "\u00a0": " ",
         **{chr(0xFF10 + n): str(n) for n in range(10)}}
_FOLD_TABLE = str.maketrans(_FOLD)
_OTHER_DIGIT = re.compile(r"(?![0-9])\d")  # a decimal digit of another script (not full-width)


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    digit = unicodedata.decimal(ch, None)
    return str(digit) if digit is not None else ch


def fold(text: str) -> str:
    """`text` with digits, `Ｘ`, dashes, dots and spaces as ASCII, one character for one."""
    if text.isascii():
        return text
    folded = text.translate(_FOLD_TABLE)
    if _OTHER_DIGIT.search(folded):
        folded = "".join(_fold_char(ch) for ch in folded)
    return folded


def _unfold(original: str, masked: str) -> str:
    """`original` with a mask where the folded text got one (same length)."""
    if original == masked:
        return original
    return "".join(MASK if m == MASK and o != m else o for o, m in zip(original, masked, strict=True))


_NOT_DIGIT_BEFORE = r"(?<![0-9])"
_NOT_DIGIT_AFTER = r"(?![0-9])"
_G = r"(?:[ \t]{0,2}[-.][ \t]{0,2}|[ \t]{1,2})?"  # an optional separator between groups
_ID18_GROUPS = ((17,), (6, 8, 3), (6, 4, 4, 3), (4, 4, 4, 4, 1), (3, 3, 4, 4, 3))
_ID15_GROUPS = ((15,), (6, 6, 3), (6, 4, 2, 3))
_ID_PATTERN = "|".join(
    [_G.join(f"[0-9]{{{n}}}" for n in groups) + "[0-9Xx]" for groups in _ID18_GROUPS]
    + [_G.join(f"[0-9]{{{n}}}" for n in groups) for groups in _ID15_GROUPS])
_ID_RE = re.compile(_NOT_DIGIT_BEFORE + f"(?:{_ID_PATTERN})" + _NOT_DIGIT_AFTER)
_MOBILE_PATTERN = rf"(?:(?:\+|00)?86{_G})?1[3-9][0-9]{_G}[0-9]{{4}}{_G}[0-9]{{4}}"
_LANDLINE_PATTERN = rf"(?:\(0[0-9]{{2,3}}\)[ \t]?|0[0-9]{{2,3}}[ \t]{{0,2}}[-.][ \t]{{0,2}}|0[0-9]{{2,3}}[ \t]{{1,2}})" \
                    rf"[0-9]{{3,4}}{_G}[0-9]{{4}}"
_SCRUB_RE = re.compile(_NOT_DIGIT_BEFORE + f"(?:(?P<id>{_ID_PATTERN})|{_MOBILE_PATTERN}|{_LANDLINE_PATTERN})"
                       + _NOT_DIGIT_AFTER)


def mask_id_number(value: str) -> str:
    """Mask a resident ID number: keep the first 6 and the last 4 characters.

    Separators between groups (`420106 19630203 7271`, `-`) stay in place and do not count;
    full-width digits count as digits. Values of 10 characters or fewer cannot keep both
    ends and are masked whole. Surrounding whitespace is dropped.
    """
    v = value.strip()
    folded = fold(v)
    positions = [i for i, ch in enumerate(folded) if ch.isalnum() or ch == MASK]
    if len(positions) <= 10:
        return _unfold(v, "".join(MASK if ch.isalnum() else ch for ch in folded))
    hidden = set(positions[6:-4])
    return _unfold(v, "".join(MASK if i in hidden else ch for i, ch in enumerate(folded)))


def _mask_digits_between(value: str, keep_head: int, keep_tail: int) -> str:
    """Mask the digits of `value` except the first `keep_head` and last `keep_tail` digits;
    non-digit characters (separators, `+`) are kept, `*` counts as an already masked digit."""
    positions = [i for i, ch in enumerate(value) if ch.isdigit() or ch == MASK]
    if len(positions) <= keep_head + keep_tail:
        hidden = set(positions)
    else:
        hidden = set(positions[keep_head: len(positions) - keep_tail])
    return "".join(MASK if i in hidden else ch for i, ch in enumerate(value))


def mask_phone(value: str) -> str:
    """Mask a phone number, mobile or landline, keeping its prefix and last 4 digits.

    `13812345678 -> 138****5678`, `+86 13812345678 -> +86 138****5678`,
    `010-62345678 -> 010-****5678`, `(0755)8765432 -> (0755)***5432`; separators
    (`139.1234.5670`, `138 - 1234 - 5678`) stay, full-width digits count as digits. A number
    too short to keep 4 digits and still hide 4 is masked whole.
    """
    v = value.strip()
    return _unfold(v, _mask_folded_phone(fold(v)))


def _mask_folded_phone(v: str) -> str:
    digits = "".join(ch for ch in v if ch.isdigit() or ch == MASK)
    country = re.match(r"^(?:\+|00)?86[- ]?(?=1[3-9])", v) if len(digits) > 11 else None
    if country:
        return country.group(0) + _mask_folded_phone(v[country.end():])
    if len(digits) < 8:
        return _mask_digits_between(v, 0, 0)
    if digits.startswith("1"):
        return _mask_digits_between(v, 3, 4)
    area = re.match(r"^\(?(0\d{2,3})\)?[- ]", v) or re.match(r"^\((0\d{2,3})\)", v)
    if area:
        return area.group(0) + _mask_digits_between(v[area.end():], 0, 4)
    # a landline written without a separator: the area code is ambiguous, keep 3 digits
    return _mask_digits_between(v, 3, 4)


def mask_name(value: str) -> str:
    """Mask a person's name: the surname stays, every other letter becomes `*`.

    A name starting with a compound surname (`欧阳`, `司马`, ...) keeps both characters when
    the name is longer than the surname. Separators (`·`, spaces) stay in place.
    """
    v = value.strip()
    if not v:
        return v
    keep = 2 if len(v) > 2 and v[:2] in COMPOUND_SURNAMES else 1
    return v[:keep] + "".join(ch if ch in _NAME_SEPARATORS else MASK for ch in v[keep:])


def _mask_match(match: re.Match[str]) -> str:
    found = match.group(0)
    return mask_id_number(found) if match.group("id") else _mask_folded_phone(found)


def scrub_text(value: str) -> str:
    """Mask every ID-number- or phone-looking number inside free text.

    A number counts only when it is not part of a longer run of digits: 18 digits (the last
    may be `X`) or 15 digits are an ID number, also in groups (6-8-4, 6-4-4-4, 4-4-4-4-2,
    3-3-4-4-4; 6-6-3) split by spaces, `-` or `.`; an 11-digit mobile (`1[3-9]`, optional
    `+86`, groups 3-4-4 split the same way) and a landline with its area code and a
    separator are phone numbers. Full-width and other decimal digits count as digits. Names
    inside free text cannot be recognised reliably and are not touched: fields known to
    hold names are masked with `mask_name` by the reader.
    """
    if not value:
        return value
    folded = fold(value)
    masked = _SCRUB_RE.sub(_mask_match, folded)
    return value if masked == folded else _unfold(value, masked)


def mask_names(value: str, names: Iterable[str]) -> str:
    """`value` with every one of `names` in it masked as a name (`陈佳 -> 陈*`), the longest
    first (a name inside a longer one is masked with it)."""
    for name in sorted(names, key=len, reverse=True):
        if name in value:
            value = value.replace(name, mask_name(name))
    return value


def scrubber(*, show_pii: bool) -> Callable[[str], str]:
    """`scrub_text`, or the identity when the user asked to see personal data."""
    if show_pii:
        return _identity
    return scrub_text


def _identity(value: str) -> str:
    return value


MASKERS: dict[str, Callable[[str], str]] = {
    "id_number": mask_id_number,
    "phone": mask_phone,
    "name": mask_name,
    "text": scrub_text,
}


# Canonical fields of the field dictionary that hold personal data, and how to mask them.
FIELD_PII: dict[str, str] = {
    "resident": "name", "applicant": "name", "id_number": "id_number", "phone": "phone",
}


def mask_field(value: str | None, field: str | None) -> str | None:
    """Mask a raw cell value of a canonical field: whole when the field is personal data,
    else scrubbed as free text."""
    return mask_value(value, FIELD_PII.get(field or ""))


def mask_value(value: str | None, pii: str | None) -> str | None:
    """Mask `value` whole as the given kind of personal data (`id_number`, `phone`, `name`),
    or scrub it as free text when `pii` is None or unknown."""
    if value is None or value == "":
        return value
    return MASKERS.get(pii or "text", scrub_text)(value)
