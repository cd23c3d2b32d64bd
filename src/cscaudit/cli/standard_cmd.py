"""`cscaudit standard [SECTION]`: browse GB/T 36735-2018 as encoded in this tool.

Without SECTION it prints an overview; SECTION is one of requirements, items, processes,
content, plans, zones, postings, amenities, or a requirement id prefix such as N36735.6.2.
`--format json` prints the same content as JSON (sorted keys, bilingual texts).
"""

from __future__ import annotations

from typing import Annotated

import typer

from cscaudit.cli.common import EXIT_INPUT, LangOpt, as_lang, fail, guarded
from cscaudit.i18n import t

SectionArg = Annotated[
    str | None,
    typer.Argument(help="requirements | items | processes | content | plans | zones | postings | "
                        "amenities | 要求编号前缀 N36735.x / requirement id prefix",
                   show_default=False),
]
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="输出格式 text|json / output format")]


def standard(section: SectionArg = None, format: FormatOpt = "text", lang: LangOpt = "zh") -> None:
    """浏览标准编码：要求、服务事项、流程、走访内容、预案要求、目录 / browse the encoded standard."""
    language = as_lang(lang)
    fmt = format.strip().lower()
    if fmt not in ("text", "json"):
        fail(t(f"不支持的格式 {format!r}：可选 text、json", f"unknown format {format!r}: use text or json"),
             language, EXIT_INPUT)

    def body() -> str:
        from cscaudit.config.standard import load_standard
        from cscaudit.config.standard_browse import render, view

        std = load_standard()
        if fmt == "json":
            import json

            return json.dumps(view(std, section), ensure_ascii=False, sort_keys=True, indent=2)
        return "\n".join(render(std, section, language))

    typer.echo(guarded(language, body))
