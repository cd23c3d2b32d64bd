"""Parsers for every non-date field type: text, key, int, number, bool, enum, tags, ID, phone.

Each parser takes a raw cell (str from CSV; str/int/float/bool/date from XLSX) and returns
`(value, Problem | None)`. They are pure and deterministic, so the reader memoises them.
"""

from __future__ import annotations

import functools
import math
import operator
import re
import unicodedata
from collections.abc import Callable, Mapping

from cscaudit.i18n import t
from cscaudit.ingest.headers import cell_text
from cscaudit.ingest.problems import Problem, Result

# Tags are split on ; 、 , / | and line breaks, and on every character NFKC folds to one of
# them (full-width, small and vertical forms), so the raw text is split without folding it.
SEPARATOR_CHARS = ";、,/|\n\r" "；，／｜､" "\u037e\ufe10\ufe11\ufe14\ufe50\ufe51\ufe54"
TAG_SEPARATORS = re.compile("[" + re.escape(SEPARATOR_CHARS) + "]+")
_INT = re.compile(r"^([+-]?\d+)(?:\.0*)?\s*(?:个工作日|工作日|个|天|日|人|次|小时|学时|h)?$")
_NUMBER = re.compile(r"^([+-]?\d+(?:\.\d+)?)\s*(?:个工作日|工作日|天|日|人|次|小时|学时|h)?$")
_ID18 = re.compile(r"^\d{17}[\dX]$")
_ID15 = re.compile(r"^\d{15}$")
_FORCED = re.compile(r'^="(.*)"$')
_FLOATY = re.compile(r"^\d(?:\.\d+)?E\+?\d+$")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(?:-\d{1,6})?$|^\d{7,8}$")
# what people put between a phone number's groups (besides spaces and brackets): dots and
# every dash, as `cscaudit.masking` reads them
_PHONE_GAPS = re.compile(r"[.\-\u2010-\u2015\u2212\u30fb\u00b7]+")
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
# every character for which str.isspace() holds: what str.strip() takes off both ends (for
# polars' strip_chars, which alone keeps \x1c-\x1f)
PY_SPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
            "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")

TRUE_LABELS = ("是", "y", "yes", "√", "✓", "✔", "1", "true", "t", "有", "对", "已")
FALSE_LABELS = ("否", "n", "no", "×", "✗", "✘", "x", "0", "false", "f", "无", "没有", "未")
_BOOLS = {**dict.fromkeys(TRUE_LABELS, True), **dict.fromkeys(FALSE_LABELS, False)}

KEYWORD_HINT = t("（如属标准要求的走访内容，请在字段字典中为其添加关键词）",
                 " (if it is content the standard requires, add a keyword for it in the field dictionary)")
BAD_INT = t("不是整数：请填写整数（如 5）", "not a whole number: write a whole number such as 5")
BAD_NUMBER = t("不是数字：请只填写数字", "not a number: write digits only")
MAX_DIGITS = 15  # a count, day limit or hour total never has more; Excel keeps no more
TOO_LARGE = t(f"数值过大（超过 {MAX_DIGITS} 位数字）：请核对并填写实际数值",
              f"the number is too large (more than {MAX_DIGITS} digits): check it and write "
              "the real value")
BAD_BOOL = t("无法识别的是/否值，请填 是 或 否", "not a yes/no value: write 是 or 否")
BAD_ID_FLOAT = t("身份证号被存成了数字（科学计数法），后几位已丢失：请把该列设为文本后重新导出",
                 "ID number stored as a number (scientific notation), its last digits are lost: "
                 "set the column to text and export again")
BAD_ID_FORMAT = t("身份证号应为 18 位（或旧式 15 位）：请核对", "ID number must have 18 (or old-style 15) digits: please check it")
BADID_CHECK = t("身份证号校验位不符，请核对", "ID number check digit does not match: please check")
BAD_PHONE = t("电话号码格式不对（手机 11 位，座机含区号）",
              "not a phone number (mobile: 11 digits; landline with area code)")


def fold(raw: object) -> str:
    """Cell text, NFKC-folded (full-width digits and punctuation to half-width), trimmed."""
    return unicodedata.normalize("NFKC", cell_text(raw)).strip()


