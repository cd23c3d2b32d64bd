"""Remember which documents were already found valid, so unchanged files skip the schema.

The shipped standard (seven files) is schema-checked every time a command loads it, which is
most of the start-up time of `cscaudit validate FILE`. A document whose exact bytes passed
the exact same schema under the same cscaudit version is valid again: `load_document` keeps
an empty marker file named by the SHA-256 of (cscaudit version, kind, schema bytes, document
bytes) and skips the schema when the marker exists. Only a successful check writes a
marker, so an invalid file is always checked and reported.

Where: `$CSCAUDIT_CACHE_DIR`, else `%LOCALAPPDATA%\\cscaudit\\cache` on Windows, else
`$XDG_CACHE_HOME/cscaudit` or `~/.cache/cscaudit`. `CSCAUDIT_CACHE_DIR=off` turns it off;
a cache folder that cannot be written is ignored.
"""

from __future__ import annotations

import hashlib
import os
import sys
from functools import cache
from pathlib import Path

from cscaudit import __version__

OFF = "off"


def cache_dir() -> Path | None:
    """The folder for validity markers, or None when caching is off."""
    configured = os.environ.get("CSCAUDIT_CACHE_DIR")
    if configured:
        return None if configured.strip().lower() == OFF else Path(configured)
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "cscaudit" / "cache"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "cscaudit"


@cache
def _schema_digest(schema_path: Path) -> bytes:
    return hashlib.sha256(schema_path.read_bytes()).digest()


def _marker(path: str | Path, kind: str) -> Path | None:
    from cscaudit.resources import schema_dir

    folder = cache_dir()
    if folder is None:
        return None
    try:
        digest = hashlib.sha256()
        digest.update(f"{__version__}\0{kind}\0".encode())
        digest.update(_schema_digest(schema_dir() / f"{kind}.schema.json"))
        digest.update(Path(path).read_bytes())
    except OSError:
        return None
    key = digest.hexdigest()
    return folder / "valid" / key[:2] / key


def known_valid(path: str | Path, kind: str) -> bool:
    """True when these exact bytes already passed this kind's schema."""
    marker = _marker(path, kind)
    return marker is not None and marker.is_file()


def remember_valid(path: str | Path, kind: str) -> None:
    """Record that the file's current bytes passed this kind's schema (best effort)."""
    marker = _marker(path, kind)
    if marker is None:
        return
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()
    except OSError:
        pass
