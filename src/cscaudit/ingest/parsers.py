"""Per-column parsers chosen once per table, memoised for the values that repeat.

`column_parser(spec, ...)` returns `resolve(raw) -> (value, problem)`, the full parse; a
`Memo` wraps it in a dict that caches clean values, so the reader's hot loop does one C-level
lookup per cell. Dates, enums, tags and bools repeat a lot, so almost every cell of
a long table is a cache hit. Caches are bounded so memory does not grow with the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import cache, partial
from typing import TYPE_CHECKING, Any

from cscaudit.i18n import t
from cscaudit.ingest import dates, values
from cscaudit.ingest.dictionary import FieldDictionary, FieldSpec
from cscaudit.ingest.model import CellValue
from cscaudit.ingest.problems import Problem, Result

if TYPE_CHECKING:
    from cscaudit.config.standard_model import ContentTag

MISSING = Problem("missing-value", t("必填项为空：请在台账中补填后重新导出", "required value is empty: fill it in the ledger and export again"))
MEMO_CAP = 20_000  # distinct raw values cached per column
Parse = Callable[[object], Result]
_MEMO_TYPES = frozenset(["int", "number", "date", "datetime", "bool", "enum", "tags", "items"])


def is_memoised_key(spec: FieldSpec) -> bool:
    """A key that repeats (户号 and a worker's name on every visit) is worth caching; a
    record id (unique) never repeats, so it is folded inline instead."""
    return spec.type == "key" and not spec.unique


class Memo(dict[Any, Any]):
    """Raw cell -> parsed value for one column, parsing on a miss (`__missing__`).

    Lookups happen in C (`map(operator.getitem, memos, cells)`); only a value never seen
    before runs Python. A clean value is cached (up to `cap` entries); a problem is appended
    to the plan's shared `pending` list as (column index, field, raw, problem) and the
    reader collects it after the row.
    """

    def __init__(self, resolve: Callable[[object], Result], index: int, field: str,
                 pending: list[tuple[int, str, CellValue, Problem]], cap: int) -> None:
        super().__init__()
        self.resolve, self.index, self.field = resolve, index, field
        self.pending, self.cap = pending, cap

    def __missing__(self, raw: Any) -> Any:
        value, problem = self.resolve(raw)
        if problem is None:
            if len(self) < self.cap:
                self[raw] = value
        else:
            self.pending.append((self.index, self.field, raw, problem))
        return value


def _content_tags() -> Mapping[str, ContentTag]:
    """The standard's content tags."""
    from cscaudit.config.standard import load_standard

    return load_standard().content_tags


def content_tag_words() -> dict[str, tuple[str, ...]]:
    """Tag code -> the words an exported tag list may use for it (label first, then
    synonyms), from the standard."""
    return {str(code): tuple(tag.tag_words) for code, tag in _content_tags().items()}


@cache
def content_keywords() -> Mapping[str, tuple[str, ...]]:
    """Tag code -> its tag words (label and synonyms) and keywords, from the standard."""
    return {str(code): tuple(dict.fromkeys((*tag.tag_words, *tag.keywords)))
            for code, tag in _content_tags().items()}


@cache
def content_phrasings() -> Mapping[str, re.Pattern[str]]:
    """Tag code -> one pattern of its families of free-text phrasings, from the standard."""
    return {str(code): re.compile("|".join(p.pattern() for p in tag.phrasings))
            for code, tag in _content_tags().items() if tag.phrasings}


def content_labels(dictionary: FieldDictionary) -> dict[str, tuple[str, ...]]:
    """Every content tag: the standard's labels and keywords plus the dictionary's keywords."""
    merged = dict(content_keywords())
    for code, kws in dictionary.content_keywords.items():
        merged[code] = merged.get(code, ()) + tuple(k for k in kws if k not in merged.get(code, ()))
    return merged


def base_parse(spec: FieldSpec, dictionary: FieldDictionary, *, date1904: bool,
               text_source: bool) -> Parse:
    """The pure parse function of one field type."""
    kind = spec.type
    if kind == "date":
        return partial(dates.parse_date_value, date1904=date1904, text_source=text_source)
    if kind == "datetime":
        return partial(dates.parse_datetime_value, date1904=date1904, text_source=text_source)
    if kind == "int":
        return values.parse_int
    if kind == "number":
        return values.parse_number
    if kind == "bool":
        return values.parse_bool
    if kind in ("enum", "items"):
        return values.make_enum_parser(dictionary.labels_for(spec))
    if kind == "tags":
        if spec.vocabulary == "content":
            labels = content_labels(dictionary)
            return values.make_tags_parser(dict.fromkeys(labels, ()), labels, content_phrasings())
        return values.make_tags_parser(dictionary.labels_for(spec))
    if kind == "id_number":
        return values.parse_id_number
    if kind == "phone":
        return values.parse_phone
    if kind == "key":
        return values.parse_key
    return values.parse_text


def column_parser(spec: FieldSpec, dictionary: FieldDictionary, *, date1904: bool,
                  text_source: bool, required: bool = False) -> Callable[[object], Result]:
    """The full parse of one column, with a cache of the values that had problems.

    For a required column an empty cell is a `MISSING` problem.
    """
    base = base_parse(spec, dictionary, date1904=date1904, text_source=text_source)
    empty = () if spec.type == "tags" else None
    flagged: dict[Any, Result] = {}

    def resolve(raw: object) -> Result:
        try:
            hit = flagged.get(raw)
        except TypeError:  # an unhashable cell: never from csv or calamine, but be safe
            hit = None
        if hit is not None:
            return hit
        value, problem = base(raw)
        if required and problem is None and (value is None or value == ()):
            value, problem = empty, MISSING
        if problem is not None and len(flagged) < MEMO_CAP:
            flagged[raw] = (value, problem)
        return value, problem

    return resolve


def is_memoised(spec: FieldSpec) -> bool:
    """Whether clean values of this field repeat enough to be worth caching."""
    return spec.type in _MEMO_TYPES or is_memoised_key(spec)
