"""Resolve a checklist or profile the way `audit` does, and report what the resolver rejects.

The audit builds the checklist in force with `cscaudit.checklist.draft.Draft` (unique indicator
ids, areas that exist, grade bands in order and ending at 0, weights adding up to 1, ratio and
tier settings that make sense), applies each profile with `cscaudit.checklist.profiles.
apply_profile` (added ids and areas, deselecting twice, changing a deselected indicator) and
freezes it against the measure registry. Validate runs the same code on the chain its own
`extends` look-up found (see `known`), so the rules live in one place. The resolver stops at
its first error; that error becomes a problem at its file, line and column, or at `extends`
when it lies in a parent that is not part of the run. A document with a schema error, or with
a mistake validate's own checks already report (unknown kind, params, indicator, extends), is
not resolved (the resolver assumes valid input and would stop at the same mistake); an error on
a line that already has one is not repeated.
"""

from __future__ import annotations

from pathlib import Path

from cscaudit.config.documents import DocProblem, check_document
from cscaudit.config.yamlio import JsonPath, LoadedYaml, load_yaml
from cscaudit.errors import CscauditError
from cscaudit.i18n import t
from cscaudit.input_files import resolve_input
from cscaudit.validate.known import IndexedDoc, Known

CODE = "resolve"
# What validate's own checks already report; the resolver would stop at the same mistake.
_FOUND_BEFORE = frozenset({"schema", "kind", "bad-params", "unknown-measure-kind",
                           "unknown-indicator", "unknown-extends", "extends-cycle"})


def _same(a: str, b: str) -> bool:
    return resolve_input(a) == resolve_input(b)


def _layers(loaded: LoadedYaml, known: Known) -> list[LoadedYaml] | None:
    """The documents of the chain as loaded, checklist first; None when one cannot be used."""
    data = loaded.data
    doc = IndexedDoc(str(data["id"]), str(data["kind"]), Path(loaded.path), data)
    layers: list[LoadedYaml] = []
    for item in known.chain(doc):
        if item is not doc:
            try:
                other = load_yaml(item.path)
            except CscauditError:
                return None
            if any(p.severity == "error" for p in check_document(other)):
                return None  # reported by its own validation, or by `extends`
            layers.append(other)
        else:
            layers.append(loaded)
    layers.reverse()
    return layers or None


def _resolve(layers: list[LoadedYaml], known: Known) -> CscauditError | None:
    from cscaudit.checklist.draft import Draft, Layer
    from cscaudit.checklist.profiles import apply_profile

    registry = known.registry
    try:
        root, *profiles = (Layer(str(x.data["id"]), x.path, x) for x in layers)
        draft = Draft.from_checklist(root)
        for layer in profiles:
            apply_profile(draft, layer)
        if registry is not None:
            draft.freeze(registry)
    except CscauditError as exc:
        return exc
    return None


def resolution_problems(loaded: LoadedYaml, known: Known,
                        problems: list[DocProblem]) -> list[DocProblem]:
    """What resolving a schema-valid checklist or profile rejects (at most one problem)."""
    if not isinstance(loaded.data, dict) or any(
            p.code in _FOUND_BEFORE and p.severity == "error" for p in problems):
        return []
    layers = _layers(loaded, known)
    error = _resolve(layers, known) if layers else None
    if error is None:
        return []
    message = error.message
    path: JsonPath = ()
    if error.file is not None and _same(error.file, loaded.path) and error.line:
        line, col = error.line, error.column or 1
    elif "extends" in loaded.data and not any(
            error.file is not None and _same(error.file, str(d.path))
            for d in known.run_docs.values()):
        path = ("extends",)
        line, col = loaded.locate(path)
        where = f"{error.file}:{error.line}:{error.column}" if error.file else ""
        message = t(f"extends 指向的文档无法解析（{where}）：",
                    f"the document extends names does not resolve ({where}): ") + message
    else:
        return []  # in another document of the run, which reports it itself
    if any(p.line == line and p.severity == "error" for p in problems):
        return []
    return [DocProblem(loaded.path, line, col, path, message, CODE)]
