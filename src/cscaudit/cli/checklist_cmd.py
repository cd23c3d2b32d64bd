"""`cscaudit checklist ...` (being built; see the issue that owns it)."""

from __future__ import annotations

import typer

app = typer.Typer(help="(under construction)", no_args_is_help=True)


@app.command("placeholder")
def _placeholder() -> None:
    raise typer.Exit(2)
