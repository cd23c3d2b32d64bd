"""What the loader returns: the loaded document, its positions, load-time problems."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypeAlias

from cscaudit.errors import InputError
from cscaudit.i18n import Text

JsonPath = tuple[str | int, ...]

# A value of a loaded document (center.yaml, a checklist, a profile, the standard, a plan, an
# inspector's findings): dict, list, str, int, float, bool, date or None, nested. Its shape is
# the document's JSON Schema's to check when it is loaded, not the type checker's: Any, named.
YamlValue: TypeAlias = Any
YamlMapping: TypeAlias = Mapping[str, YamlValue]
YamlDict: TypeAlias = dict[str, YamlValue]
# A JSON document the tool writes (a result, a run, a resolved checklist), or a JSON Schema,
# as plain data: the same data model.
JsonObject: TypeAlias = dict[str, Any]


class YamlError(InputError):
    """The file cannot be read as one YAML document."""


@dataclass(frozen=True, slots=True)
class YamlProblem:
    """A non-fatal problem found while loading; `code` is stable for tests and filters."""

    code: str  # "duplicate-key" | "yaml11-bool" | "yaml-nonstandard"
    path: JsonPath
    line: int
    column: int
    message: Text


@dataclass(frozen=True)
class LoadedYaml:
    """One loaded document: its data, where each value stands, and load-time problems."""

    path: str
    data: Any
    positions: dict[JsonPath, tuple[int, int]] = field(repr=False)
    key_positions: dict[JsonPath, tuple[int, int]] = field(repr=False)
    problems: tuple[YamlProblem, ...] = ()
    yaml11_bools: frozenset[JsonPath] = frozenset()

    def locate(self, path: JsonPath) -> tuple[int, int]:
        """Line and column (1-based) of the value at `path`, or of its nearest ancestor."""
        p = tuple(path)
        while p:
            if p in self.positions:
                return self.positions[p]
            p = p[:-1]
        return self.positions.get((), (1, 1))

    def locate_key(self, path: JsonPath) -> tuple[int, int]:
        """Position of the key that holds `path` (falls back to the value's position)."""
        return self.key_positions.get(tuple(path)) or self.locate(path)
