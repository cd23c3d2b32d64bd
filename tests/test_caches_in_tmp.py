"""The suite's caches live in temporary folders (tests/conftest.py), never in the user's
home or the checkout."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import settings
from hypothesis.database import DirectoryBasedExampleDatabase

from cscaudit.config.schema_memo import cache_dir

TMP = Path(tempfile.gettempdir()).resolve()
ROOT = Path(__file__).resolve().parents[1]


def _in_tmp(path: Path) -> bool:
    return path.resolve().is_relative_to(TMP) and not path.resolve().is_relative_to(ROOT)


def test_validity_cache_is_in_a_temporary_folder() -> None:
    folder = cache_dir()
    assert folder is not None and _in_tmp(folder)


def test_tool_caches_are_in_a_temporary_folder() -> None:
    for variable in ("MYPY_CACHE_DIR", "RUFF_CACHE_DIR"):
        assert _in_tmp(Path(os.environ[variable])), variable
    database = settings().database
    assert isinstance(database, DirectoryBasedExampleDatabase)
    assert _in_tmp(Path(database.path))
