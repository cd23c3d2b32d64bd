"""The merged standard: contents, internal references, matching helpers, merge errors."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cscaudit.config.standard import load_standard, standard_folder
from cscaudit.config.standard_model import GROUP_CODES, normalise_heading
from cscaudit.errors import ConfigError

STD = load_standard()
CONTRIBUTING_TAGS = {
    "general": ["policy_publicity", "info_collection", "community_info", "communication"],
    "temporary": ["landlord_info", "employment_status"],
    "elderly": ["health_status", "children_contact", "care_services", "medical_services",
                "psychological_support"],
    "disabled": ["physical_condition", "family_living", "medical_care_info"],
    "unemployed": ["employment_verification", "reemployment_info", "employment_platform"],
    "low_income": ["assistance_info", "employment_info", "school_aid", "support_policies"],
}


def test_loading_is_cached() -> None:
    assert load_standard() is STD


def test_every_requirement_follows_the_provenance_rules() -> None:
    assert len(STD.requirements) >= 50
    for req in STD.requirements.values():
        assert re.fullmatch(r"N36735(\.[1-9][0-9]*)+", req.id)
        assert req.clause is None and not req.verified  # nothing verified yet: never guess
        assert req.level in ("shall", "should")
        assert req.confidence in ("confirmed", "brief", "inferred")
        assert re.fullmatch(r"seed:\d{3}|inferred|https?://\S+", req.source)
        assert req.title.zh and req.title.en
        assert req.section in STD.sections


def test_seed_002_visit_content_is_confirmed() -> None:
    for rid in ("N36735.6.2.4", "N36735.6.2.5", "N36735.6.2.6", "N36735.6.2.7", "N36735.6.2.8",
                "N36735.6.2.9"):
        req = STD.requirements[rid]
        assert (req.confidence, req.source) == ("confirmed", "seed:002")


def test_content_tags_are_the_contract_codes() -> None:
    assert list(STD.general_content) == CONTRIBUTING_TAGS["general"]
    for group, codes in CONTRIBUTING_TAGS.items():
        if group != "general":
            assert list(STD.group_content[group]) == codes
    assert set(STD.content_tags) == {c for codes in CONTRIBUTING_TAGS.values() for c in codes}
    for tag in STD.content_tags.values():
        assert tag.label.zh and tag.keywords and tag.requirement in STD.requirements


def test_elderly_subgroups_inherit_elderly_content() -> None:
    assert set(STD.group_content) == set(GROUP_CODES)
    assert STD.group_content["elderly_alone"] == STD.group_content["elderly"]
    assert STD.group_content["elderly_high_risk"] == STD.group_content["elderly"]
    assert STD.content_tags["health_status"].groups == ("elderly", "elderly_alone", "elderly_high_risk")
    assert STD.content_tags["policy_publicity"].general
    assert STD.required_content("temporary") == (*CONTRIBUTING_TAGS["general"], "landlord_info",
                                                 "employment_status")
    assert STD.required_content("general") == tuple(CONTRIBUTING_TAGS["general"])


def test_service_items_and_categories() -> None:
    assert len(STD.categories) == 10
    required = {c for c, e in STD.categories.items() if e.required}
    assert required == {"party", "civil", "labour", "health", "culture", "governance", "clinic"}
    for item in STD.service_items.values():
        assert item.id.split(".")[0] == item.category and item.category in STD.categories
    assert {c for i in STD.service_items.values() for c in [i.category]} == set(STD.categories)
    assert set(STD.item_fields) == {"basis", "materials", "steps", "time_limit_days", "fee"}


def test_processes_are_ordered_steps() -> None:
    assert list(STD.processes) == ["service_hall", "household_visits", "major_activity",
                                   "emergency_event"]
    activity = [s.id for s in STD.processes["major_activity"].steps]
    assert activity == ["plan", "report", "safety_plan", "hold", "summary"]
    assert STD.processes["major_activity"].steps[0].evidence_field == "plan_on"


def test_catalogues_reference_existing_requirements() -> None:
    for name in ("zones", "postings", "amenities"):
        entries = STD.catalogue(name)
        assert entries and all(e.requirement in STD.requirements for e in entries.values())
    assert {"first_contact", "one_time_notice", "time_limit", "ab_post", "service_pledge",
            "proxy_service", "worker_posts", "worker_whereabouts", "opening_hours"} <= set(STD.postings)
    assert {"pens_paper", "reading_glasses", "drinking_water", "seats", "accessible_entrance"} \
        <= set(STD.amenities)
    with pytest.raises(KeyError):
        STD.catalogue("requirements")


def test_event_classes_and_plan_sections() -> None:
    assert list(STD.event_classes) == ["natural_disaster", "accident", "public_health", "social_safety"]
    assert STD.required_sections() == ("general_provisions", "organisation", "early_warning",
                                       "response", "safeguards", "supplementary", "contact_list")
    assert STD.contact_list.review_months == 12


@pytest.mark.parametrize(("heading", "expected"), [
    ("总则", "general_provisions"),
    ("一、总则", "general_provisions"),
    ("第二章　组织机构及职责", "organisation"),
    ("（三）预防与预警", "early_warning"),
    ("3.1 风险监测", "early_warning"),
    ("四、应急处置", "response"),
    ("先期处置", "response"),
    ("五、善后工作", "aftermath"),
    ("应急保障", "safeguards"),
    ("九、附则", "supplementary"),
    ("附件1：应急联系人名单", "contact_list"),
    ("附件", "annexes"),
    ("值班安排", None),
    ("", None),
])
def test_match_section_accepts_synonyms_and_numbering(heading: str, expected: str | None) -> None:
    assert STD.match_section(heading) == expected


@pytest.mark.parametrize(("label", "expected"), [
    ("自然灾害", ("natural_disaster", None)),
    ("公共卫生", ("public_health", None)),
    ("停电", ("accident", "power_outage")),
    ("突然断电", ("accident", "power_outage")),
    ("social_safety", ("social_safety", None)),
    ("外星人入侵", None),
])
def test_match_event_class(label: str, expected: tuple[str, str | None] | None) -> None:
    assert STD.match_event_class(label) == expected


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_match_section_never_fails(text: str) -> None:
    result = STD.match_section(text)
    assert result is None or result in STD.plan_sections


@settings(max_examples=100, deadline=None)
@given(st.sampled_from([s.name.zh for s in STD.plan_sections.values()]),
       st.sampled_from(["", "一、", "第三章 ", "（二）", "2.", "4.1 ", "十、"]))
def test_numbering_does_not_change_the_match(name: str, prefix: str) -> None:
    assert STD.match_section(prefix + name) == STD.match_section(name)
    assert normalise_heading(prefix + name) == normalise_heading(name)


# ---------------------------------------------------------------- merge errors
@pytest.fixture()
def copy_of_standard(tmp_path: Path) -> Path:
    folder = tmp_path / "gbt36735-2018"
    shutil.copytree(standard_folder(), folder)
    return folder


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_copy_loads_like_the_original(copy_of_standard: Path) -> None:
    copy = load_standard(copy_of_standard)
    assert copy.requirements == STD.requirements and copy.parts == STD.parts


def test_duplicate_requirement_across_parts(copy_of_standard: Path) -> None:
    _replace(copy_of_standard / "evaluation.yaml", "- id: N36735.7.5", "- id: N36735.4.1.1")
    with pytest.raises(ConfigError) as info:
        load_standard(copy_of_standard)
    err = info.value
    assert err.file is not None and err.file.endswith("outline.yaml")  # sorted: evaluation first
    assert "N36735.4.1.1" in err.message.en and "evaluation.yaml" in err.message.en
    assert err.line is not None and err.column == 9


def test_unknown_requirement_reference_suggests_the_closest(copy_of_standard: Path) -> None:
    _replace(copy_of_standard / "catalogues.yaml", "requirement: N36735.4.3.8}",
             "requirement: N36735.4.3.88}")
    with pytest.raises(ConfigError) as info:
        load_standard(copy_of_standard)
    err = info.value
    assert err.file is not None and err.file.endswith("catalogues.yaml")
    text = (copy_of_standard / "catalogues.yaml").read_text(encoding="utf-8").splitlines()
    assert err.line is not None and "N36735.4.3.88" in text[err.line - 1]
    assert err.column == text[err.line - 1].index("N36735.4.3.88") + 1
    assert "did you mean N36735.4.3.8" in err.message.en


def test_unknown_content_tag_in_group_content(copy_of_standard: Path) -> None:
    _replace(copy_of_standard / "visit-content.yaml", "temporary: [landlord_info,",
             "temporary: [landlord_infos,")
    with pytest.raises(ConfigError) as info:
        load_standard(copy_of_standard)
    assert "landlord_info" in info.value.message.zh


def test_schema_error_in_a_part_names_its_position(copy_of_standard: Path) -> None:
    _replace(copy_of_standard / "processes.yaml", "    level: should", "    level: may")
    with pytest.raises(ConfigError) as info:
        load_standard(copy_of_standard)
    assert info.value.file is not None and info.value.file.endswith("processes.yaml")
    assert info.value.column == 12


def test_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        load_standard(tmp_path)


def test_incident_types_in_the_field_dictionary_are_the_standards_event_classes() -> None:
    from cscaudit.ingest import load_dictionary

    field = load_dictionary().tables["incidents"].fields["type"]
    assert set(load_dictionary().labels_for(field)) == set(STD.event_classes)
