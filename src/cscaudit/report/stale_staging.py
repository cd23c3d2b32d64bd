"""Remove the staging files an earlier, killed run left beside its outputs.

`report.atomic` stages every output as a hidden `.<target>.<8 random>.tmp` file in the
target's folder (and keeps a `.<target>.<pid>.<8 hex>.bak` hard link while renaming). A
run killed in between leaves them there for ever. Before a run writes, the ones in its own
output folders are removed: only names of exactly that pattern, only regular files (never a
link or a folder), and only those last modified before `STALE_AFTER_SECONDS` ago, so a file
another run is writing at this moment is left alone.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import time
from collections.abc import Iterable
from pathlib import Path

STALE_AFTER_SECONDS = 60.0
# tempfile.mkstemp names: prefix, 8 characters of "a-z0-9_", suffix (see atomic._stage)
STAGING_NAME = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")
BACKUP_NAME = re.compile(r"\..+\.[0-9]+\.[0-9a-f]{8}\.bak")  # see atomic._backup


def is_staging_name(name: str) -> bool:
    return bool(STAGING_NAME.fullmatch(name) or BACKUP_NAME.fullmatch(name))


def remove_stale_staging(folders: Iterable[Path], now: float | None = None) -> list[Path]:
    """Remove our stale staging files from `folders` (not their sub-folders); return them."""
    cutoff = (time.time() if now is None else now) - STALE_AFTER_SECONDS
    removed: list[Path] = []
    for folder in sorted(set(folders)):
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            continue  # a missing folder is reported by check_writable
        for name in names:
            if not is_staging_name(name):
                continue
            path = folder / name
            with contextlib.suppress(OSError):
                info = os.lstat(path)
                if stat.S_ISREG(info.st_mode) and info.st_mtime < cutoff:
                    os.unlink(path)
                    removed.append(path)
    return removed
