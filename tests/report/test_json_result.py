"""The JSON result: schema-valid, keys of the issue, byte-identical, masked."""

from __future__ import annotations

import dataclasses
import json

from cscaudit.config.schemas import validator_for
from cscaudit.report.json_result import result_dict, to_json
from cscaudit.report.options import OutputOptions
from cscaudit.results.model import AuditResult

from .conftest import RAW_IDS, RAW_MOBILES
from .scan import leaks


def test_validates_against_its_schema(result: AuditResult) -> None:
    validator = validator_for("audit-result")
    for lang in ("zh", "en"):
        for show in (False, True):
            errors = [e.message for e in validator.iter_errors(json.loads(
                to_json(result, OutputOptions(lang, show))))]
            assert errors == []


def test_schema_rejects_a_missing_key(result: AuditResult) -> None:
    data = result_dict(result, OutputOptions())
    del data["score"]["total_without_waivers"]
    assert not validator_for("audit-result").is_valid(data)


def test_keys_of_the_issue(result: AuditResult) -> None:
    data = json.loads(to_json(result, OutputOptions()))
    assert {"tool", "standard", "checklist", "profile", "center", "period", "inputs", "score",
            "indicators", "findings", "workers", "data_issues", "schema_version"} <= set(data)
    assert {"total", "max", "grade", "total_without_waivers"} <= set(data["score"])
    assert {"id", "area", "title", "requirements", "outcome", "points", "lost", "score",
            "measured", "reason", "evidence_count"} <= set(data["indicators"][0])
    assert {"indicator", "requirements", "severity", "message", "evidence",
            "evidence_total"} <= set(data["findings"][0])
    assert set(data["findings"][0]["evidence"][0]) == {"file", "sheet", "row", "key", "date",
                                                        "worker"}
    assert data["inputs"][0] == {"path": "center.yaml", "sha256": "a" * 64}


def test_values_follow_the_result(result: AuditResult) -> None:
    data = json.loads(to_json(result, OutputOptions()))
    assert data["score"]["total"] == round(result.score.total, 2)
    assert data["score"]["grade"] == "不合格" and data["score"]["veto"] == "applied"
    assert data["score"]["veto_reason"] == "V1 台账真实性：现场核查 R2 核实属实"
    v1 = next(i for i in data["indicators"] if i["id"] == "V1")
    assert (v1["veto_state"], v1["veto_triggered"]) == ("applied", True)
    assert [i["id"] for i in data["indicators"]] == [i.id for i in result.indicators]
    c1 = next(i for i in data["indicators"] if i["id"] == "C1")
    assert (c1["points"], c1["lost"], c1["score"], c1["outcome"]) == (8, 2.4, 5.6, "partial")
    assert c1["measured"] == "88.0%（440/500）" and c1["rate"] == 0.88
    c1f = next(f for f in data["findings"] if f["indicator"] == "C1")
    assert len(c1f["evidence"]) == 5 and c1f["evidence_total"] == 60
    assert data["findings"][0]["severity"] == "critical"
    assert data["workers"][1]["content_complete_rate"] is None
    assert data["waivers"][1]["applied"] is False


def test_english(result: AuditResult) -> None:
    data = json.loads(to_json(result, OutputOptions("en")))
    assert data["lang"] == "en" and data["score"]["grade"] == "fail"
    assert data["indicators"][0]["title"] == "功能区设置齐全 (en)"
    assert data["findings"][0]["message"] == "visit dated before the household joined"


def test_byte_identical_and_stable(result: AuditResult) -> None:
    first = to_json(result, OutputOptions())
    copy = dataclasses.replace(result, center=dict(reversed(list(result.center.items()))))
    assert to_json(copy, OutputOptions()) == first
    assert to_json(result, OutputOptions()).encode() == first.encode()
    assert first.endswith("}\n") and "\\u" not in first


def test_float_noise_does_not_change_bytes(result: AuditResult) -> None:
    noisy = dataclasses.replace(result, score=dataclasses.replace(
        result.score, total=result.score.total + 1e-12, raw=result.score.raw - 1e-12))
    assert to_json(noisy, OutputOptions()) == to_json(result, OutputOptions())


def test_masked_unless_show_pii(result: AuditResult) -> None:
    text = to_json(result, OutputOptions())
    assert leaks(text) == []
    assert "110101********1234" in text and "159****1111" in text
    shown = to_json(result, OutputOptions(show_pii=True))
    assert RAW_IDS[0] in shown and RAW_MOBILES[1] in shown
