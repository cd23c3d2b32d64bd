"""The terminal summary: content, widths, plain text off a terminal, masking."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from rich.cells import cell_len

from cscaudit.report.console import print_summary, render_summary
from cscaudit.report.options import OutputOptions
from cscaudit.results.model import AuditResult

from .scan import leaks


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_fits_the_width(result: AuditResult, width: int, lang: str) -> None:
    text = render_summary(result, OutputOptions(lang), [Path("out/s.xlsx")], width)  # type: ignore[arg-type]
    assert max(cell_len(line) for line in text.splitlines()) <= width
    assert "\x1b[" not in text


def test_content_zh(result: AuditResult) -> None:
    text = render_summary(result, OutputOptions("zh"), [Path("out/s.xlsx"), Path("out/r.json")], 80)
    assert "新苑社区便民服务中心" in text and "2024" in text
    assert "61.29 / 100" in text and "不合格" in text
    assert "不计豁免: 52.71 / 100" in text
    assert "一票否决: 成立（等级定为最低档）：V1 台账真实性：现场核查 R2 核实属实" in text
    assert "C 服务大厅" in text and "5.6/12" in text
    assert "数据质量问题：5 条（错误 3，警告 2）" in text
    assert "问题记录共 11 行，逐条见评分表“问题明细”" in text
    assert "已写出: out/s.xlsx" in text and "已写出: out/r.json" in text
    lines = text.splitlines()
    order = [next(n for n, line in enumerate(lines) if f" {ind} " in line)
             for ind in ("C2", "C1", "A2", "V1")]
    assert order == sorted(order)  # points lost first (V1, a veto, loses none), then severity


def test_english_and_no_findings(result: AuditResult) -> None:
    clean = dataclasses.replace(result, findings=(), data_issues=(), warnings=(), score=(
        dataclasses.replace(result.score, total_without_waivers=result.score.total)))
    text = render_summary(clean, OutputOptions("en"), (), 120)
    assert "no findings" in text and "data issues: 0 (0 errors, 0 warnings)" in text
    assert "without waivers" not in text and "grade fail" in text


def test_masked_unless_show_pii(result: AuditResult) -> None:
    assert leaks(render_summary(result, OutputOptions("zh"), (), 120)) == []
    assert "15900001111" in render_summary(result, OutputOptions("zh", show_pii=True), (), 120)


def test_colour_only_when_asked(result: AuditResult) -> None:
    assert "\x1b[" in render_summary(result, OutputOptions("zh"), (), 80, color=True)


def test_print_summary(result: AuditResult, capsys: pytest.CaptureFixture[str]) -> None:
    print_summary(result, OutputOptions("zh"), [Path("a.xlsx")], quiet=True)
    assert capsys.readouterr().out == ""
    print_summary(result, OutputOptions("zh"), [Path("a.xlsx")])
    out = capsys.readouterr().out
    assert "已写出: a.xlsx" in out and "\x1b[" not in out
