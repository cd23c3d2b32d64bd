"""Fixtures for the checklist, profile, scoring and waiver tests: fake measure kinds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


def _kind(name: str, schema: dict[str, object]) -> ModuleType:
    module = ModuleType(name, f"{name}: a fake measure kind for tests.")
    module.ID = name  # type: ignore[attr-defined]
    module.TABLES = ()  # type: ignore[attr-defined]
    module.PARAMS_SCHEMA = schema  # type: ignore[attr-defined]
    return module


FAKE_REGISTRY = {
    "fake_presence": _kind("fake_presence", {
        "type": "object", "additionalProperties": False,
        "properties": {
            "required": {"type": "array", "items": {"type": "string"}},
            "limits": {"type": "object", "additionalProperties": {"type": "integer"}},
        },
    }),
    "fake_ratio": _kind("fake_ratio", {
        "type": "object", "additionalProperties": False,
        "properties": {"min_service_share": {"type": "number", "minimum": 0, "maximum": 1}},
    }),
}


@pytest.fixture
def fake_kinds(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, ModuleType]]:
    """Resolve against the fake kinds instead of the real registry."""
    from cscaudit.checklist import resolution as checklist

    monkeypatch.setattr(checklist, "_registry", lambda: FAKE_REGISTRY)
    checklist._CACHE.clear()
    yield FAKE_REGISTRY
    checklist._CACHE.clear()


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
