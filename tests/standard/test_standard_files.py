"""Every file this part of the project owns under standards/ and samples/ is valid."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from cscaudit.config.documents import check_document
from cscaudit.config.yamlio import load_yaml, load_yaml_text
from cscaudit.resources import schema_dir, standards_dir

REPO = Path(__file__).resolve().parents[2]
OWN_SCHEMAS = ("standard", "center", "emergency-plan", "inspection-findings", "district")
PARTS = sorted((standards_dir() / "gbt36735-2018").glob("*.yaml"))
SAMPLE_FILES = sorted((REPO / "samples" / "centers").glob("*/center.yaml")) + sorted(
    (REPO / "samples" / "centers").glob("*/plans/*.yaml"))


@pytest.mark.parametrize("kind", OWN_SCHEMAS)
def test_schema_is_valid_draft_2020_12_with_id_and_bilingual_title(kind: str) -> None:
    schema = json.loads((schema_dir() / f"{kind}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$id"] == f"https://cscaudit.github.io/schema/1/{kind}.schema.json"
    assert " / " in schema["title"] and " / " in schema["description"]
    props = schema["$defs"]["plan"]["properties"] if kind == "emergency-plan" else schema["properties"]
    assert props["kind"]["const"] == kind
    assert props["schema_version"]["const"] == 1
    assert {"kind", "schema_version"} <= set(schema["required"])


def test_inline_plan_definition_is_the_plan_schema() -> None:
    """center.yaml's inline plans and plan files are checked by the very same definition."""
    center = json.loads((schema_dir() / "center.schema.json").read_text(encoding="utf-8"))
    plan = json.loads((schema_dir() / "emergency-plan.schema.json").read_text(encoding="utf-8"))
    assert center["$defs"]["plan"] == plan["$defs"]["plan"]
    for name in ("date", "nonEmpty", "phone", "text", "code"):
        assert center["$defs"][name] == plan["$defs"][name]


def test_the_standard_has_seven_parts() -> None:
    assert {p.stem for p in PARTS} == {"outline", "service-items", "processes", "visit-content",
                                       "emergency", "catalogues", "evaluation"}


@pytest.mark.parametrize("path", PARTS + SAMPLE_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_document_validates(path: Path) -> None:
    loaded = load_yaml(path)
    assert check_document(loaded) == []
    assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")


@pytest.mark.parametrize("path", PARTS, ids=lambda p: p.name)
def test_every_part_declares_the_standard(path: Path) -> None:
    data = load_yaml(path).data
    assert (data["kind"], data["schema_version"], data["standard"]) == ("standard", 1, "GB/T 36735-2018")
    assert data["part"] == path.stem


def test_schema_comment_points_to_an_existing_schema() -> None:
    for path in PARTS + SAMPLE_FILES:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        target = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert target.is_file(), path


def test_district_and_inspection_findings_examples() -> None:
    district = load_yaml_text(
        "kind: district\nschema_version: 1\nname: 示例街道\nstreets:\n"
        "  - name: 明湖街道\n    centers: [ningbo-yinzhou-heyue, {path: other, street: 东街道}]\n",
        "district.yaml")
    assert check_document(district) == []
    findings = load_yaml_text(
        "kind: inspection-findings\nschema_version: 1\ncenter: ningbo-yinzhou-heyue\n"
        "inspected_on: 2024-11-05\ninspectors: [区民政局检查组]\nresults:\n"
        "  - {indicator: S3, result: fail, note: 老花镜缺失, evidence: [IMG_0012]}\n"
        "  - {indicator: S4, result: pass, note: {zh: 良好, en: good}}\nobservations:\n"
        "  - {target: posting, id: worker_whereabouts, status: absent, note: 去向牌未更新}\n"
        "  - {target: amenity, id: reading_glasses, status: present}\n",
        "findings.yaml")
    assert check_document(findings) == []
    bad = load_yaml_text(
        "kind: inspection-findings\nschema_version: 1\ncenter: c1\ninspected_on: 2024-11-05\n"
        "inspectors: [x]\nobservations:\n  - {target: posting, id: ab_post, status: maybe}\n"
        "results:\n  - {indicator: S3, result: ok}\n",
        "findings.yaml")
    problems = check_document(bad)
    assert [(p.line, p.column) for p in problems] == [(7, 44), (9, 29)]
    neither = load_yaml_text("kind: inspection-findings\nschema_version: 1\ncenter: c1\n"
                             "inspected_on: 2024-11-05\n", "findings.yaml")
    assert [p.code for p in check_document(neither)] == ["schema"]


def test_district_without_centers_is_invalid() -> None:
    loaded = load_yaml_text("kind: district\nschema_version: 1\nname: 空\n", "district.yaml")
    assert [p.code for p in check_document(loaded)] == ["schema"]
