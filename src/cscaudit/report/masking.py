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
from collections.abc import Callable

MASK = "*"

# Two-character surnames common enough to matter; a name starting with one keeps both.
_SURNAMES_TEXT = (
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 端木 独孤 "
    "南宫 西门 百里 呼延 澹台 申屠 太史 闻人 万俟 赫连 钟离 宗政 濮阳 淳于 单于 公冶 "
    "太叔 仲孙 司空 谷梁 拓跋 第五 左丘 东郭"
)
COMPOUND_SURNAMES = frozenset(_SURNAMES_TEXT.split(" "))
_NAME_SEPARATORS = frozenset("·•・. \u3000-")

_NOT_DIGIT_BEFORE = r"(?<![0-9])"
_NOT_DIGIT_AFTER = r"(?![0-9])"
_ID_RE = re.compile(_NOT_DIGIT_BEFORE + r"(?:\d{17}[\dXx]|\d{15})" + _NOT_DIGIT_AFTER)
_MOBILE_RE = re.compile(
    _NOT_DIGIT_BEFORE + r"(?:(?:\+|00)?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}" + _NOT_DIGIT_AFTER
)
_LANDLINE_RE = re.compile(
    _NOT_DIGIT_BEFORE + r"(?:\(0\d{2,3}\)|0\d{2,3})[- ]\d{7,8}" + _NOT_DIGIT_AFTER
)
_SCRUB_RE = re.compile(f"{_ID_RE.pattern}|{_MOBILE_RE.pattern}|{_LANDLINE_RE.pattern}")


def mask_id_number(value: str) -> str:
    """Mask a resident ID number: keep the first 6 and the last 4 characters.

    Values of 10 characters or fewer cannot keep both ends and are masked whole.
    Surrounding whitespace is dropped.
    """
    v = value.strip()
    if len(v) <= 10:
        return MASK * len(v)
    return v[:6] + MASK * (len(v) - 10) + v[-4:]


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
    `010-62345678 -> 010-****5678`, `(0755)8765432 -> (0755)***5432`. A number too short to
    keep 4 digits and still hide 4 is masked whole.
    """
    v = value.strip()
    digits = "".join(ch for ch in v if ch.isdigit() or ch == MASK)
    country = re.match(r"^(?:\+|00)?86[- ]?(?=1[3-9])", v) if len(digits) > 11 else None
    if country:
        return country.group(0) + mask_phone(v[country.end():])
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
    if _ID_RE.fullmatch(found):
        return mask_id_number(found)
    return mask_phone(found)


def scrub_text(value: str) -> str:
    """Mask every ID-number- or phone-looking number inside free text.

    A number counts only when it is not part of a longer run of digits: 18 digits (the last
    may be `X`) or 15 digits are an ID number; an 11-digit mobile (`1[3-9]`, optional `+86`,
    optional `-`/space groups 3-4-4) and a landline with its area code and a separator are
    phone numbers. Names inside free text cannot be recognised reliably and are not touched:
    fields known to hold names are masked with `mask_name` by the reader.
    """
    if not value:
        return value
    return _SCRUB_RE.sub(_mask_match, value)


def scrubber(show_pii: bool) -> Callable[[str], str]:
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
