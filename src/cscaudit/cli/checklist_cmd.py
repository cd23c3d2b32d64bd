"""`cscaudit checklist show|resolve|kinds|list`: the checklist in force and the measure kinds.

- `show [ID|PATH]`: a checklist's indicators (a profile is shown resolved);
- `resolve [--checklist C] [--profile P]`: the checklist in force and, for every value a
  profile changed, the file, line and column that set it;
- `kinds`: every measure kind with its documentation;
- `list`: the shipped checklists and profiles.
Text goes out as rich tables on a terminal, aligned plain text otherwise; `--format json`
gives the same content as JSON. Exit 2 for a checklist or profile that cannot be used.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Annotated, Any

import typer

from cscaudit.cli.common import EXIT_INPUT, LangOpt, as_lang, echo_out, guarded
from cscaudit.i18n import Lang, t
from cscaudit.terminal import escape_controls

app = typer.Typer(help="考核清单与地方配置 / checklists and profiles", no_args_is_help=True)

FormatOpt = Annotated[str, typer.Option("--format", "-f", help="text|json")]
ChecklistOpt = Annotated[str | None, typer.Option(
    "--checklist", "-c", help="清单编号或路径（默认 gbt36735-annual）/ checklist id or path")]
ProfileOpt = Annotated[str | None, typer.Option(
    "--profile", "-p", help="地方配置编号或路径 / profile id or path")]


def _format(value: str, lang: Lang) -> str:
    fmt = value.strip().lower()
    if fmt not in ("text", "json"):
        sys.stderr.write(t(f"不支持的格式 {value!r}：可选 text、json",
                           f"unknown format {value!r}: choose text or json")(lang) + "\n")
        raise typer.Exit(EXIT_INPUT)
    return fmt


def _emit_json(data: Any) -> None:
    echo_out(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True))


def _emit_table(table: Any) -> None:
    from cscaudit.cli.checklist_view import plain

    if sys.stdout.isatty() and "NO_COLOR" not in os.environ:
        from rich.console import Console
        from rich.table import Table

        rich_table = Table(title=table.title, show_lines=False)
        for header in table.headers:
            rich_table.add_column(header)
        for row in table.rows:
            rich_table.add_row(*(escape_controls(cell) for cell in row))
        Console().print(rich_table)
    else:
        echo_out(plain(table))


def _print_resolved(resolved: Any, lang: Lang, *, provenance: bool) -> None:
    from cscaudit.cli import checklist_view as view

    _emit_table(view.indicator_table(resolved, lang, provenance=provenance))
    for line in view.summary_lines(resolved, lang):
        echo_out(line)
    if provenance:
        files = ", ".join(name for name, _ in resolved.files)
        echo_out(t(f"读取的文件：{files}", f"files read: {files}")(lang) + "\n")
        _emit_table(view.param_sources_table(resolved, lang))
        if resolved.profile_id:
            sys.stdout.write("\n")
            _emit_table(view.provenance_table(resolved, lang))


@app.command("show")
def show(
    ref: Annotated[str | None, typer.Argument(
        help="清单或配置的编号或路径 / checklist or profile id or path")] = None,
    format: FormatOpt = "text",
    lang: LangOpt = "zh",
) -> None:
    """显示清单的指标（配置按合并后显示） / show a checklist's indicators."""
    language = as_lang(lang)
    fmt = _format(format, language)

    def body() -> None:
        from cscaudit.checklist.resolution import (
            DEFAULT_CHECKLIST,
            find_document,
            load_layer,
            resolve,
            resolved_to_json,
        )

        target = ref or DEFAULT_CHECKLIST
        kind, _ = load_layer(find_document(target))
        resolved = resolve(profile=target) if kind == "profile" else resolve(checklist=target)
        if fmt == "json":
            data = resolved_to_json(resolved)
            data.pop("provenance")
            _emit_json(data)
        else:
            _print_resolved(resolved, language, provenance=False)

    guarded(language, body)


@app.command("resolve")
def resolve_cmd(
    checklist: ChecklistOpt = None,
    profile: ProfileOpt = None,
    format: FormatOpt = "text",
    lang: LangOpt = "zh",
) -> None:
    """生效的清单及每个值的来源 / the checklist in force and where every value came from."""
    language = as_lang(lang)
    fmt = _format(format, language)

    def body() -> None:
        from cscaudit.checklist.resolution import resolve, resolved_to_json

        resolved = resolve(checklist=checklist, profile=profile)
        if fmt == "json":
            _emit_json(resolved_to_json(resolved))
        else:
            _print_resolved(resolved, language, provenance=True)

    guarded(language, body)


@app.command("kinds")
def kinds(*, format: FormatOpt = "text", lang: LangOpt = "zh",
          verbose: Annotated[bool, typer.Option(
              "--verbose", "-v", help="显示完整说明 / full documentation")] = False) -> None:
    """列出度量类型及说明 / list the measure kinds with their documentation."""
    language = as_lang(lang)
    fmt = _format(format, language)

    def body() -> None:
        from cscaudit.cli.checklist_view import kinds_json, kinds_table
        from cscaudit.measures.registry import REGISTRY

        if fmt == "json":
            _emit_json(kinds_json(REGISTRY))
        elif verbose:
            for entry in kinds_json(REGISTRY):
                sys.stdout.write(f"== {entry['id']}\n{entry['doc']}\n\n")
        else:
            _emit_table(kinds_table(REGISTRY, language))

    guarded(language, body)


@app.command("list")
def list_cmd(format: FormatOpt = "text", lang: LangOpt = "zh") -> None:
    """列出内置清单和地方配置 / list the shipped checklists and profiles."""
    language = as_lang(lang)
    fmt = _format(format, language)

    def body() -> None:
        from cscaudit.checklist.resolution import load_layer, shipped_ids
        from cscaudit.cli.checklist_view import Table

        rows = []
        for sid, (kind, path) in sorted(shipped_ids().items()):
            data = load_layer(path)[1].loaded.data
            title = data["title"]["zh" if language == "zh" else "en"]
            rows.append((sid, kind, str(data.get("extends", "")), title))
        if fmt == "json":
            _emit_json([dict(zip(("id", "kind", "extends", "title"), r, strict=True))
                        for r in rows])
        else:
            headers = (t("编号", "id"), t("类型", "kind"), t("基于", "extends"), t("名称", "title"))
            _emit_table(Table(t("内置清单与配置", "shipped checklists and profiles")(language),
                              tuple(h(language) for h in headers), tuple(rows)))

    guarded(language, body)
