"""Measures and facts read the center, the standard and the plans through their typed
attributes, never by probing with `getattr` (issue 18 item 4: typed seams). A probe with a
default hides a renamed or missing attribute as "nothing there", which scores silently."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.signature_scan import PACKAGE, module_name

SCANNED = ("cscaudit.measures", "cscaudit.facts")
MODULES = sorted(p for p in PACKAGE.rglob("*.py")
                 if any(module_name(p) == n or module_name(p).startswith(n + ".") for n in SCANNED))


def getattr_calls(source: str) -> list[int]:
    """The lines of every call to `getattr` (`hasattr` too: it probes the same way)."""
    return [node.lineno for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id in ("getattr", "hasattr")]


def test_the_scan_finds_a_probe() -> None:
    assert getattr_calls("x = getattr(ctx.standard, 'zones', None) or {}") == [1]
    assert getattr_calls("def f(c):\n    return hasattr(c, 'root')") == [2]
    assert getattr_calls("x = ctx.standard.zones") == []


def test_the_packages_are_scanned() -> None:
    assert len(MODULES) > 40


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_getattr_probing(path: Path) -> None:
    assert getattr_calls(path.read_text(encoding="utf-8")) == []
