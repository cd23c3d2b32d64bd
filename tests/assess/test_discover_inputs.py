"""Finding centers (folder at any depth, district.yaml), peer scores, last year's run, names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cscaudit.engine.district.discover import discover_district
from cscaudit.engine.district.inputs import load_peers, load_previous
from cscaudit.errors import ConfigError, InputError
from cscaudit.report.district.sheet_names import MAX_LEN, SheetNamer


def _center(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "center.yaml").write_text("kind: center\n", encoding="utf-8")
    (folder / "exports").mkdir()
    return folder


def test_folder_at_any_depth_sorted_and_nested_not_searched(tmp_path: Path) -> None:
    _center(tmp_path / "b-street" / "deep" / "c2")
    _center(tmp_path / "a-street" / "c1")
    _center(tmp_path / "a-street" / "c1" / "exports" / "nested")  # inside a center: ignored
    _center(tmp_path / ".hidden" / "c9")
    district = discover_district(tmp_path)
    assert [e.rel for e in district.entries] == ["a-street/c1", "b-street/deep/c2"]
    assert [e.order for e in district.entries] == [0, 1]
    assert district.source is None


def test_district_yaml_lists_centers_with_streets(tmp_path: Path) -> None:
    _center(tmp_path / "x" / "c1")
    _center(tmp_path / "x" / "c2")
    _center(tmp_path / "unlisted")
    (tmp_path / "district.yaml").write_text(
        "kind: district\nschema_version: 1\nname: 测试区\ncenters:\n"
        "  - {path: x/c2, street: 二街道}\n  - {path: x/c1, street: 一街道}\n", encoding="utf-8")
    district = discover_district(tmp_path)
    assert [(e.rel, e.street) for e in district.entries] == [("x/c1", "一街道"), ("x/c2", "二街道")]
    assert district.name == "测试区"
    assert district.source == tmp_path / "district.yaml"


def test_district_yaml_entry_without_center_names_line(tmp_path: Path) -> None:
    _center(tmp_path / "c1")
    (tmp_path / "district.yaml").write_text(
        "kind: district\nschema_version: 1\ncenters:\n  - {path: c1, street: 一街道}\n"
        "  - {path: missing, street: 一街道}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        discover_district(tmp_path / "district.yaml")
    assert info.value.line == 5
    assert "missing" in info.value.message.en


def test_no_center_anywhere_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError):
        discover_district(tmp_path / "empty")
    with pytest.raises(InputError):
        discover_district(tmp_path / "nope")


def test_peer_scores_and_their_errors(tmp_path: Path) -> None:
    good = tmp_path / "peer.csv"
    good.write_text("\ufeff中心编号,互评得分\nC01,88.5\n\nC02,70\n", encoding="utf-8")
    assert load_peers(good) == {"C01": 88.5, "C02": 70.0}
    bad = tmp_path / "bad.csv"
    bad.write_text("center_id,score\nC01,88\nC02,120\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_peers(bad)
    assert (info.value.line, info.value.column) == (3, 2)
    nohead = tmp_path / "nohead.csv"
    nohead.write_text("a,b\n", encoding="utf-8")
    with pytest.raises(InputError):
        load_peers(nohead)


def test_previous_run_json(tmp_path: Path) -> None:
    path = tmp_path / "last.json"
    path.write_text(json.dumps({"ranking": [
        {"rank": 1, "composite": 91.5, "grade": "优秀", "center": {"id": "C01"}},
        {"rank": 2, "composite": None, "grade": "良好", "center": {"id": "C02"}},
        {"oops": True}]}), encoding="utf-8")
    prev = load_previous(path)
    assert prev["C01"].rank == 1 and prev["C01"].composite == 91.5
    assert prev["C02"].composite is None
    (tmp_path / "x.json").write_text("{", encoding="utf-8")
    with pytest.raises(InputError):
        load_previous(tmp_path / "x.json")
    (tmp_path / "y.json").write_text("[]", encoding="utf-8")
    with pytest.raises(InputError):
        load_previous(tmp_path / "y.json")


@given(st.lists(st.text(min_size=0, max_size=60), min_size=1, max_size=30))
def test_sheet_names_are_valid_and_unique(wanted: list[str]) -> None:
    namer = SheetNamer()
    names = [namer.name(w) for w in [*wanted, "a" * 30 + "'b", "History"]]
    assert len({n.lower() for n in names}) == len(names)
    for name in names:
        assert 0 < len(name) <= MAX_LEN
        assert not set(name) & set("[]:*?/\\")
        assert not name.startswith("'") and not name.endswith("'")
