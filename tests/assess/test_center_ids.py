"""Center ids are unique in a district; peer scores name only its centers, each once."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cscaudit.cli.app import app
from cscaudit.engine.district.discover import discover_district
from cscaudit.engine.district.inputs import load_peers
from cscaudit.errors import InputError
from tests.assess.conftest import make_district


def _center(folder: Path, cid: str) -> None:
    folder.mkdir(parents=True)
    (folder / "center.yaml").write_text(f"kind: center\nschema_version: 1\nid: {cid}\n",
                                        encoding="utf-8")


def test_two_centers_with_one_id_name_both_folders(tmp_path: Path) -> None:
    for name, cid in (("a", "c001"), ("b", "c001"), ("c", "c003")):
        _center(tmp_path / "tie2" / name, cid)
    with pytest.raises(InputError) as caught:
        discover_district(tmp_path / "tie2")
    err = caught.value
    assert "a and b" in err.message.en and "c001" in err.message.en
    assert err.file is not None and err.file.endswith("b/center.yaml")
    assert (err.line, err.column) == (3, 5)
    result = CliRunner().invoke(app, ["assess", str(tmp_path / "tie2"), "--lang", "en", "-o",
                                      str(tmp_path / "t.xlsx"), "--json", str(tmp_path / "t.json")])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert not (tmp_path / "t.json").exists()


def test_declared_ids_are_kept_and_folder_names_stand_in(tmp_path: Path) -> None:
    _center(tmp_path / "d" / "x", "c009")
    (tmp_path / "d" / "y").mkdir()
    (tmp_path / "d" / "y" / "center.yaml").write_text("kind: [broken\n", encoding="utf-8")
    entries = discover_district(tmp_path / "d").entries
    assert [(e.declared_id, e.known_id) for e in entries] == [("c009", "c009"), (None, "y")]


def test_peer_file_with_unknown_or_repeated_ids(tmp_path: Path) -> None:
    peer = tmp_path / "peer2.csv"
    peer.write_text("center_id,score\nc002,95\nc01,80\n", encoding="utf-8")
    with pytest.raises(InputError, match="c01") as caught:
        load_peers(peer, {"c001", "c002"})
    assert (caught.value.line, caught.value.column) == (3, 1)
    assert load_peers(peer) == {"c002": 95.0, "c01": 80.0}  # no district given: not checked
    peer.write_text("center_id,score\nc002,95\nc002,10\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 2") as caught:
        load_peers(peer, {"c001", "c002"})
    assert caught.value.line == 3


@pytest.mark.usefixtures("fake_audit")
def test_assess_rejects_a_peer_id_not_in_the_district(tmp_path: Path) -> None:
    root = make_district(tmp_path / "d", ["good", "weak"])
    peer = tmp_path / "peer.csv"
    peer.write_text("center_id,score\ngood,80\ngod,70\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["assess", str(root), "--workers", "1", "--no-xlsx",
                                      "--peer", str(peer), "--lang", "en"])
    assert result.exit_code == 2, result.output
    assert "peer.csv:3:1" in result.output and "'god'" in result.output


def test_center_outside_the_district_is_named_as_written(tmp_path: Path) -> None:
    _center(tmp_path / "elsewhere" / "c9", "c009")
    _center(tmp_path / "dist" / "s1" / "c1", "c001")
    outside = (tmp_path / "elsewhere" / "c9").as_posix()
    (tmp_path / "dist" / "district.yaml").write_text(
        "kind: district\nschema_version: 1\nname: 测试区\ncenters:\n  - s1/c1\n"
        f"  - path: {outside}\n  - ../elsewhere/c9/center.yaml\n", encoding="utf-8")
    with pytest.raises(Exception, match="listed twice"):
        discover_district(tmp_path / "dist")
    (tmp_path / "dist" / "district.yaml").write_text(
        "kind: district\nschema_version: 1\nname: 测试区\ncenters:\n  - s1/c1\n"
        "  - ../elsewhere/c9/center.yaml\n", encoding="utf-8")
    assert [e.rel for e in discover_district(tmp_path / "dist").entries] == \
        ["../elsewhere/c9", "s1/c1"]
    (tmp_path / "dist" / "district.yaml").write_text(
        f"kind: district\nschema_version: 1\ncenters:\n  - s1/c1\n  - {outside}\n",
        encoding="utf-8")
    assert [e.rel for e in discover_district(tmp_path / "dist").entries] == [outside, "s1/c1"]
