"""The shipped V2 (重大责任事故) judges incident summaries as an inspector would read them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.audit.measures.test_cases import run_case

ROOT = Path(__file__).resolve().parents[3]


def _v2_params() -> dict[str, Any]:
    doc = yaml.safe_load((ROOT / "checklists" / "gbt36735-annual.yaml").read_text(encoding="utf-8"))
    params: dict[str, Any] = next(i for i in doc["indicators"] if i["id"] == "V2")["params"]
    return params


@pytest.mark.parametrize(("summary", "word"), [
    ("经查并非社区责任，未认定为责任事故", None),
    ("火灾已扑灭，经查无责任事故", None),
    ("电梯故障系维保单位责任事故，已由维保单位整改", None),
    ("社区不负有责任，已妥善处置", None),
    ("社区负有主要责任，一人重伤", "负有主要责任"),
    ("因社区管理疏忽发生重大责任事故，造成一人死亡", "重大责任"),
])
def test_v2_hit_names_the_word_that_matched(summary: str, word: str | None) -> None:
    case = {"params": _v2_params(), "records": {"incidents": [{"incident_id": "I1", "summary": summary}]}}
    m = run_case("keyword_match", case)
    assert m.defects == (0 if word is None else 1)
    if word is not None:
        (finding,) = m.findings
        assert finding.message.zh == f"1 条记录提及：{word}"
