"""The field dictionary: the input contract as data (`standards/field-dictionary.yaml`).

`load_dictionary()` reads the shipped dictionary once (cached). `load_dictionary(extra)` adds a
user's own file of the same kind: its headers, names, labels and keywords are appended to the
shipped ones (a user can add synonyms, never remove them), and it may declare new fields.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from cscaudit.config.yamlio.model import YamlMapping
from cscaudit.i18n import Text
from cscaudit.ingest.address import AddressRules, address_rules
from cscaudit.ingest.headers import normalize_header
from cscaudit.resources import standards_dir

FIELD_TYPES = frozenset(
    ["text", "key", "int", "number", "date", "datetime", "bool", "enum", "tags", "id_number",
     "phone", "items"]
)


@dataclass(frozen=True)
class FieldSpec:
    """One canonical field of one table."""

    name: str
    type: str
    title: Text
    required: bool = False
    pii: str | None = None  # "name" | "id_number" | "phone"
    headers: tuple[str, ...] = ()
    fallback_headers: tuple[str, ...] = ()
    header_prefixes: tuple[str, ...] = ()
    vocabulary: str | None = None  # a named vocabulary ("group", "rating", "content")
    values: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # enum code -> labels
    unique: bool = False  # a record id: a value seen on an earlier row is a data issue


@dataclass(frozen=True)
class TableSpec:
    """One table of the contract: its names (file stems, sheet names) and fields."""

    name: str
    title: Text
    names: tuple[str, ...]
    fields: Mapping[str, FieldSpec]

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields.values() if f.required)

    def header_index(self) -> dict[str, str]:
        """Normalised header -> field, primary headers only (fallbacks are resolved later)."""
        index: dict[str, str] = {}
        for spec in self.fields.values():
            for header in (spec.name, *spec.headers):
                index.setdefault(normalize_header(header), spec.name)
        return index


@dataclass(frozen=True)
class FieldDictionary:
    """Every table, the shared vocabularies and the content keywords."""

    tables: Mapping[str, TableSpec]
    vocabularies: Mapping[str, Mapping[str, tuple[str, ...]]]
    content_keywords: Mapping[str, tuple[str, ...]]
    sources: tuple[str, ...] = ()  # files the dictionary was built from
    address: AddressRules = field(default_factory=lambda: address_rules(None))

    def table(self, name: str) -> TableSpec:
        return self.tables[name]

    def labels_for(self, spec: FieldSpec) -> Mapping[str, tuple[str, ...]]:
        """Code -> labels of an enum, tags or items field (its own values or its vocabulary)."""
        if spec.values:
            return spec.values
        if spec.vocabulary and spec.vocabulary in self.vocabularies:
            return self.vocabularies[spec.vocabulary]
        return {}

    def table_for_name(self, name: str) -> str | None:
        """The table a file stem or sheet name stands for, or None.

        An exact (normalised) name wins; otherwise the longest known name contained in it
        (`2024年走访记录` -> visits).
        """
        key = normalize_header(name)
        best: tuple[int, str] | None = None
        for table in self.tables.values():
            for known in (table.name, *table.names):
                norm = normalize_header(known)
                if not norm:
                    continue
                if norm == key:
                    return table.name
                if norm in key and (best is None or len(norm) > best[0]):
                    best = (len(norm), table.name)
        return best[1] if best else None


def _text(raw: Any, fallback: str) -> Text:
    if isinstance(raw, Mapping):
        return Text(str(raw.get("zh", fallback)), str(raw.get("en", fallback)))
    return Text(fallback, fallback)


def _labels(raw: Any) -> tuple[str, ...]:
    return tuple(str(x) for x in raw) if isinstance(raw, list) else ()


def _merge(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
    return a + tuple(x for x in b if x not in a)


def _merge_map(a: Mapping[str, tuple[str, ...]], raw: Any) -> dict[str, tuple[str, ...]]:
    merged = dict(a)
    if isinstance(raw, Mapping):
        for code, labels in raw.items():
            merged[str(code)] = _merge(merged.get(str(code), ()), _labels(labels))
    return merged


def _field(name: str, raw: Mapping[str, Any], base: FieldSpec | None) -> FieldSpec:
    if base is None:
        return FieldSpec(
            name=name, type=str(raw.get("type", "text")), title=_text(raw.get("title"), name),
            required=bool(raw.get("required", False)), pii=raw.get("pii"),
            headers=_labels(raw.get("headers")),
            fallback_headers=_labels(raw.get("fallback_headers")),
            header_prefixes=_labels(raw.get("header_prefixes")),
            vocabulary=raw.get("vocabulary"), values=_merge_map({}, raw.get("values")),
            unique=bool(raw.get("unique", False)),
        )
    return FieldSpec(
        name=name, type=base.type, title=base.title, required=base.required, pii=base.pii,
        headers=_merge(base.headers, _labels(raw.get("headers"))),
        fallback_headers=_merge(base.fallback_headers, _labels(raw.get("fallback_headers"))),
        header_prefixes=_merge(base.header_prefixes, _labels(raw.get("header_prefixes"))),
        vocabulary=base.vocabulary, values=_merge_map(base.values, raw.get("values")),
        unique=base.unique,
    )


def _table(name: str, raw: Mapping[str, Any], base: TableSpec | None) -> TableSpec:
    fields: dict[str, FieldSpec] = dict(base.fields) if base else {}
    for fname, fraw in (raw.get("fields") or {}).items():
        fields[str(fname)] = _field(str(fname), fraw, fields.get(str(fname)))
    names = _merge(base.names if base else (), _labels(raw.get("names")))
    title = base.title if base else _text(raw.get("title"), name)
    return TableSpec(name=name, title=title, names=names, fields=fields)


def build_dictionary(documents: list[tuple[str, YamlMapping]]) -> FieldDictionary:
    """Merge loaded documents, first the shipped one, then user extensions, in order."""
    tables: dict[str, TableSpec] = {}
    vocabularies: dict[str, dict[str, tuple[str, ...]]] = {}
    keywords: dict[str, tuple[str, ...]] = {}
    address: dict[str, Any] = {}
    for _, data in documents:
        address = _merge_address(address, data.get("address"))
        for vname, vraw in (data.get("vocabularies") or {}).items():
            vocabularies[str(vname)] = _merge_map(vocabularies.get(str(vname), {}), vraw)
        keywords = _merge_map(keywords, data.get("content_keywords"))
        for tname, traw in (data.get("tables") or {}).items():
            tables[str(tname)] = _table(str(tname), traw, tables.get(str(tname)))
    return FieldDictionary(tables=tables, vocabularies=vocabularies, content_keywords=keywords,
                           sources=tuple(path for path, _ in documents),
                           address=address_rules(address))


def _merge_address(merged: dict[str, Any], raw: Any) -> dict[str, Any]:
    """The `address:` sections merged: word lists appended, part labels per part."""
    if not isinstance(raw, Mapping):
        return merged
    out = dict(merged)
    for name, words in raw.items():
        if name == "labels":
            out["labels"] = _merge_map(out.get("labels", {}), words)
        else:
            out[str(name)] = _merge(out.get(str(name), ()), _labels(words))
    return out


def default_dictionary_path() -> Path:
    return standards_dir() / "field-dictionary.yaml"


@cache
def _shipped() -> tuple[str, Mapping[str, Any]]:
    from cscaudit.config.documents import load_document

    path = default_dictionary_path()
    return (str(path), load_document(path, "field-dictionary").data)


@cache
def _default_dictionary() -> FieldDictionary:
    return build_dictionary([_shipped()])


def load_dictionary(extra: Path | None = None) -> FieldDictionary:
    """The shipped field dictionary, extended by `extra` (a field-dictionary file) if given.

    Raises ConfigError (via `load_document`) when either file is not a valid dictionary.
    """
    if extra is None:
        return _default_dictionary()
    from cscaudit.config.documents import load_document

    user = load_document(extra, "field-dictionary").data
    return build_dictionary([_shipped(), (str(extra), user)])
