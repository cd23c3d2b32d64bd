"""A generated district: deterministic bytes, a manifest that matches the files, the CLI."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cscaudit.cli.app import app
from cscaudit.samples.district import DistrictSettings, generate_district
from tests.samples.helpers import read_rows, tree_bytes

SETTINGS = DistrictSettings(centers=3, records_per_center=2500, seed=7, defect_rate=0.25,
                            streets=2)


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("district")
    generate_district(SETTINGS, out)
    return out


def test_same_seed_gives_identical_bytes(district: Path, tmp_path: Path) -> None:
    generate_district(SETTINGS, tmp_path)
    assert tree_bytes(tmp_path) == tree_bytes(district)
    assert any(name.endswith(".xlsx") for name in tree_bytes(district))


def test_other_seed_gives_other_data(district: Path, tmp_path: Path) -> None:
    generate_district(dataclasses.replace(SETTINGS, seed=8), tmp_path)
    assert tree_bytes(tmp_path) != tree_bytes(district)


def test_layout_and_district_file(district: Path) -> None:
    text = (district / "district.yaml").read_text(encoding="utf-8")
    assert "kind: district" in text
    manifest = json.loads((district / "defects.json").read_text(encoding="utf-8"))
    centers = manifest["centers"]
    assert sorted(centers) == ["c001", "c002", "c003"]
    streets = {c["street"] for c in centers.values()}
    assert len(streets) == 2
    for center in centers.values():
        folder = district / center["path"]
        assert (folder / "center.yaml").is_file()
        assert center["path"] in text
        assert len(list((folder / "exports").iterdir())) >= 8


def test_every_planted_row_is_in_its_file(district: Path) -> None:
    manifest = json.loads((district / "defects.json").read_text(encoding="utf-8"))
    seen_kinds: set[str] = set()
    for center in manifest["centers"].values():
        folder = district / center["path"]
        cache: dict[tuple[str, str | None], dict[int, list[str]]] = {}
        for kind, entry in center["defects"].items():
            seen_kinds.add(kind)
            assert entry["count"] == len(entry["rows"])
            for planted in entry["rows"]:
                if planted["row"] is None:  # a configuration defect: the plan file exists
                    assert (folder / planted["file"]).is_file()
                    continue
                key = (planted["file"], planted["sheet"])
                if key not in cache:
                    cache[key] = read_rows(folder / planted["file"], planted["sheet"])
                row = cache[key][planted["row"]]
                if planted["table"] != "surveys":
                    assert row[0] == planted["key"], (kind, planted)
    # a 25 % defect rate over three centers plants every row-level kind at least once
    for kind in ("late_case", "ledger_missing_field", "household_under_visited",
                 "household_missing_content", "future_visit", "visit_before_roster",
                 "pasted_content", "worker_overload", "year_end_burst", "duplicate_row",
                 "household_never_visited", "completed_before_received"):
        assert kind in seen_kinds, kind


def test_planted_rows_really_carry_the_defect(district: Path) -> None:
    manifest = json.loads((district / "defects.json").read_text(encoding="utf-8"))
    checked: set[str] = set()
    for center in manifest["centers"].values():
        folder = district / center["path"]
        defects = center["defects"]

        def rows_of(kind: str, folder: Path = folder,
                    defects: dict[str, Any] = defects) -> list[list[str]]:
            entries = defects[kind]["rows"]
            table = read_rows(folder / entries[0]["file"], entries[0]["sheet"])
            return [table[e["row"]] for e in entries]

        if "worker_overload" in defects:
            overload = rows_of("worker_overload")
            assert len(overload) >= 40
            assert len({(r[1][:10], r[2]) for r in overload}) == 1  # one day, one worker
            checked.add("worker_overload")
        if "future_visit" in defects:
            assert all("2025" in r[1] for r in rows_of("future_visit"))
            checked.add("future_visit")
        for e in defects.get("duplicate_row", {}).get("rows", []):
            table = read_rows(folder / e["file"], e["sheet"])
            copy = table[e["row"]]
            assert sum(1 for r in table.values() if r == copy) == 2
            checked.add("duplicate_row")
    assert checked == {"worker_overload", "future_visit", "duplicate_row"}


def test_cli_generate(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["samples", "generate", "--centers", "2",
                                      "--records-per-center", "800", "-o", str(tmp_path),
                                      "--format", "csv", "--seed", "3", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "generated 2 centers" in result.output
    files = tree_bytes(tmp_path)
    assert not any(name.endswith(".xlsx") for name in files)
    manifest = json.loads(files["defects.json"])
    assert all(not c["defects"] for c in manifest["centers"].values())  # no defect rate


def test_cli_rejects_a_bad_format(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["samples", "generate", "-o", str(tmp_path),
                                      "--format", "ods", "--lang", "en"])
    assert result.exit_code == 2
    assert "--format must be csv, xlsx or mixed" in result.output
    assert not list(tmp_path.iterdir())


def test_cli_generate_xlsx_year(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["samples", "generate", "--centers", "1",
                                      "--records-per-center", "600", "-o", str(tmp_path),
                                      "--format", "xlsx", "--year", "2023", "-q"])
    assert result.exit_code == 0, result.output
    assert result.output == ""
    visits = next(p for p in tmp_path.rglob("*.xlsx") if p.stem in ("走访记录", "visits",
                                                                   "入户走访登记表", "民情日志"))
    rows = read_rows(visits)
    dates = [r[1] for n, r in rows.items() if n > 1 and r and r[1]]
    assert dates and all(d.startswith("2023") for d in dates)
    assert dt.date.fromisoformat(dates[0][:10]).year == 2023


def test_records_per_center_on_average(tmp_path: Path) -> None:
    generate_district(DistrictSettings(centers=4, records_per_center=3000, seed=5,
                                       format="csv"), tmp_path)
    total = sum(len(read_rows(p)) - 1 for p in tmp_path.rglob("*.csv"))
    assert 0.85 * 4 * 3000 <= total <= 1.15 * 4 * 3000


def test_documents_match_their_schemas(district: Path) -> None:
    from cscaudit.config.documents import check_document
    from cscaudit.config.yamlio import load_yaml

    documents = sorted(district.rglob("*.yaml"))
    kinds = Counter()
    for path in documents:
        loaded = load_yaml(path)
        kinds[loaded.data["kind"]] += 1
        assert check_document(loaded) == [], path
    # every center of this dirty district shows signs of several kinds, confirmed on site
    assert kinds == {"district": 1, "center": 3, "emergency-plan": 6, "inspection-findings": 3}


def test_clean_district_passes_validate(tmp_path: Path) -> None:
    generate_district(DistrictSettings(centers=2, records_per_center=600, seed=9), tmp_path)
    result = CliRunner().invoke(app, ["validate", str(tmp_path), "--lang", "en"])
    assert result.exit_code == 0, result.output


def test_regenerating_replaces_the_previous_district(tmp_path: Path) -> None:
    generate_district(DistrictSettings(centers=3, records_per_center=500, streets=3), tmp_path)
    generate_district(DistrictSettings(centers=1, records_per_center=500), tmp_path)
    assert sorted(p.parent.name for p in tmp_path.rglob("center.yaml")) == ["c001"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["defects.json", "district.yaml", "s01"]


def test_cli_refuses_a_foreign_folder(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(app, ["samples", "generate", "-o", str(tmp_path), "--lang", "en"])
    assert result.exit_code == 2
    assert "not empty" in result.output and "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
