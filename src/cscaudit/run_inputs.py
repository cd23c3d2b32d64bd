"""The files one run reads, so that no output of the run replaces one of them.

`audit` and `assess` both build a `RunInputs`: the files named on the command line
(center.yaml or district.yaml, `--waivers`, `--findings`, `--previous`, `--peer`, a checklist
or profile given as a file), then, once the run is done, every file it read and hashed
(center.yaml, plans, exports, checklists, profiles; `InputFile.location`). An output target
clashes with an input when both are the same file however it is named: the same path, a
symbolic link to it, a hard link, or another spelling on a case-insensitive file system
(all of which `os.stat` reports as the same device and inode).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


class ReadFile(Protocol):
    """A file a run read (`results.model.InputFile`)."""

    @property
    def location(self) -> str: ...


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


@dataclass(frozen=True)
class RunInputs:
    """Every file a run reads (absolute paths, as given; compared by identity)."""

    files: frozenset[Path] = frozenset()

    def adding(self, paths: Iterable[Path | str | None]) -> RunInputs:
        """These inputs and `paths` (None and folders are skipped)."""
        more = {Path(p).absolute() for p in paths if p is not None and Path(p).is_file()}
        return RunInputs(self.files | more) if more - self.files else self

    def adding_read(self, read: Iterable[ReadFile]) -> RunInputs:
        """These inputs and the files an audit read and hashed."""
        return self.adding(f.location for f in read if f.location)

    def clash(self, target: Path) -> Path | None:
        """The input that `target` is (same file however named), or None."""
        identity = _identity(target)
        if identity is None:  # nothing there yet: it cannot be an input
            return None
        for path in sorted(self.files):
            if _identity(path) == identity:
                return path
        return None
