"""Shared helpers for the validate tests: run the CLI in-process and parse its JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

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
