"""A waiver of a requirement id never lifts a veto: only a waiver naming the veto indicator
itself does (the falsified-ledger veto and a scored indicator can check the same requirement)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cscaudit.checklist.resolution import resolve
from cscaudit.checklist.resolved import ResolvedChecklist
from cscaudit.cli.app import app
from cscaudit.i18n import Text
from cscaudit.results.model import Measurement, WaiverUse
from cscaudit.scoring.score import mark_waived, score_indicator, total

WUHAN = Path(__file__).resolve().parents[2] / "samples" / "centers" / "wuhan-jinyinhu-qinghe"
SHARED = "N36735.6.1.4"  # B1 in the mini checklist; given to V1 as well below


@pytest.fixture
def mini(fake_kinds: object, fixtures: Path) -> ResolvedChecklist:
    return resolve(fixtures / "mini-checklist.yaml")


def _use(target: str) -> WaiverUse:
    return WaiverUse(id="W1", target=target, approver="区民政局", document="〔2024〕8号",
                     expires="2025-12-31", applied=True)


def _results(resolved: ResolvedChecklist) -> list[object]:
    measured = {"A1": Measurement(checked=1, defects=0), "A2": Measurement(checked=1, defects=0),
                "B1": Measurement(checked=10, defects=3),
                "V1": Measurement(checked=5, defects=2, veto_grounds=Text("疑点普遍", "widespread"))}
    out = []
    for spec in resolved.indicators:
        result = score_indicator(spec, measured[spec.id])
        if spec.id == "V1":
            result = replace(result, requirements=(*result.requirements, SHARED))
        out.append(result)
    return out


def test_a_requirement_waiver_leaves_the_veto_in_force(mini: ResolvedChecklist) -> None:
    results = _results(mini)
    score = total(results, mini, [_use(SHARED)])  # type: ignore[arg-type]
    assert score.veto is True and score.grade == "不合格"
    assert score.total == 100  # B1 (same requirement) is still waived: full marks
    marked = mark_waived(results, [_use(SHARED)])  # type: ignore[arg-type]
    assert {r.id: r.waived_by for r in marked} == {"A1": None, "A2": None, "B1": "W1",
                                                   "V1": None}


def test_a_waiver_naming_the_veto_indicator_lifts_it(mini: ResolvedChecklist) -> None:
    results = _results(mini)
    score = total(results, mini, [_use("V1")])  # type: ignore[arg-type]
    assert score.veto is False and score.grade_without_waivers == "不合格"
    marked = mark_waived(results, [_use("V1")])  # type: ignore[arg-type]
    assert [r.waived_by for r in marked] == [None, None, None, "W1"]


def test_cli_requirement_waiver_keeps_the_wuhan_veto(tmp_path: Path) -> None:
    waivers = tmp_path / "w.yaml"
    waivers.write_text(
        "kind: waivers\nschema_version: 1\nwaivers:\n"
        f"  - {{id: w1, target: {SHARED}, center: wuhan-jinyinhu-qinghe, justification: "
        '字段无法导出, approver: 区民政局, document: "〔2024〕8号", start: 2024-01-01, '
        "expires: 2025-12-31}\n", encoding="utf-8")
    run = CliRunner().invoke(app, ["audit", str(WUHAN), "--no-xlsx", "-q", "--fail-on", "veto",
                                   "--waivers", str(waivers)])
    assert run.exit_code == 1, run.output


def test_a_requirement_only_a_veto_checks_cannot_be_waived_by_its_id(tmp_path: Path) -> None:
    """N36735.6.2.11 is checked by V1 alone: naming it would waive nothing, so the file is
    refused at its line; naming V1 itself is accepted."""
    from cscaudit.errors import ConfigError
    from cscaudit.scoring.waivers import load_waivers

    def waivers(target: str) -> Path:
        path = tmp_path / f"{target}.yaml"
        path.write_text(
            "kind: waivers\nschema_version: 1\nwaivers:\n"
            f"  - {{id: w1, target: {target}, center: c1, justification: 字段无法导出, "
            "approver: 区民政局, document: \"〔2024〕8号\", start: 2024-01-01, "
            "expires: 2025-12-31}\n", encoding="utf-8")
        return path

    with pytest.raises(ConfigError, match="veto") as caught:
        load_waivers(waivers("N36735.6.2.11"))
    assert caught.value.line == 4
    assert [w.target for w in load_waivers(waivers("V1")).waivers] == ["V1"]
