"""Shared helpers for the validate tests: run the CLI in-process and parse its JSON."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cscaudit.cli.app import app

FIXTURES = Path(__file__).parent / "fixtures"
RUNNER = CliRunner()


def run(*args: str) -> Any:
    """Invoke `cscaudit validate ARGS`; return the click Result."""
    return RUNNER.invoke(app, ["validate", *args])


def run_json(*args: str) -> tuple[int, dict[str, Any]]:
    result = run("--format", "json", "--lang", "en", *args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, json.loads(result.stdout)


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep the validity cache of these tests out of the user's cache folder."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CSCAUDIT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        yield
