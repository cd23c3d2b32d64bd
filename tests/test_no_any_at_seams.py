"""No `Any` in the public signatures of the packages data flows through (issue 18 item 4:
config, checklist, ingest, facts, measures, scoring, report, and results and rules below
them). Where a value's type truly is "whatever the document or the cell holds", a named alias
says so (`config.yamlio.model.YamlValue`, `YamlMapping`, `JsonObject`; `ingest.model.CellValue`):
those aliases are the allowlist, each defined once with its reason.

Scanned: every module of cscaudit except those outside these packages (`EXCLUDED`: the
commands, `validate`, the sample generator and the engine that runs audits). An excluded name
that no longer matches a module fails, so the list cannot go stale silently."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.signature_scan import PACKAGE, module_name, public_functions

EXCLUDED = (
    "cscaudit.cli",
    "cscaudit.validate",
    "cscaudit.samples",
    "cscaudit.engine",  # running audits, one center or a district
)


def _excluded(module: str) -> bool:
    return any(module == name or module.startswith(name + ".") for name in EXCLUDED)


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if not _excluded(module_name(p)))


def _mentions_any(annotation: ast.expr) -> bool:
    for node in ast.walk(annotation):
        if isinstance(node, ast.Name) and node.id == "Any":
            return True
        if isinstance(node, ast.Attribute) and node.attr == "Any":
            return True
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value:
            try:  # a quoted annotation
                if _mentions_any(ast.parse(node.value, mode="eval").body):
                    return True
            except SyntaxError:
                continue
    return False


def any_in_signatures(source: str) -> list[str]:
    """`line: name(parameter)` for every public function whose signature says `Any`."""
    hits = []
    for fn in public_functions(ast.parse(source)):
        args = fn.args
        params = [*args.posonlyargs, *args.args, *args.kwonlyargs,
                  *(a for a in (args.vararg, args.kwarg) if a is not None)]
        hits += [f"{fn.lineno}: {fn.name}({a.arg})" for a in params
                 if a.annotation is not None and _mentions_any(a.annotation)]
        if fn.returns is not None and _mentions_any(fn.returns):
            hits.append(f"{fn.lineno}: {fn.name} -> ...")
    return hits


def test_the_scan_finds_any_where_it_hides() -> None:
    assert any_in_signatures("def f(x: Any) -> None: ...")
    assert any_in_signatures("def f(x: int) -> dict[str, Any]: ...")
    assert any_in_signatures("def f(*rows: list[typing.Any]) -> None: ...")
    assert any_in_signatures("def f(x: 'Mapping[str, Any]') -> None: ...")
    assert any_in_signatures("class C:\n    def m(self, x: Any) -> None: ...")
    assert not any_in_signatures("def _private(x: Any) -> None: ...")
    assert not any_in_signatures("class _C:\n    def m(self, x: Any) -> None: ...")
    assert not any_in_signatures("def f(x: YamlValue, y: CellValue) -> JsonObject: ...")


def test_every_excluded_name_is_amodule_name() -> None:
    modules = {module_name(p) for p in PACKAGE.rglob("*.py")}
    assert [n for n in EXCLUDED if not any(m == n or m.startswith(n + ".") for m in modules)] == []


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_public_signature_says_any(path: Path) -> None:
    assert any_in_signatures(path.read_text(encoding="utf-8")) == []
