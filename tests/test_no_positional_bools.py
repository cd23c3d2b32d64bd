"""No public function of cscaudit takes a bool positionally (issue 18 item 4): a call reads
`scrubber(show_pii=True)`, `moment(frame, name, end_of_day=True)`, never a bare `True` whose
meaning only the signature knows. Flags go after `*` (keyword-only) or into an options object.

Scanned: every module of the package, by its source (like `test_no_any_at_seams.py`). Public:
module-level functions and the methods of module-level classes whose names do not start with
`_` (and `__init__`). A flag is a parameter annotated `bool`, `bool | None`, `Optional[bool]`,
`Annotated[bool, ...]` or a module-level alias of one (Typer's `QuietOpt`).

`ALLOWED` lists what remains on purpose, each with its reason; an entry that no longer matches
a positional flag fails, so the list shrinks as the code does."""

from __future__ import annotations

import ast
from collections.abc import Collection

import pytest

from tests.signature_scan import PACKAGE, module_name, public_functions

ALLOWED: dict[str, str] = {
    # module:function(parameter) -> why it stays positional
}

_BOOL_TEXTS = {"bool", "bool | None", "None | bool", "Optional[bool]", "typing.Optional[bool]"}


def _is_annotated_bool(node: ast.expr) -> bool:
    return (isinstance(node, ast.Subscript)
            and ast.unparse(node.value).split(".")[-1] == "Annotated"
            and isinstance(node.slice, ast.Tuple) and bool(node.slice.elts)
            and ast.unparse(node.slice.elts[0]) in _BOOL_TEXTS)


def bool_aliases(source: str) -> set[str]:
    """Names a module binds to `Annotated[bool, ...]` (`QuietOpt = Annotated[bool, ...]`)."""
    found = set()
    for node in ast.parse(source).body:
        value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
        targets = (node.targets if isinstance(node, ast.Assign)
                   else [node.target] if isinstance(node, ast.AnnAssign) else [])
        if value is not None and _is_annotated_bool(value):
            found |= {t.id for t in targets if isinstance(t, ast.Name)}
    return found


def _is_flag(annotation: ast.expr | None, aliases: set[str]) -> bool:
    if annotation is None:
        return False
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        try:  # a quoted annotation
            annotation = ast.parse(annotation.value, mode="eval").body
        except SyntaxError:
            return False
    text = ast.unparse(annotation)
    return text in _BOOL_TEXTS or text in aliases or _is_annotated_bool(annotation)


def positional_flags(source: str, known_aliases: Collection[str] = ()) -> list[str]:
    """`name(parameter)` for every flag a public function takes positionally; `known_aliases`:
    bool aliases other modules define (the source's own are found here)."""
    aliases = set(known_aliases) | bool_aliases(source)
    hits = []
    for fn in public_functions(ast.parse(source)):
        positional = [*fn.args.posonlyargs, *fn.args.args]
        hits += [f"{fn.name}({a.arg})" for a in positional if _is_flag(a.annotation, aliases)]
    return hits


SOURCES = {module_name(p): p.read_text(encoding="utf-8") for p in sorted(PACKAGE.rglob("*.py"))}
ALIASES = set().union(*(bool_aliases(s) for s in SOURCES.values()))


def _found() -> dict[str, list[str]]:
    return {module: [f"{module}:{hit}" for hit in positional_flags(source, ALIASES)]
            for module, source in SOURCES.items()}


FOUND = _found()


def test_the_scan_finds_flags_where_they_hide() -> None:
    assert positional_flags("def f(x: bool) -> None: ...") == ["f(x)"]
    assert positional_flags("def f(a: int, x: bool = False) -> None: ...") == ["f(x)"]
    assert positional_flags("def f(x: 'bool | None' = None) -> None: ...") == ["f(x)"]
    assert positional_flags("def f(x: Optional[bool]) -> None: ...") == ["f(x)"]
    assert positional_flags("def f(x: Annotated[bool, typer.Option('--x')] = False): ...")
    assert positional_flags("Q = Annotated[bool, typer.Option('-q')]\ndef f(q: Q = False): ...")
    assert positional_flags("def f(q: QuietOpt = False): ...", {"QuietOpt"})
    assert positional_flags("def f(x: bool, /) -> None: ...") == ["f(x)"]
    assert positional_flags("class C:\n    def m(self, x: bool) -> None: ...") == ["m(x)"]
    assert positional_flags("class C:\n    def __init__(self, x: bool) -> None: ...")
    assert not positional_flags("def f(a: int, *, x: bool = False) -> None: ...")
    assert not positional_flags("def _private(x: bool) -> None: ...")
    assert not positional_flags("class _C:\n    def m(self, x: bool) -> None: ...")
    assert not positional_flags("def f(x: list[bool], y: Callable[[str], bool]) -> bool: ...")


def test_the_aliases_of_the_cli_are_seen() -> None:
    assert "QuietOpt" in ALIASES


def test_every_allowed_entry_is_still_a_positional_flag() -> None:
    everything = {hit for hits in FOUND.values() for hit in hits}
    assert [name for name in ALLOWED if name not in everything] == []


@pytest.mark.parametrize("module", sorted(FOUND))
def test_no_public_function_takes_a_positional_flag(module: str) -> None:
    assert [hit for hit in FOUND[module] if hit not in ALLOWED] == []
