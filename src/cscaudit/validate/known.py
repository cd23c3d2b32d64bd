"""What cross-reference checks compare against, loaded lazily and once per run.

- the encoded standard (`cscaudit.config.standard.load_standard()`): requirement ids, the service
  item catalogue, zones, postings, amenities and emergency-plan sections;
- the measure-kind registry (`cscaudit.measures.registry.REGISTRY`) and a compiled
  validator for each kind's `PARAMS_SCHEMA`;
- an index of checklists and profiles by id: the shipped `checklists/` and
  `checklists/profiles/`, plus every document of the run (so a profile may extend one next
  to it, or a file given by path).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cscaudit.config.documents import checklist_or_profile
from cscaudit.errors import CscauditError
from cscaudit.input_files import resolve_input
from cscaudit.resources import checklists_dir

MAX_EXTENDS_DEPTH = 16


@dataclass(frozen=True, slots=True)
class IndexedDoc:
    """A checklist or profile known by id."""

    id: str
    kind: str
    path: Path
    data: Mapping[str, Any]


def _read_doc(path: Path) -> IndexedDoc | None:
    found = checklist_or_profile(path)
    return IndexedDoc(found[0], found[1], path, found[2]) if found is not None else None


@dataclass
class Known:
    """Lazily loaded reference data for one validate run (not shared between runs)."""

    run_docs: dict[str, IndexedDoc] = field(default_factory=dict)
    _standard: Any = None
    _standard_tried: bool = False
    _registry: dict[str, Any] | None = None
    _registry_tried: bool = False
    _shipped: dict[str, IndexedDoc] | None = None
    _by_path: dict[Path, IndexedDoc | None] = field(default_factory=dict)
    _params_validators: dict[str, Any] = field(default_factory=dict)
    # files next to a validated one that could not even be resolved (a symlink loop), by path
    unusable: dict[str, CscauditError] = field(default_factory=dict)

    def add_run_doc(self, path: str, data: Any) -> None:
        """Remember a checklist or profile given on the command line."""
        doc: IndexedDoc | None = None
        if isinstance(data, dict) and data.get("kind") in ("checklist", "profile") \
                and isinstance(data.get("id"), str):
            doc = IndexedDoc(data["id"], str(data["kind"]), Path(path), data)
            self.run_docs.setdefault(doc.id, doc)
        self._by_path[resolve_input(path)] = doc  # no second parse of a file of the run

    @property
    def standard(self) -> Any:
        """The encoded standard, or None when it is not available (its files are invalid)."""
        if not self._standard_tried:
            self._standard_tried = True
            try:
                from cscaudit.config.standard import load_standard

                self._standard = load_standard()
            except (ImportError, CscauditError):
                self._standard = None
        return self._standard

    @property
    def registry(self) -> dict[str, Any] | None:
        """Measure kinds by name, or None when the registry cannot be imported."""
        if not self._registry_tried:
            self._registry_tried = True
            try:
                from cscaudit.measures.registry import REGISTRY

                self._registry = dict(REGISTRY)
            except (ImportError, AttributeError):
                self._registry = None
        return self._registry

    def params_validator(self, kind: str) -> Any:
        """A compiled validator for the kind's PARAMS_SCHEMA (None when it has none)."""
        if kind not in self._params_validators:
            from jsonschema import Draft202012Validator

            module = (self.registry or {}).get(kind)
            schema = getattr(module, "PARAMS_SCHEMA", None)
            self._params_validators[kind] = (
                Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
                if isinstance(schema, dict) else None
            )
        return self._params_validators[kind]

    def shipped(self) -> dict[str, IndexedDoc]:
        """Checklists and profiles shipped with cscaudit, by id."""
        if self._shipped is None:
            found: dict[str, IndexedDoc] = {}
            root = checklists_dir()
            for folder in (root, root / "profiles"):
                for path in sorted(folder.glob("*.y*ml")) if folder.is_dir() else []:
                    doc = _read_doc(path)
                    if doc is not None:
                        found.setdefault(doc.id, doc)
            self._shipped = found
        return self._shipped

    def doc_at(self, path: Path) -> IndexedDoc | None:
        try:
            key = resolve_input(path)
        except CscauditError as exc:
            self.unusable.setdefault(str(path), exc)
            return None
        if key not in self._by_path:
            self._by_path[key] = _read_doc(path) if path.is_file() else None
        return self._by_path[key]

    def neighbours(self, folder: Path) -> dict[str, IndexedDoc]:
        """Checklists and profiles in the same folder as a profile, by id."""
        found: dict[str, IndexedDoc] = {}
        for path in sorted(folder.glob("*.y*ml")):
            doc = self.doc_at(path)
            if doc is not None:
                found.setdefault(doc.id, doc)
        return found

    def resolve_extends(self, name: str, origin: Path) -> IndexedDoc | None:
        """The checklist or profile `extends: name` means, seen from the file `origin`."""
        if name.endswith((".yaml", ".yml")) or "/" in name or "\\" in name:
            return self.doc_at(origin.parent / name)
        return (self.neighbours(origin.parent).get(name) or self.run_docs.get(name)
                or self._shipped_named(name) or self.shipped().get(name))

    def _shipped_named(self, name: str) -> IndexedDoc | None:
        """A shipped document whose file is named after its id (the usual case), unparsed
        siblings left alone."""
        root = checklists_dir()
        for folder in (root, root / "profiles"):
            for suffix in (".yaml", ".yml"):
                doc = self.doc_at(folder / f"{name}{suffix}")
                if doc is not None and doc.id == name:
                    return doc
        return None

    def candidate_ids(self, origin: Path) -> list[str]:
        """Every id `extends` could name from `origin`, for suggestions."""
        ids = {*self.shipped(), *self.run_docs, *self.neighbours(origin.parent)}
        return sorted(ids)

    def profile_ids(self, origin: Path) -> list[str]:
        """The profile ids center.yaml's `profile:` could name from `origin`."""
        docs = {**self.shipped(), **self.run_docs, **self.neighbours(origin.parent)}
        return sorted(i for i, doc in docs.items() if doc.kind == "profile")

    def indicators(self, doc: IndexedDoc) -> dict[str, Mapping[str, Any]]:
        """The indicators in force in a checklist or profile (following `extends`)."""
        chain = list(self._chain(doc))
        found: dict[str, Mapping[str, Any]] = {}
        for item in reversed(chain):
            key = "indicators" if item.kind == "checklist" else "add"
            for ind in item.data.get(key) or []:
                if isinstance(ind, dict) and isinstance(ind.get("id"), str):
                    found[ind["id"]] = ind
        return found

    def extends_cycle(self, doc: IndexedDoc) -> list[str]:
        """The ids of an `extends` loop reachable from `doc` (empty when there is none)."""
        ids: list[str] = []
        current: IndexedDoc | None = doc
        while current is not None and len(ids) <= MAX_EXTENDS_DEPTH:
            if current.id in ids:
                return [*ids[ids.index(current.id):], current.id]
            ids.append(current.id)
            parent = current.data.get("extends") if current.kind == "profile" else None
            current = self.resolve_extends(parent, current.path) \
                if isinstance(parent, str) else None
        return []

    def chain(self, doc: IndexedDoc) -> list[IndexedDoc]:
        """`doc` and what it extends, `doc` first; empty when the chain does not end in a
        checklist (an unknown `extends`, a cycle, too deep)."""
        found = list(self._chain(doc))
        return found if found and found[-1].kind == "checklist" else []

    def _chain(self, doc: IndexedDoc) -> Iterator[IndexedDoc]:
        seen: set[str] = set()
        current: IndexedDoc | None = doc
        while current is not None and current.id not in seen and len(seen) < MAX_EXTENDS_DEPTH:
            seen.add(current.id)
            yield current
            parent = current.data.get("extends") if current.kind == "profile" else None
            current = self.resolve_extends(parent, current.path) \
                if isinstance(parent, str) else None
