"""`audit --pdf`: the 总览, 整改清单 and 指标得分 as A4 pages, read back as text."""

from __future__ import annotations

import dataclasses
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from cscaudit.cli.app import app
from cscaudit.i18n import t
from cscaudit.report.options import OutputOptions
from cscaudit.report.pdf import write_pdf
from cscaudit.results.model import AuditResult

from .scan import leaks

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "centers" / "beijing-changping-xinyuan"
A4 = (595, 842)


def _pages(result: AuditResult, lang: str = "zh") -> list[str]:
    out = io.BytesIO()
    write_pdf(result, out, OutputOptions(lang))  # type: ignore[arg-type]
    reader = PdfReader(io.BytesIO(out.getvalue()))
    sizes = {tuple(sorted(round(float(v)) for v in p.mediabox.upper_right))
             for p in reader.pages}
    assert sizes == {A4}  # A4 throughout (the tables turned landscape)
    return [p.extract_text() for p in reader.pages]


def test_overview_is_one_signed_page(result: AuditResult) -> None:
    pages = _pages(result)
    first = pages[0]
    assert "新苑社区便民服务中心 2024 年度考核评分表" in first
    assert "一票否决" in first and "成立（等级定为最低档）：" in first.replace("\n", "")
    assert "评分不完整" in first and "主要扣分（按扣分排序）" in first
    for label in ("评分人：", "复核人：", "被考核单位负责人：", "日期：", "（盖章处）"):
        assert label in first
    assert "整改清单" not in first and "第 1 页，共 " in first
    assert leaks("\n".join(pages)) == []


def test_tables_repeat_their_headers_and_pages_are_numbered(result: AuditResult) -> None:
    base = result.findings[3]
    many = tuple(dataclasses.replace(base, message=t(f"第{n}号问题", f"problem {n}"))
                 for n in range(60))
    pages = _pages(dataclasses.replace(result, findings=many))
    rectification = [p for p in pages[1:] if "号问题" in p]
    assert len(rectification) >= 2 and "第0号问题" in rectification[0]
    assert all("整改建议" in p and "完成情况" in p for p in rectification)
    assert "第59号问题" in rectification[-1]
    indicators = pages[-1]
    assert "指标名称" in indicators and "N36735.V.1" in indicators
    for n, page in enumerate(pages, start=1):
        assert f"第 {n} 页，共 {len(pages)} 页" in page


def test_english(result: AuditResult) -> None:
    pages = _pages(result, "en")
    assert "Scored by:" in pages[0] and "Page 1 of" in pages[0]


@pytest.mark.skipif(not SAMPLE.is_dir(), reason="no sample center")
def test_cli_writes_the_pdf_and_png_renders(tmp_path: Path) -> None:
    target = tmp_path / "评分表.pdf"
    run = CliRunner().invoke(app, ["audit", str(SAMPLE), "--no-xlsx", "--pdf", str(target)])
    assert run.exit_code in (0, 1), run.output
    reader = PdfReader(target)
    assert 3 <= len(reader.pages) <= 8
    assert "新苑社区党群服务中心" in reader.pages[0].extract_text()
    if shutil.which("pdftoppm") is None:
        pytest.skip("poppler's pdftoppm is not installed")
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(target),
                    str(tmp_path / "page")], check=True, capture_output=True, timeout=120)
    png = next(tmp_path.glob("page*.png")).read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 2000


def test_reportlab_is_imported_only_for_pdf(tmp_path: Path) -> None:
    code = ("import sys; from typer.testing import CliRunner; from cscaudit.cli.app import app; "
            f"CliRunner().invoke(app, ['audit', {str(SAMPLE)!r}, '--no-xlsx', '-q']); "
            "print('reportlab' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=tmp_path, timeout=300)
    assert out.stdout.strip() == "False"


def test_an_incomplete_result_says_why_before_anything_else(result: AuditResult) -> None:
    from cscaudit.results.model import Cause, Completeness

    cause = Cause("missing-table", t("缺少走访记录", "no visits table"),
                  t("请提供走访记录导出", "export the visits"), table="visits",
                  file="exports/走访记录.csv")
    pages = _pages(dataclasses.replace(result, completeness=Completeness(causes=(cause,))))
    first = pages[0]
    assert first.index("无法评定等级，待补正") < first.index("\n服务中心\n")
    assert "exports/走访记录.csv：缺少走访记录；请提供走访记录导出" in first
    flat = first.replace("\n", "")  # cells wrap
    assert "审核总分（暂定，输入不完整）" in flat
    assert "输入不完整，无法评定等级，待补正（1 项原因）；总分暂定。" in flat
