"""Every number and frequency a checklist uses carries its source: given, defaulted, or set
by a profile, and a profile's number is never vouched for by the checklist's source."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cscaudit.checklist.resolution import resolve, shipped_ids
from cscaudit.cli.app import app
from cscaudit.config.documents import check_document
from cscaudit.config.yamlio import load_yaml
from cscaudit.errors import ConfigError
from cscaudit.measures.param_sources import covering, sourced_leaves
from cscaudit.measures.registry import REGISTRY


def _copy(tmp_path: Path, fixtures: Path) -> Path:
    for name in ("mini-checklist.yaml", "mini-profile.yaml"):
        shutil.copy(fixtures / name, tmp_path / name)
    return tmp_path


@pytest.mark.usefixtures("fake_kinds")
def test_a_number_without_a_source_is_an_error_at_its_line(tmp_path: Path, fixtures: Path) -> None:
    folder = _copy(tmp_path, fixtures)
    path = folder / "mini-checklist.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(
        "    param_sources: {min_service_share: {source: inferred, confidence: inferred}}\n", ""),
        encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        resolve(path)
    assert (info.value.line, info.value.column) == (36, 33)  # the 0.5 of min_service_share
    assert "min_service_share" in info.value.message.en and "no source" in info.value.message.en


@pytest.mark.usefixtures("fake_kinds")
def test_a_profile_number_needs_the_profile_s_own_source(tmp_path: Path, fixtures: Path) -> None:
    folder = _copy(tmp_path, fixtures)
    profile = folder / "mini-profile.yaml"
    text = profile.read_text(encoding="utf-8")
    assert "limits/urgent" in text
    # without its own entry, the checklist's `limits` source would cover the profile's value
    profile.write_text(text[:text.index("param_sources:")], encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        resolve(profile=profile)
    assert Path(info.value.file or "").name == "mini-profile.yaml"
    assert "limits/urgent" in info.value.message.en
    assert "inherited source does not vouch" in info.value.message.en
    # with it, the profile's entry is what resolve reports for that value
    profile.write_text(text, encoding="utf-8")
    spec = resolve(profile=profile).indicator("A1")
    assert spec.param_sources["limits/urgent"].source == "https://example.org/local-rules"
    assert covering("limits/normal", spec.param_sources) == "limits"


@pytest.mark.usefixtures("fake_kinds")
def test_a_source_naming_no_parameter_is_an_error(tmp_path: Path, fixtures: Path) -> None:
    folder = _copy(tmp_path, fixtures)
    path = folder / "mini-checklist.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("{min_service_share: {source: inferred",
                                 "{min_servise_share: {source: inferred"), encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        resolve(path)
    assert "min_servise_share" in info.value.message.en


def test_inferred_is_never_labelled_confirmed(tmp_path: Path, fixtures: Path) -> None:
    path = tmp_path / "c.yaml"
    text = (fixtures / "mini-checklist.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace("{min_service_share: {source: inferred, confidence: inferred}}",
                                 "{min_service_share: {source: inferred, confidence: confirmed}}"),
                    encoding="utf-8")
    problems = [p for p in check_document(load_yaml(path)) if p.severity == "error"]
    assert problems and problems[0].line == 37 and "inferred" in problems[0].message.en


def test_a_default_number_needs_a_source_too() -> None:
    leaves = dict(sourced_leaves({}, REGISTRY["bad_rating_followup"].PARAMS_SCHEMA))
    assert leaves == {"revisit_days": 1, "rectify_days": 15}
    assert dict(sourced_leaves({"frequencies": {"elderly": "quarterly"}},
                               REGISTRY["visit_frequency"].PARAMS_SCHEMA)) == {
        "frequencies/elderly": "quarterly",  # `none` is no frequency: nothing to source
        "min_link_rate": 0.5}


@pytest.mark.parametrize("ref", sorted(shipped_ids()))
def test_every_shipped_number_has_a_source(ref: str) -> None:
    kind = shipped_ids()[ref][0]
    resolved = resolve(checklist=ref) if kind == "checklist" else resolve(profile=ref)
    for spec in resolved.indicators:
        for path, _ in sourced_leaves(spec.params, REGISTRY[spec.kind].PARAMS_SCHEMA):
            key = covering(path, spec.param_sources)
            assert key is not None, (ref, spec.id, path)
            found = spec.param_sources[key]
            assert found.source != "inferred" or found.confidence == "inferred"


def test_resolve_lists_each_number_with_its_source() -> None:
    result = CliRunner().invoke(app, ["checklist", "resolve", "--lang", "en"])
    assert result.exit_code == 0, result.output
    line = next(x for x in result.output.splitlines() if x.startswith("C4") and "rectify_days" in x)
    assert "15" in line and "spprec.com" in line and "confirmed" in line
    assert any(x.startswith("D2") and "frequencies/elderly_alone" in x and "monthly" in x
               for x in result.output.splitlines())
    result = CliRunner().invoke(app, ["checklist", "resolve", "--format", "json"])
    data = json.loads(result.output)
    d2 = next(i for i in data["indicators"] if i["id"] == "D2")
    assert d2["param_sources"]["frequencies/elderly_high_risk"]["confidence"] == "confirmed"


def test_resolve_says_which_numbers_are_the_kinds_defaults() -> None:
    result = CliRunner().invoke(app, ["checklist", "resolve", "--lang", "en"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    # B1 leaves min_items to catalogue_coverage's schema; C4 writes rectify_days itself
    b1 = next(x for x in lines if x.startswith("B1") and "min_items" in x)
    assert "kind's default" in b1
    c4 = next(x for x in lines if x.startswith("C4") and "rectify_days" in x)
    assert "gbt36735-annual" in c4 and "kind's default" not in c4
    nested = next(x for x in lines if x.startswith("V1") and "pasted_content/worker_min_repeats" in x)
    assert "kind's default" in nested and " 10 " in nested
    zh = CliRunner().invoke(app, ["checklist", "resolve"]).output
    assert any(x.startswith("B1") and "度量类型默认值" in x for x in zh.splitlines())
    data = json.loads(CliRunner().invoke(app, ["checklist", "resolve", "--format", "json"]).output)
    b1_data = next(i for i in data["indicators"] if i["id"] == "B1")
    assert "min_items" in b1_data["param_defaults"] and b1_data["params"]["min_items"] == 1
    c4_data = next(i for i in data["indicators"] if i["id"] == "C4")
    assert "rectify_days" not in c4_data["param_defaults"]
