"""`cscaudit sample-visits CENTER -n 20 --seed S -o 回访抽样.xlsx`: a reproducible random
sample of visits for phone verification, printed as a form."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cscaudit.cli.common import LangOpt, QuietOpt, XlsxOutOpt, as_lang, guarded, written_xlsx


def sample_visits(
    center: Annotated[Path, typer.Argument(help="中心文件夹或 center.yaml / center folder")],
    *,
    output: XlsxOutOpt,
    size: Annotated[int, typer.Option("-n", "--size", min=1, help="抽取条数 / visits to draw")] = 20,
    seed: Annotated[int, typer.Option("--seed", help="随机种子 / random seed")] = 0,
    year: Annotated[int | None, typer.Option("--year", help="只抽该年度 / only this year")] = None,
    quiet: QuietOpt = False,
    lang: LangOpt = "zh",
) -> None:
    """随机抽取走访记录供电话回访 / draw visits at random for phone verification."""
    language = as_lang(lang)

    def write() -> str:
        from cscaudit.engine.visit_sample import draw_visit_sample
        from cscaudit.report.atomic import write_workbook_atomic
        from cscaudit.report.visit_sample_form import build_sample_form

        sample = draw_visit_sample(center, size, seed, year)
        write_workbook_atomic(build_sample_form(sample), output)
        return (f"已抽取 {len(sample.visits)}/{sample.population} 条，写入 {output}"
                if language == "zh" else
                f"drew {len(sample.visits)} of {sample.population} visits: {output}")

    raise typer.Exit(guarded(language, lambda: written_xlsx(output, write, language, quiet=quiet)))
