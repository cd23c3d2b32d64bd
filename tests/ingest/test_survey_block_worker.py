"""The residents' side of 包片联户 in the survey export: whom they rate, how, and whether they
know their block worker (Yinzhou's assessment from the residents' side)."""

from __future__ import annotations

from pathlib import Path

from cscaudit.ingest import TableSource, load_dictionary, open_table


def test_survey_columns_for_the_block_worker_are_read(tmp_path: Path) -> None:
    export = tmp_path / "满意度测评.csv"
    export.write_text("问卷编号,测评日期,总体满意度,包片社工,包片社工评价,认识包片社工\n"
                      "R1,2024-05-01,满意,W1,很满意,是\n"
                      "R2,2024-05-02,满意,W2,不满意,否\n", encoding="utf-8")
    with open_table(TableSource("surveys", export), load_dictionary()) as reader:
        records = list(reader.records())
        assert reader.issues == []
    got = [(r.values["block_worker"], r.values["worker_rating"], r.values["knows_worker"])
           for r in records]
    assert got == [("W1", "very_satisfied", True), ("W2", "dissatisfied", False)]
