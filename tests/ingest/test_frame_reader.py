"""The frame reader equals the record reader on every export: bundled samples, generated
centers (CSV and XLSX, defects planted, headers as other systems spell them)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import pytest

from cscaudit.center import load_center
from cscaudit.ingest import FieldDictionary, TableSource, discover_tables
from cscaudit.ingest.frame_columns import PY_SPACE
from cscaudit.samples.district import DistrictSettings, generate_district
from tests.ingest.frame_equality import assert_same

CENTERS = Path(__file__).resolve().parents[2] / "samples" / "centers"


def _sources(center_root: Path) -> list[TableSource]:
    center = load_center(center_root)
    return discover_tables(center.root, center.exports).sources


def test_the_stripped_characters_are_those_str_strip_takes() -> None:
    spaces = "".join(chr(c) for c in range(0x110000) if chr(c).isspace())
    assert spaces == PY_SPACE


@pytest.mark.parametrize("center", sorted(p.parent.name for p in CENTERS.glob("*/center.yaml")))
def test_every_bundled_export(center: str, dictionary: FieldDictionary) -> None:
    sources = _sources(CENTERS / center)
    assert sources
    outcomes = [assert_same(source, dictionary) for source in sources]
    assert sum(o.frame.height for o in outcomes if o.frame is not None) > 1000


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_generated_centers_with_defects(fmt: Literal["csv", "xlsx"], tmp_path: Path,
                                        dictionary: FieldDictionary) -> None:
    generate_district(DistrictSettings(centers=2, records_per_center=1500, seed=11,
                                       defect_rate=0.3, format=fmt), tmp_path)
    roots = sorted(p.parent for p in tmp_path.rglob("center.yaml"))
    assert len(roots) == 2
    issues = 0
    for root in roots:
        for source in _sources(root):
            issues += len(assert_same(source, dictionary).issues)
    assert issues > 0  # the planted defects were read as issues, by both readers alike
