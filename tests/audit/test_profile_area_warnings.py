"""A profile that changes points so that an area's indicators no longer add up to the area's
points is warned about, as the same edit in a checklist is, naming where the profile set them."""

from __future__ import annotations

from pathlib import Path

from cscaudit.checklist.resolution import resolve


def _profile(tmp_path: Path, fixtures: Path, body: str) -> Path:
    path = tmp_path / "p.yaml"
    path.write_text(
        "kind: profile\nschema_version: 1\nid: p\ntitle: {zh: 配置, en: Profile}\n"
        f"extends: {fixtures / 'mini-checklist.yaml'}\n{body}", encoding="utf-8")
    return path


def test_profile_points_that_break_an_area_total_warn(fake_kinds: object, tmp_path: Path,
                                                      fixtures: Path) -> None:
    path = _profile(tmp_path, fixtures, "points: {A1: 20}\n")
    warnings = resolve(profile=path).warnings
    assert len(warnings) == 1
    assert "area A is worth 10 points but its indicators add up to 26" in warnings[0].en
    assert "A1 20 (" in warnings[0].en and "p.yaml:6:" in warnings[0].en
    assert "领域 A" in warnings[0].zh and "areas:" in warnings[0].zh


def test_a_profile_that_re_weights_its_area_too_does_not_warn(
        fake_kinds: object, tmp_path: Path, fixtures: Path) -> None:
    path = _profile(tmp_path, fixtures, "points: {A1: 20}\n"
                    "areas: [{id: A, title: {zh: 甲, en: Alpha}, points: 26}]\n")
    assert resolve(profile=path).warnings == ()


def test_a_profile_keeping_the_totals_does_not_warn(fake_kinds: object, tmp_path: Path,
                                                    fixtures: Path) -> None:
    path = _profile(tmp_path, fixtures, "points: {A1: 5, A2: 5}\n")
    assert resolve(profile=path).warnings == ()
