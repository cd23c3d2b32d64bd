"""Checks `audit` and `assess` make that validate makes too: waiver ids and dates, district."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.validate.conftest import run_json

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

WAIVER = ("  - {{id: {id}, target: A1, center: c, justification: x, approver: a, document: d, "
          "start: \"{start}\", expires: \"{expires}\"}}\n")


def _problems(path: Path) -> list[tuple[str, int, int]]:
    _, report = run_json(str(path))
    return [(p["code"], p["line"], p["column"]) for f in report["files"] for p in f["problems"]]


def test_waiver_ids_twice_and_dates_reversed(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text("kind: waivers\nschema_version: 1\nwaivers:\n"
                    + WAIVER.format(id="W1", start="2024-01-01", expires="2024-12-31")
                    + WAIVER.format(id="W1", start="2024-06-01", expires="2024-01-31"),
                    encoding="utf-8")
    code, report = run_json(str(path))
    assert code == 1
    problems = report["files"][0]["problems"]
    assert [(p["code"], p["line"], p["column"]) for p in problems] == [
        ("duplicate-waiver-id", 5, 10), ("waiver-dates", 5, 111)]
    assert "first at line 4" in problems[0]["message"]


def test_district_paths_repeats_and_ids(tmp_path: Path) -> None:
    root = tmp_path / "d"
    shutil.copytree(SAMPLES / "district", root)
    assert _problems(root / "district.yaml") == []
    text = (root / "district.yaml").read_text(encoding="utf-8")
    text = text.replace("{id: c003, path: s01/c003,", "{id: c999, path: s01/c003,")
    text += ("  - {id: c007, path: s01/nope}\n  - {path: s01/c001}\n"
             "  - s01/c005/center.yaml\n")
    (root / "district.yaml").write_text(text, encoding="utf-8")
    assert _problems(root / "district.yaml") == [
        ("center-id-mismatch", 9, 10), ("unknown-center", 13, 22),
        ("duplicate-center", 14, 12), ("duplicate-center", 15, 5)]