_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=8192)
def label_key(text: str) -> str:
    """The comparable form of an enum label. Remembered: every read of a table makes its
    parsers' label indexes of the same labels again, and the same values repeat."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text)).casefold()


def parse_text(raw: object) -> Result:
    text = cell_text(raw)
    return (text or None), None


def key_text(raw: object) -> str | None:
    """A key (户号, 编号, a worker's name) as tables compare it: trimmed and NFKC-folded, so
    ＮＩ００１ in one export matches NI001 in another; None when empty."""
    if type(raw) is str and raw.isascii():
        return raw.strip() or None
    return fold(raw) or None


def parse_key(raw: object) -> Result:
    return key_text(raw), None


def parse_int(raw: object) -> Result:
    if isinstance(raw, bool):
        return None, Problem("bad-int", BAD_INT)
    if isinstance(raw, int | float) and _too_large(abs(raw)):
        return None, Problem("bad-int", TOO_LARGE)
    if isinstance(raw, int):
        return raw, None
    if isinstance(raw, float):
        return (int(raw), None) if raw.is_integer() else (None, Problem("bad-int", BAD_INT))
    text = fold(raw).replace(",", "")
    if not text:
        return None, None
    m = _INT.match(text)
    if m is None:
        return None, Problem("bad-int", BAD_INT)
    if len(m.group(1).lstrip("+-0")) > MAX_DIGITS:
        return None, Problem("bad-int", TOO_LARGE)
    return int(m.group(1)), None


def _too_large(magnitude: int | float) -> bool:
    """Beyond `MAX_DIGITS` digits, or not finite (inf, NaN from a workbook)."""
    if isinstance(magnitude, float) and not math.isfinite(magnitude):
        return True
    return bool(magnitude >= 10 ** MAX_DIGITS)


def parse_number(raw: object) -> Result:
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        if _too_large(abs(raw)):
            return None, Problem("bad-number", TOO_LARGE)
        return float(raw), None
    text = fold(raw).replace(",", "")
    if not text:
        return None, None
    m = _NUMBER.match(text)
    if m is None:
        return None, Problem("bad-number", BAD_NUMBER)
    if len(m.group(1).split(".")[0].lstrip("+-0")) > MAX_DIGITS:
        return None, Problem("bad-number", TOO_LARGE)
    return float(m.group(1)), None


def parse_bool(raw: object) -> Result:
    if isinstance(raw, bool):
        return raw, None
    text = fold(raw).casefold()
    if not text:
        return None, None
    value = _BOOLS.get(text)
    return (value, None) if value is not None else (None, Problem("bad-bool", BAD_BOOL))


def enum_index(labels: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    """Comparable label (and the code itself) -> code."""
    index: dict[str, str] = {}
    for code, names in labels.items():
        index.setdefault(label_key(code), code)
        for name in names:
            index.setdefault(label_key(name), code)
    return index


def make_enum_parser(labels: Mapping[str, tuple[str, ...]]) -> Callable[[object], Result]:
    index = enum_index(labels)
    shown = "、".join(names[0] for names in labels.values() if names)
    bad = t(f"无法识别的取值，可填：{shown}", f"unknown value; accepted: {shown}")

    def parse_enum(raw: object) -> Result:
        text = fold(raw)
        if not text:
            return None, None
        code = index.get(label_key(text))
        return (code, None) if code is not None else (None, Problem("bad-enum", bad))

    return parse_enum


def make_tags_parser(labels: Mapping[str, tuple[str, ...]],
                     keywords: Mapping[str, tuple[str, ...]] | None = None,
                     phrasings: Mapping[str, re.Pattern[str]] | None = None,
                     ) -> Callable[[object], Result]:
    """Split on `；;、，,/` and newlines; each piece maps to codes by label, else by keyword,
    and (free text) by the phrasing families of each code (`讲解…政策`).

    Codes come out in first-seen order without repeats. With keywords (visit content, free
    text) a cell none of whose pieces matches is a warning (`untagged`, counted); pieces that
    match nothing next to pieces that do are filler ("住户无其他诉求") and are dropped quietly. Without keywords (a closed list such as resident groups) it is an error
    (`bad-enum`) naming the accepted labels.
    """
    index = enum_index(labels)
    words: list[tuple[str, str]] = []
    for code, kws in (keywords or {}).items():
        words.extend((label_key(k), code) for k in kws if k)
    for code, names in labels.items():
        words.extend((label_key(n), code) for n in names if len(n) > 1)
    words.sort(key=lambda kw: -len(kw[0]))
    code_of: dict[str, list[str]] = {}  # a keyword listed under several tags credits each
    for kw, code in words:
        if code not in code_of.setdefault(kw, []):
            code_of[kw].append(code)
    keyword_re = re.compile("|".join(re.escape(kw) for kw, _ in words)) if words else None
    unknown = t("部分内容无法对应到标准的类别：", "some content matches no category of the standard: ")
    shown = "、".join(names[0] for names in labels.values() if names)
    closed = keywords is None
    piece_codes: dict[str, dict[str, None]] = {}  # pieces repeat across free texts: parse each once
    split = TAG_SEPARATORS.split
    normalize = unicodedata.normalize

    def classify(piece: str) -> dict[str, None]:
        """The codes of one piece (in order, as dict keys), `_BLANK_PIECE` for a blank one."""
        key = label_key(piece)
        if not key:
            return _BLANK_PIECE
        exact = index.get(key)
        if exact is None:
            found = dict.fromkeys(_by_keyword(key, keyword_re, code_of))
            for code, pattern in (phrasings or {}).items():
                if code not in found and pattern.search(key):
                    found[code] = None
            return found
        return dict.fromkeys([exact, *code_of.get(key, ())])

    def parse_tags(raw: object) -> Result:
        # Split the raw text: the separators include their full-width forms, and each new
        # piece is NFKC-folded when it is classified, so folding the whole cell first (as
        # costly as the rest of the parse) changes nothing.
        text = raw.strip() if type(raw) is str else cell_text(raw)
        if not text:
            return (), None
        codes: dict[str, None] = {}
        missed: list[str] | None = None
        for piece in split(text):
            found = piece_codes.get(piece)
            if found is None:
                found = classify(piece)
                if len(piece_codes) < _PIECE_CACHE_LIMIT:
                    piece_codes[piece] = found
            if found:
                codes.update(found)
            elif found is not _BLANK_PIECE:
                if missed is None:
                    missed = []
                missed.append(normalize("NFKC", piece).strip())
        if missed and closed:
            return tuple(codes), Problem("bad-enum", t(
                f"无法识别的取值：{'、'.join(missed)}；可填：{shown}",
                f"unknown value: {', '.join(missed)}; accepted: {shown}"))
        if missed and not codes:  # filler around recognised content is normal
            return tuple(codes), Problem("untagged", unknown + t("、".join(missed), ", ".join(missed)) + KEYWORD_HINT,
                                         "warning")
        return tuple(codes), None

    return parse_tags


_BLANK_PIECE: dict[str, None] = {}
_PIECE_CACHE_LIMIT = 200_000


def _by_keyword(key: str, keyword_re: re.Pattern[str] | None,
                code_of: dict[str, list[str]]) -> list[str]:
    """Codes whose keywords occur in `key`, in the order they appear in the text.

    One alternation, longest keyword first, scanned left to right without overlaps: at any
    position the longest keyword wins, so `子女联系方式` is not also read as a shorter keyword
    inside it.
    """
    if keyword_re is None:
        return []
    found: list[str] = []
    for match in keyword_re.finditer(key):
        found.extend(c for c in code_of[match.group()] if c not in found)
    return found


def id_check_digit(first17: str) -> str:
    """The GB 11643 check character of the first 17 digits."""
    return ID_CHECK[sum(map(operator.mul, map(int, first17), ID_WEIGHTS)) % 11]


def unforce(text: str) -> str:
    """The value inside Excel's text-forcing forms that system exports write: `'330…` and
    `="330…"` (both keep a number from being turned into one)."""
    if text.startswith("'"):
        return text[1:].strip()
    m = _FORCED.match(text)
    return m.group(1).strip() if m else text


def parse_id_number(raw: object) -> Result:
    """ID numbers stay text. Numbers with 16 or more digits have lost digits to the float
    (refused); an old-style 15-digit number is still exact and is kept."""
    if isinstance(raw, float | int) and not isinstance(raw, bool):
        if 1e14 <= raw < 1e15 and raw == int(raw):
            raw = str(int(raw))
        elif raw >= 1e14:
            return None, Problem("id-number-as-float", BAD_ID_FLOAT)
    text = unforce(fold(raw)).upper().replace(" ", "")
    if not text:
        return None, None
    if _FLOATY.match(text):
        return None, Problem("id-number-as-float", BAD_ID_FLOAT)
    if _ID15.match(text):
        return text, None
    if not _ID18.match(text):
        return text, Problem("bad-id-number", BAD_ID_FORMAT, "warning")
    if id_check_digit(text[:17]) != text[17]:
        return text, Problem("bad-id-check-digit", BADID_CHECK, "warning")
    return text, None


def parse_phone(raw: object) -> Result:
    """Digits kept as text: mobiles as 11 digits, landlines as `area-number`."""
    text = unforce(fold(raw))
    if not text:
        return None, None
    compact = re.sub(r"[\s()（）]", "", text)
    compact = compact.removeprefix("+86").removeprefix("86-")
    dashed = _PHONE_GAPS.sub("-", compact).strip("-")  # 139.1234.5670, 010—6234 5678
    digits = dashed.replace("-", "")
    if _MOBILE.match(digits):
        return digits, None
    for spelling in (compact, dashed, digits):
        if _LANDLINE.match(spelling):
            return spelling, None
    return text, Problem("bad-phone", BAD_PHONE, "warning")
