"""A small center built to the input contract (domain/exports.md, the field dictionary), not
copied from the bundled samples: 40 households, 3 social workers, a year of monthly visits,
a service ledger, staff and, optionally, activities. Tests change one thing and audit it."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

Rows = list[list[str]]

WORKERS = ("W1", "W2", "W3")
HOUSEHOLDS = tuple(f"H{n:03d}" for n in range(1, 41))
CONTENT = "{month}月入户：政策宣传，信息采集，沟通交流，介绍社区信息（{household}）"

CENTER_YAML = """\
kind: center
schema_version: 1
id: {id}
name: 契约社区便民服务中心
street: 样例街道
district: 样例区
year: {year}
households: 40
"""


@dataclass
class Table:
    file: str
    header: list[str]
    rows: Rows = field(default_factory=list)


def _worker(n: int) -> str:
    return WORKERS[n % len(WORKERS)]


def staff() -> Table:
    return Table("社工名册.csv", ["工号", "姓名", "岗位", "职业资格", "培训学时"],
                 [[w, w, "综合窗口", "助理社会工作师", "40"] for w in WORKERS])


def roster() -> Table:
    return Table("联户名册.csv", ["户号", "人群类别", "包片社工"],
                 [[h, "一般户", _worker(n)] for n, h in enumerate(HOUSEHOLDS)])


def visits(year: int = 2024) -> Table:
    rows = [[dt.date(year, month, 3 + n % 20).isoformat(), _worker(n), h, "一般户", "入户",
             CONTENT.format(month=month, household=h)]
            for month in range(1, 13) for n, h in enumerate(HOUSEHOLDS)]
    return Table("走访记录.csv", ["走访日期", "走访人", "户号", "人群类别", "走访方式", "走访内容"],
                 rows)


def ledger(year: int = 2024) -> Table:
    rows = []
    for n in range(60):
        received = dt.date(year, 1 + n % 12, 2 + n % 25)
        rows.append([f"B{n:04d}", received.isoformat(), "居住证办理", _worker(n), "即办", "1",
                     received.isoformat(), "办结"])
    return Table("办件台账.csv", ["办件编号", "受理日期", "事项名称", "受理人", "办理方式",
                                 "承诺时限", "办结日期", "办理状态"], rows)


def activities(year: int = 2024) -> Table:
    return Table("社区重大活动.csv", ["活动编号", "活动名称", "活动日期", "参与人数", "方案日期",
                                      "报备日期", "安全预案", "总结日期"],
                 [["A1", "重阳敬老活动", f"{year}-10-11", "120", f"{year}-09-20",
                   f"{year}-09-25", "是", f"{year}-10-15"]])


def contract_tables(year: int = 2024) -> dict[str, Table]:
    return {"staff": staff(), "roster": roster(), "visits": visits(year),
            "service_ledger": ledger(year), "activities": activities(year)}


def fabricated_visits(table: Table) -> Table:
    """Visits with two independent signs of fabrication: one worker "visits" 35 households
    on one day, and three visit rows are copied verbatim."""
    busy = [["2024-03-05", "W1", h, "一般户", "入户", CONTENT.format(month=3, household=h)]
            for h in HOUSEHOLDS[:35]]
    copies = [list(table.rows[0]) for _ in range(3)]
    return Table(table.file, table.header, table.rows + busy + copies)


def write_center(root: Path, tables: dict[str, Table], *, year: int = 2024,
                 center_id: str = "contract-center", extra_yaml: str = "") -> Path:
    """Write center.yaml and `tables` (CSV, UTF-8 with BOM) under `root`; return `root`."""
    exports = root / "exports"
    exports.mkdir(parents=True, exist_ok=True)
    (root / "center.yaml").write_text(CENTER_YAML.format(id=center_id, year=year) + extra_yaml,
                                      encoding="utf-8")
    for table in tables.values():
        _write_csv(exports / table.file, table.header, table.rows)
    return root


def _write_csv(path: Path, header: Sequence[str], rows: Rows) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
