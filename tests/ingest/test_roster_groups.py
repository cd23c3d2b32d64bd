"""Roster group labels: 高龄 (80+) alone is general elderly, visited quarterly; weekly visits
are for the 80+ who live alone or 空巢, and for 失能 / 重病 elderly (research/domain.md §3.3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cscaudit.ingest import FieldDictionary, TableSource
from tests.ingest.conftest import read, write_csv


@pytest.mark.parametrize(("label", "groups"), [
    ("高龄老人", ("elderly",)),
    ("高龄独居老人", ("elderly_high_risk",)),
    ("高龄空巢老人", ("elderly_high_risk",)),
    ("失能老人", ("elderly_high_risk",)),
    ("独居老人", ("elderly_alone",)),
])
def test_group_label_maps_to_its_visit_group(tmp_path: Path, dictionary: FieldDictionary,
                                             label: str, groups: tuple[str, ...]) -> None:
    rows = [["户号", "人群类别", "包片社工"], ["A-101", label, "王芳"]]
    records, issues, _ = read(TableSource("roster", write_csv(tmp_path / "名册.csv", rows)), dictionary)
    assert issues == []
    assert tuple(records[0].values["group"]) == groups
