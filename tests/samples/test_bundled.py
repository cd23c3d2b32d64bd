"""The sample centers' committed exports are exactly what the generator writes, and tell
the intended story (Ningbo clean, Beijing some gaps, Wuhan many incl. integrity)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cscaudit.samples.bundled import bundled_specs, write_bundled
from cscaudit.samples.defects import BY_ID
from cscaudit.samples.exports import PlantedRow
from tests.samples.helpers import read_rows, tree_bytes

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[PlantedRow]]]:
    root = tmp_path_factory.mktemp("samples")
    return root, write_bundled(SAMPLES, root)


def test_committed_exports_are_reproducible(
        regenerated: tuple[Path, dict[str, list[PlantedRow]]]) -> None:
    root, _ = regenerated
    for spec in bundled_specs(SAMPLES):
        committed = SAMPLES / "centers" / spec.id / "exports"
        fresh = tree_bytes(root / "centers" / spec.id / "exports")
        assert fresh, spec.id
        assert tree_bytes(committed) == fresh, f"rerun `cscaudit samples bundled` ({spec.id})"


def test_sizes_stay_small_and_volumes_realistic() -> None:
    for spec in bundled_specs(SAMPLES):
        exports = SAMPLES / "centers" / spec.id / "exports"
        size = sum(p.stat().st_size for p in exports.iterdir())
        assert size <= 3_000_000, (spec.id, size)
        assert 400 <= spec.households <= 2200


def test_messy_cases_are_present() -> None:
    files = [p for spec in bundled_specs(SAMPLES) for p in (SAMPLES / "centers" / spec.id / "exports").iterdir()]
    assert {p.suffix for p in files} == {".csv", ".xlsx"}
    gb18030 = []
    for p in files:
        if p.suffix == ".csv":
            raw = p.read_bytes()
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError:
                raw.decode("gb18030")
                gb18030.append(p)
    assert gb18030
    titled = []
    for p in files:
        if p.suffix == ".xlsx":
            rows = read_rows(p)
            last = rows[max(rows)]
            if len([v for v in rows[1] if v]) == 1 and last and last[0] == "合计":
                titled.append(p)
    assert titled


def test_story_of_each_center(regenerated: tuple[Path, dict[str, list[PlantedRow]]]) -> None:
    _, planted = regenerated
    ningbo = planted["ningbo-yinzhou-heyue"]
    beijing = planted["beijing-changping-xinyuan"]
    wuhan = planted["wuhan-jinyinhu-qinghe"]
    assert ningbo == []
    assert beijing and not any(BY_ID[p.kind].integrity for p in beijing)
    integrity = {p.kind for p in wuhan if BY_ID[p.kind].integrity}
    assert {"future_visit", "worker_overload", "pasted_content", "year_end_burst",
            "completed_before_received", "duplicate_row"} <= integrity
    assert len(wuhan) > 2 * len(beijing)


def test_committed_district_is_reproducible(tmp_path: Path) -> None:
    from cscaudit.samples.district import DistrictSettings, generate_district

    generate_district(DistrictSettings(centers=6, streets=2, records_per_center=2500,
                                       seed=2024, defect_rate=0.1, format="mixed"), tmp_path)
    committed = {k: v for k, v in tree_bytes(SAMPLES / "district").items() if k != "README.md"}
    assert committed == tree_bytes(tmp_path), "rerun the command in samples/district/README.md"
