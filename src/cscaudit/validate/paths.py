"""Turn the PATH arguments of `cscaudit validate` into the list of files to check.

A PATH is a file (checked whatever its suffix), a folder (every `*.yaml`/`*.yml` below it,
hidden folders skipped, sorted), or a glob pattern (`checklists/**/*.yaml`). Whatever matches
nothing is returned as missing, and a folder (or a pattern matching only folders) holding no
YAML file as empty, so the run reports it instead of silently passing.
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass
from pathlib import Path

YAML_SUFFIXES = (".yaml", ".yml")
_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True, slots=True)
class Expanded:
    """The files to check, in order and without repeats; the arguments that matched nothing
    (`missing`) and the folders with no YAML file in them (`empty`)."""

    files: tuple[str, ...]
    missing: tuple[str, ...]
    empty: tuple[str, ...] = ()


def _walk(folder: Path) -> list[str]:
    found: list[str] = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__")
        found.extend(str(Path(root) / n) for n in sorted(names)
                     if n.lower().endswith(YAML_SUFFIXES) and not n.startswith("."))
    return sorted(found, key=lambda name: Path(name).parts)


def expand_paths(args: list[str]) -> Expanded:
    """Expand files, folders and globs; keep the first occurrence of each file."""
    files: list[str] = []
    missing: list[str] = []
    empty: list[str] = []
    seen: set[str] = set()

    def add(name: str) -> None:
        key = os.path.normcase(os.path.abspath(name))
        if key not in seen:
            seen.add(key)
            files.append(name)

    for arg in args:
        path = Path(arg)
        if path.is_dir():
            names = _walk(path)
            if not names:
                empty.append(arg)
            for name in names:
                add(name)
        elif path.exists() or not _GLOB_CHARS & set(arg):
            if path.exists():
                add(arg)
            else:
                missing.append(arg)
        else:
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                missing.append(arg)
            found: list[str] = []
            for match in matches:
                found.extend(_walk(Path(match)) if Path(match).is_dir() else [match])
            if matches and not found:
                empty.append(arg)
            for name in found:
                add(name)
    return Expanded(tuple(files), tuple(missing), tuple(empty))
