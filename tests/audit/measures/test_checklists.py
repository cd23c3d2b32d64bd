"""The shipped checklists: valid documents, params the kinds accept, points that add up,
requirement ids that exist in the encoded standard."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from cscaudit.config.documents import check_document, load_document
from cscaudit.measures.registry import REGISTRY

ROOT = Path(__file__).resolve().parents[3]
CHECKLISTS = [ROOT / "checklists" / "gbt36735-annual.yaml", ROOT / "checklists" / "gbt36735-onsite.yaml"]


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize("path", CHECKLISTS, ids=lambda p: p.stem)
def test_checklist_is_a_valid_document(path: Path) -> None:
    assert check_document(load_document(path, "checklist"), "checklist") == []


@pytest.mark.parametrize("path", CHECKLISTS, ids=lambda p: p.stem)
def test_params_fit_their_kinds(path: Path) -> None:
    for indicator in _load(path)["indicators"]:
        kind = REGISTRY[indicator["kind"]]
        jsonschema.validate(indicator.get("params") or {}, kind.PARAMS_SCHEMA)


@pytest.mark.parametrize("path", CHECKLISTS, ids=lambda p: p.stem)
def test_points_add_up(path: Path) -> None:
    doc = _load(path)
    by_area = Counter[str]()
    for indicator in doc["indicators"]:
        by_area[indicator["area"]] += indicator["points"]
    assert {a["id"]: a["points"] for a in doc["areas"]} == {a["id"]: by_area[a["id"]] for a in doc["areas"]}
    assert sum(by_area.values()) == doc["max_points"] == 100


def test_annual_areas_and_vetoes() -> None:
    doc = _load(CHECKLISTS[0])
    points = {a["id"]: a["points"] for a in doc["areas"]}
    assert points == {"A": 15, "B": 10, "C": 20, "D": 20, "E": 10, "F": 15, "G": 10, "V": 0}
    vetoes = {i["kind"] for i in doc["indicators"] if i["scoring"]["method"] == "veto"}
    assert vetoes == {"ledger_integrity", "keyword_match"}


def test_onsite_items_need_a_person() -> None:
    assert {i["kind"] for i in _load(CHECKLISTS[1])["indicators"]} == {"inspection_item"}


@pytest.mark.parametrize("path", CHECKLISTS, ids=lambda p: p.stem)
def test_requirement_ids_exist(path: Path) -> None:
    from cscaudit.config.standard import load_standard

    known = set(load_standard().requirements)
    for indicator in _load(path)["indicators"]:
        assert indicator["requirements"], indicator["id"]
        assert set(indicator["requirements"]) <= known, (indicator["id"], set(indicator["requirements"]) - known)
