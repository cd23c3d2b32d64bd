"""`cscaudit template` (being built; see the issue that owns it)."""

from __future__ import annotations

import typer

from cscaudit.cli.common import LangOpt


def template(lang: LangOpt = "zh") -> None:
    """(under construction)"""
    raise typer.Exit(2)
