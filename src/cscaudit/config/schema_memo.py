"""Remember which documents were already found valid, so unchanged files skip the schema.

The shipped standard (seven files) is schema-checked every time a command loads it, which is
most of the start-up time of `cscaudit validate FILE`. A document whose exact bytes passed
the exact same schema under the same cscaudit version is valid again: `load_document` keeps
an empty marker file named by the SHA-256 of (cscaudit version, kind, schema bytes, document
bytes) and skips the schema when the marker exists. Only a successful check writes a
marker, so an invalid file is always checked and reported.

The same holds for data checked against a schema held in code (`known_valid_data`): the
checklist's indicator params against each kind's `PARAMS_SCHEMA` are checked on every audit,
and remembering them spares the audit importing jsonschema at all (~35 ms of its start).

Where: `$CSCAUDIT_CACHE_DIR`, else `%LOCALAPPDATA%\\cscaudit\\cache` on Windows, else
`$XDG_CACHE_HOME/cscaudit` or `~/.cache/cscaudit`. `CSCAUDIT_CACHE_DIR=off` turns it off;
a cache folder that cannot be written is ignored.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from functools import cache
from pathlib import Path
from typing import Any

from cscaudit import __version__
from cscaudit.config.yamlio.model import YamlValue

OFF = "off"


def cache_dir() -> Path | None:
    """The folder for validity markers and kept documents (`yamlio.memo`), or None when
    caching is off."""
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


def _data_marker(payload: bytes, kind: str) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    digest = hashlib.sha256(f"{__version__}\0data:{kind}\0".encode())
    digest.update(payload)
    key = digest.hexdigest()
    return folder / "valid" / key[:2] / key


def json_payload(value: YamlValue) -> bytes | None:
    """`value` (schemas and the data they check) as canonical JSON bytes, or None when it
    holds anything but str-keyed dicts, lists, strings, numbers, booleans and None: such data
    is always checked, never remembered (`1` and `"1"` as keys, a tuple and a list, or a date
    and its text must not share a key)."""
    if not _plain_json(value):
        return None
    return json.dumps(value, sort_keys=True, ensure_ascii=False, allow_nan=True).encode()


def _plain_json(value: Any) -> bool:
    if value is None or isinstance(value, str | bool | int | float):
        return True
    if isinstance(value, list):  # not a tuple: the schema's "array" is a list only
        return all(_plain_json(item) for item in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain_json(v) for k, v in value.items())
    return False


def known_valid_data(payload: bytes, kind: str) -> bool:
    """True when this exact payload (`json_payload` of a schema and its data) already passed
    the check called `kind`."""
    marker = _data_marker(payload, kind)
    return marker is not None and marker.is_file()


def remember_valid_data(payload: bytes, kind: str) -> None:
    """Record that the payload passed the check called `kind` (best effort)."""
    _touch(_data_marker(payload, kind))


def known_valid(path: str | Path, kind: str) -> bool:
    """True when these exact bytes already passed this kind's schema."""
    marker = _marker(path, kind)
    return marker is not None and marker.is_file()


def remember_valid(path: str | Path, kind: str) -> None:
    """Record that the file's current bytes passed this kind's schema (best effort)."""
    _touch(_marker(path, kind))


def _touch(marker: Path | None) -> None:
    if marker is None:
        return
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()
    except OSError:
        pass
