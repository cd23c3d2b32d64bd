"""The registry and the kinds' contract: ids, tables, parameter schemas, documentation."""

from __future__ import annotations

import jsonschema
import pytest

from cscaudit.measures.base import TABLE_ORDER
from cscaudit.measures.registry import REGISTRY, get


@pytest.mark.parametrize("kind_id", sorted(REGISTRY))
def test_kind_contract(kind_id: str) -> None:
    kind = REGISTRY[kind_id]
    assert kind_id == kind.ID
    assert set(kind.TABLES) <= set(TABLE_ORDER)
    jsonschema.Draft202012Validator.check_schema(kind.PARAMS_SCHEMA)
    assert kind.PARAMS_SCHEMA.get("additionalProperties") is False, "unknown params must be refused"
    doc = kind.__doc__ or ""
    assert doc.startswith(f"{kind_id}: "), "the docstring opens with the kind's name"
    assert "Example" in doc, "the docstring shows an example"
    assert "Param" in doc, "the docstring documents the params"
    assert callable(kind.measure) and callable(kind.reads)  # the kind reads its tables whole
    assert not hasattr(kind, "start"), "no kind keeps the record-stream path beside it"


def test_get_names_the_known_kinds() -> None:
    assert get("rate") is REGISTRY["rate"]
    with pytest.raises(KeyError, match=r"unknown measure kind 'nope'.*visit_frequency"):
        get("nope")


def test_unknown_params_are_refused() -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"frequencies": {}, "oops": 1}, REGISTRY["visit_frequency"].PARAMS_SCHEMA)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"frequencies": {"elderly": "daily"}}, REGISTRY["visit_frequency"].PARAMS_SCHEMA)
