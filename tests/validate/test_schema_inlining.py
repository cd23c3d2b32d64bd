"""Inlining local `$ref`s (a speed-up) must not change what any schema accepts or reports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from cscaudit.config.documents import document_kind
from cscaudit.config.schemas import inline_local_refs, known_kinds, schema_for
from cscaudit.config.yamlio import YamlError, load_yaml

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = ["standards", "checklists", "samples", "tests/validate/fixtures"]


def _documents() -> list[Any]:
    docs: list[Any] = []
    for folder in FOLDERS:
        for path in sorted((ROOT / folder).rglob("*.yaml"))[:80]:
            try:
                docs.append(load_yaml(path).data)
            except YamlError:
                continue
    return docs


def _errors(validator: Any, data: Any) -> list[tuple[str, str, str]]:
    return sorted((str(e.validator), "/".join(map(str, e.absolute_path)), e.message)
                  for e in validator.iter_errors(data))


@pytest.mark.parametrize("kind", known_kinds())
def test_inlined_schema_reports_the_same_errors(kind: str) -> None:
    original = Draft202012Validator(schema_for(kind),
                                    format_checker=Draft202012Validator.FORMAT_CHECKER)
    inlined = Draft202012Validator(inline_local_refs(schema_for(kind)),
                                   format_checker=Draft202012Validator.FORMAT_CHECKER)
    docs = [d for d in _documents() if document_kind(d) == kind]
    # broken variants too: every top-level value replaced by a wrong type
    broken = [{**d, key: 12345} for d in docs[:5] if isinstance(d, dict) for key in d]
    for data in [*docs, *broken, {}, {"kind": kind}, []]:
        assert _errors(inlined, data) == _errors(original, data)


def test_recursive_and_annotated_refs_are_kept() -> None:
    schema = {"$defs": {"node": {"type": "object", "properties": {"child": {"$ref": "#/$defs/node"}}},
                        "name": {"type": "string"}},
              "properties": {"tree": {"$ref": "#/$defs/node"},
                             "label": {"$ref": "#/$defs/name", "title": "Label"},
                             "short": {"$ref": "#/$defs/name", "maxLength": 3}}}
    out = inline_local_refs(schema)
    assert out["properties"]["label"] == {"type": "string", "title": "Label"}
    assert out["properties"]["short"] == {"$ref": "#/$defs/name", "maxLength": 3}
    assert out["properties"]["tree"]["properties"]["child"] == {"$ref": "#/$defs/node"}
