"""`cscaudit audit` through the CLI: the samples' results, determinism, exit codes, bad input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cscaudit.cli.app import app

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "centers"
NINGBO = SAMPLES / "ningbo-yinzhou-heyue"
BEIJING = SAMPLES / "beijing-changping-xinyuan"
WUHAN = SAMPLES / "wuhan-jinyinhu-qinghe"


def _audit(*args: str) -> tuple[int, str]:
    run = CliRunner().invoke(app, ["audit", *args])
    assert run.exception is None or isinstance(run.exception, SystemExit), run.exception
    return run.exit_code, run.output


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, object]]:
    out = tmp_path_factory.mktemp("audit")
    found: dict[str, dict[str, object]] = {}
    for center in (NINGBO, BEIJING, WUHAN):
        target = out / f"{center.name}.json"
        code, output = _audit(str(center), "--no-xlsx", "--json", str(target), "-q")
        assert code == 0, output
        found[center.name] = json.loads(target.read_text(encoding="utf-8"))
    return found


def test_samples_tell_three_distinct_stories(results: dict[str, dict[str, object]]) -> None:
    score = {name: r["score"] for name, r in results.items()}
    assert score[NINGBO.name]["grade"] == "优秀"  # type: ignore[index]
    assert score[BEIJING.name]["grade"] in ("合格", "基本合格")  # type: ignore[index]
    wuhan = score[WUHAN.name]
    assert wuhan["grade"] == "不合格" and wuhan["veto"] == "applied"  # type: ignore[index]
    assert "R2" in wuhan["veto_reason"]  # type: ignore[index]  # confirmed by its findings file
    assert score[NINGBO.name]["veto"] == score[BEIJING.name]["veto"] == "none"  # type: ignore[index]
    integrity = [f for f in results[WUHAN.name]["findings"]  # type: ignore[attr-defined]
                 if f["indicator"] == "V1" and f["severity"] == "critical"]
    assert len(integrity) >= 2
    assert all(f["evidence"] and f["evidence_total"] >= len(f["evidence"]) for f in integrity)


def test_every_lost_point_has_a_reason(results: dict[str, dict[str, object]]) -> None:
    for result in results.values():
        for indicator in result["indicators"]:  # type: ignore[attr-defined]
            if indicator["lost"] > 0:
                assert indicator["reason"], indicator["id"]


def test_json_is_byte_identical_across_runs(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    for target in (first, second):
        code, output = _audit(str(BEIJING), "--no-xlsx", "--json", str(target), "-q")
        assert code == 0, output
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize(
    ("center", "fail_on", "code"),
    [(WUHAN, "veto", 1), (NINGBO, "veto", 0), (WUHAN, "不合格", 1), (NINGBO, "fail", 0),
     (WUHAN, "critical", 1), (BEIJING, "critical", 0)],
)
def test_fail_on_sets_the_exit_code(center: Path, fail_on: str, code: int) -> None:
    assert _audit(str(center), "--no-xlsx", "-q", "--fail-on", fail_on)[0] == code


def test_bad_fail_on_value_is_a_usage_error() -> None:
    code, output = _audit(str(NINGBO), "--no-xlsx", "-q", "--fail-on", "sometimes")
    assert code == 2
    assert "--fail-on" in output and "Traceback" not in output


def test_missing_center_is_a_clear_error(tmp_path: Path) -> None:
    code, output = _audit(str(tmp_path / "nowhere"), "--no-xlsx")
    assert code == 2
    assert "nowhere" in output and "Traceback" not in output


def test_invalid_center_yaml_names_file_and_line(tmp_path: Path) -> None:
    center = tmp_path / "broken"
    shutil.copytree(NINGBO, center)
    text = (center / "center.yaml").read_text(encoding="utf-8")
    (center / "center.yaml").write_text(text + "\nname: 重复的键\n", encoding="utf-8")
    code, output = _audit(str(center), "--no-xlsx", "--lang", "en")
    assert code == 2
    assert "center.yaml:" in output and "duplicate key 'name'" in output
    assert "Traceback" not in output


def test_corrupt_export_is_reported_and_the_audit_goes_on(tmp_path: Path) -> None:
    center = tmp_path / "corrupt"
    shutil.copytree(NINGBO, center)
    victim = next(p for p in sorted((center / "exports").iterdir()) if p.suffix == ".xlsx")
    victim.write_bytes(b"PK\x03\x04 this is not a workbook")
    result, card = tmp_path / "r.json", tmp_path / "card.xlsx"
    code, output = _audit(str(center), "-o", str(card), "--json", str(result), "-q")
    assert code == 2, output
    assert card.is_file()
    data = json.loads(result.read_text(encoding="utf-8"))
    unusable = [i for i in data["data_issues"] if i["code"] == "unusable-file"]
    assert [i["file"] for i in unusable] == [f"exports/{victim.name}"]
    assert any(i["outcome"] == "error" for i in data["indicators"])
    assert any(i["outcome"] == "pass" for i in data["indicators"])


def test_english_summary(tmp_path: Path) -> None:
    code, output = _audit(str(NINGBO), "--no-xlsx", "--lang", "en")
    assert code == 0
    assert "excellent" in output.lower() or "Excellent" in output
