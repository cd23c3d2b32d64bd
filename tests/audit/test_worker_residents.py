"""The residents' side of 包片联户 on the social-worker card (issue 14): per block worker, the
share of residents satisfied with them and the share who know them (知晓率), from the survey
rows naming them, on the card, in the JSON and on both 社工 sheets. A worker no resident
answered about shows blank, not 0."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from typer.testing import CliRunner

from cscaudit.cli.app import app
from tests.audit.contract_center import Table, contract_tables, write_center

runner = CliRunner()

# W1: 4 answers, 3 satisfied (非常满意, 满意, 基本满意) and 1 不满意; all know W1.
# W2: 6 answers, all 满意; only 1 of 5 asked knows W2 (the worker unknown to most residents);
# the sixth left 认识包片社工 empty, not counted without a D6 rate indicator.
# W3: no survey rows. One row names nobody and counts for no worker.
SURVEY_ROWS = [
    ["Q01", "2024-06-01", "W1", "非常满意", "是"],
    ["Q02", "2024-06-01", "W1", "满意", "是"],
    ["Q03", "2024-06-02", "W1", "基本满意", "是"],
    ["Q04", "2024-06-02", "W1", "不满意", "是"],
    ["Q05", "2024-06-03", "W2", "满意", "是"],
    ["Q06", "2024-06-03", "W2", "满意", "否"],
    ["Q07", "2024-06-03", "W2", "满意", "否"],
    ["Q08", "2024-06-04", "W2", "满意", "否"],
    ["Q09", "2024-06-04", "W2", "满意", "否"],
    ["Q10", "2024-06-04", "", "满意", "是"],
    ["Q11", "2024-06-05", "W2", "满意", ""],
]
EXPECTED = {  # worker: (satisfied, n, known, n)
    "W1": (0.75, 4, 1.0, 4),
    "W2": (1.0, 6, 0.2, 5),
    "W3": (None, 0, None, 0),
}


def _center(root: Path, center_id: str = "contract-center") -> Path:
    tables = contract_tables()
    tables["surveys"] = Table("满意度测评.csv",
                              ["问卷编号", "测评日期", "总体满意度", "包片社工", "包片社工评价",
                               "认识包片社工"],
                              [[r[0], r[1], "满意", *r[2:]] for r in SURVEY_ROWS])
    return write_center(root, tables, center_id=center_id)


def _cards(data: dict[str, Any]) -> dict[str, tuple[Any, ...]]:
    return {w["worker"]: (w["resident_satisfaction"], w["resident_satisfaction_n"],
                          w["known_rate"], w["known_n"]) for w in data["workers"]}


def test_the_card_json_and_sheet_carry_each_workers_residents(tmp_path: Path) -> None:
    center = _center(tmp_path / "c")
    out, book = tmp_path / "r.json", tmp_path / "card.xlsx"
    result = runner.invoke(app, ["audit", str(center), "--json", str(out), "-o", str(book)])
    assert out.exists(), result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert _cards(data) == EXPECTED

    ws = load_workbook(book)["社工"]
    header = [c.value for c in ws[1]]
    cols = [header.index(h) for h in ("居民满意率", "评价人数", "居民知晓率", "知晓调查人数")]
    name = header.index("社工")
    rows = {row[name]: row for row in ws.iter_rows(min_row=2, values_only=True) if row[name]}
    for worker, expected in EXPECTED.items():
        got = tuple(rows[worker][c] for c in cols)
        assert got == expected, worker


def test_the_ningbo_profile_reads_answers_as_its_d5(tmp_path: Path) -> None:
    """With a profile whose D5 counts only 满意 and above, 基本满意 is not satisfied on the card
    either, and an empty 认识包片社工 is not knowing, as D6 counts it: the card reads answers
    as the profile's own measures do."""
    center = _center(tmp_path / "c")
    profile = tmp_path / "strict.yaml"
    ningbo = Path(__file__).parents[2] / "checklists/profiles/yinzhou-ningbo.yaml"
    text = ningbo.read_text(encoding="utf-8").replace(
        "id: yinzhou-ningbo", "id: strict-ningbo").replace(
        "      field: worker_rating\n",
        "      field: worker_rating\n      satisfied: [very_satisfied, satisfied]\n")
    assert "satisfied: [very_satisfied, satisfied]" in text
    profile.write_text(text, encoding="utf-8")
    out = tmp_path / "r.json"
    result = runner.invoke(app, ["audit", str(center), "--json", str(out),
                                 "-o", str(tmp_path / "card.xlsx"), "--profile", str(profile)])
    assert out.exists(), result.output
    cards = _cards(json.loads(out.read_text(encoding="utf-8")))
    assert cards["W1"] == (0.5, 4, 1.0, 4)
    assert cards["W2"] == (1.0, 6, 0.1667, 6)  # 1 of 6: JSON rates carry 4 places


def test_the_assess_workbook_lists_them_on_its_worker_sheet(tmp_path: Path) -> None:
    district = tmp_path / "d"
    _center(district / "c1", "c1")
    book, run = tmp_path / "a.xlsx", tmp_path / "run.json"
    result = runner.invoke(app, ["assess", str(district), "-o", str(book), "--json", str(run),
                                 "--workers", "1"])
    assert book.exists(), result.output
    workers = json.loads(run.read_text(encoding="utf-8"))["workers"]
    assert {w["worker"]: (w["resident_satisfaction"], w["resident_satisfaction_n"], w["known_rate"],
                          w["known_n"]) for w in workers} == EXPECTED
    ws = load_workbook(book)["社工考核"]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    top = next(n for n, r in enumerate(rows) if "居民满意率" in r)
    cols = [rows[top].index(h) for h in ("居民满意率", "评价人数", "居民知晓率", "知晓调查人数")]
    by_worker = {r[rows[top].index("社工")]: r for r in rows[top + 1:] if r[0] is not None}
    for worker, expected in EXPECTED.items():
        got = tuple(by_worker[worker][c] for c in cols)
        assert got == expected, worker
