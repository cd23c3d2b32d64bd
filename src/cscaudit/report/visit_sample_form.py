"""The phone-verification form of a visit sample (`cscaudit sample-visits`): one row per
drawn visit with what the record claims, and columns the inspector fills in by phone. The
result of the whole sample goes on the on-site form as R2 (`template findings`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cscaudit.engine.visit_sample import VisitSample

if TYPE_CHECKING:
    from openpyxl import Workbook

SHEET = "电话回访抽样"
HEADERS = ("序号", "走访编号", "走访日期", "走访人", "户号", "人群类别", "走访内容", "来源（文件:行）",
           "是否接通", "确认走访", "内容属实", "说明", "核查人", "日期")
WIDTHS = (5, 12, 11, 8, 9, 12, 28, 18, 8, 8, 8, 24, 8, 10)
YES_NO = '"是,否"'
FIRST_ROW = 4
ROW_HEIGHT = 36


def build_sample_form(sample: VisitSample) -> Workbook:
    """An openpyxl Workbook: the sample as a printable A4 form."""
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation

    from cscaudit.config.standard import load_standard
    from cscaudit.report.xlsx_style import TITLE, header_row, page_setup, put

    standard = load_standard()
    groups = {code: group.name.zh for code, group in standard.groups.items()}
    tags = {code: tag.label.zh for code, tag in standard.content_tags.items()}
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET
    ws.cell(row=1, column=1, value=f"{sample.center_name}　走访记录电话回访核实表").font = TITLE
    ws.cell(row=2, column=1, value=(
        f"中心编号 {sample.center_id}；从 {sample.population} 条走访记录中随机抽取 {len(sample.visits)} 条"
        f"（种子 {sample.seed}，同样的数据与种子抽到同样的记录）；回访结果汇总后填入现场核查表 R2"))
    header_row(ws, FIRST_ROW - 1, HEADERS, WIDTHS)
    last = FIRST_ROW - 1
    for last, visit in enumerate(sample.visits, start=FIRST_ROW):
        values = (last - FIRST_ROW + 1, visit.visit_id, visit.visited_on, visit.worker,
                  visit.household_id, "、".join(groups.get(g, g) for g in visit.groups),
                  "、".join(tags.get(c, c) for c in visit.content), f"{visit.file}:{visit.row}",
                  None, None, None, None, None, None)
        for col, value in enumerate(values, start=1):
            put(ws, last, col, value, number_format="yyyy-mm-dd" if col in (3, 14) else None)
        ws.row_dimensions[last].height = ROW_HEIGHT
    answers = DataValidation(type="list", formula1=YES_NO, allow_blank=True)
    answers.add(f"I{FIRST_ROW}:K{max(last, FIRST_ROW)}")
    ws.add_data_validation(answers)
    ws.freeze_panes = f"A{FIRST_ROW}"
    ws.print_title_rows = f"{FIRST_ROW - 1}:{FIRST_ROW - 1}"
    page_setup(ws, "zh", SHEET)
    return wb
