"""`cscaudit samples generate|bundled`: synthetic districts and the bundled sample exports."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cscaudit.cli.common import EXIT_INPUT, LangOpt, QuietOpt, as_lang, echo_err, guarded
from cscaudit.i18n import t

app = typer.Typer(help="合成样例数据 / synthetic sample data.", no_args_is_help=True)


@app.command("generate")
def generate(
    *,
    output: Annotated[Path, typer.Option("--output", "-o", help="输出文件夹 / output folder")],
    centers: Annotated[int, typer.Option("--centers", min=1, max=10000,
                                         help="中心数 / number of centers")] = 6,
    records: Annotated[int, typer.Option("--records-per-center", min=100, max=2_000_000,
                                         help="每中心记录数 / records per center")] = 5000,
    seed: Annotated[int, typer.Option("--seed", help="随机种子 / random seed")] = 1,
    defect_rate: Annotated[float, typer.Option("--defect-rate", min=0.0, max=1.0,
                                               help="缺陷比例 / defect rate")] = 0.0,
    fmt: Annotated[str, typer.Option("--format", help="csv|xlsx|mixed")] = "mixed",
    year: Annotated[int, typer.Option("--year", min=2000, max=2100, help="年度 / year")] = 2024,
    streets: Annotated[int | None, typer.Option("--streets", min=1,
                                                help="街道数 / number of streets")] = None,
    lang: LangOpt = "zh",
    quiet: QuietOpt = False,
) -> None:
    """生成合成辖区（中心配置、导出表和缺陷清单）/ generate a synthetic district."""
    language = as_lang(lang)
    if fmt not in ("csv", "xlsx", "mixed"):
        echo_err(t(f"--format 应为 csv、xlsx 或 mixed（收到 {fmt!r}）",
                   f"--format must be csv, xlsx or mixed (got {fmt!r})")(language))
        raise typer.Exit(EXIT_INPUT)

    def body() -> dict[str, object]:
        from cscaudit.samples.district import DistrictSettings, generate_district

        settings = DistrictSettings(centers=centers, records_per_center=records, seed=seed,
                                    defect_rate=defect_rate, format=fmt,  # type: ignore[arg-type]
                                    year=year, streets=streets)
        return generate_district(settings, output)

    manifest = guarded(language, body)
    if not quiet:
        listed = manifest["centers"]
        count = len(listed) if isinstance(listed, dict) else 0
        typer.echo(t(f"已生成 {count} 个中心：{output}（缺陷清单 defects.json）",
                     f"generated {count} centers in {output} (defects manifest: defects.json)")(
                         language))


@app.command("bundled")
def bundled(
    *,
    root: Annotated[Path, typer.Option("--root", help="samples 文件夹 / samples folder")] = Path(
        "samples"),
    lang: LangOpt = "zh",
    quiet: QuietOpt = False,
) -> None:
    """重新生成随附样例中心的导出表 / rewrite the bundled sample centers' exports."""
    language = as_lang(lang)

    def body() -> dict[str, int]:
        from cscaudit.samples.bundled import write_bundled

        return {k: len(v) for k, v in write_bundled(root).items()}

    counts = guarded(language, body)
    if not quiet:
        for center, planted in counts.items():
            typer.echo(t(f"{center}：已写入导出表，植入缺陷 {planted} 处",
                         f"{center}: exports written, {planted} planted defects")(language))
