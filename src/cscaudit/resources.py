"""Where the shipped data lives: `standards/` and `checklists/`.

In an installed wheel they sit inside the package (`cscaudit/_data/...`); in a source
checkout they are the top-level folders of the repository. Callers never care which.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def data_root() -> Path:
    """The folder that holds `standards/` and `checklists/`."""
    packaged = Path(__file__).resolve().parent / "_data"
    if (packaged / "standards").is_dir():
        return packaged
    source_checkout = Path(__file__).resolve().parents[2]
    if (source_checkout / "standards").is_dir():
        return source_checkout
    raise RuntimeError("cscaudit data folders (standards/, checklists/) are missing")


def standards_dir() -> Path:
    return data_root() / "standards"


def checklists_dir() -> Path:
    return data_root() / "checklists"


def schema_dir() -> Path:
    return standards_dir() / "schema"
