"""Resolving a checklist with profiles: values, order, provenance, and every error located."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import ModuleType

import pytest

from cscaudit.checklist.resolution import resolve
from cscaudit.config.yamlio import load_yaml
from cscaudit.errors import ConfigError
from cscaudit.results.model import Severity

pytestmark = pytest.mark.usefixtures("fake_kinds")


def test_bare_checklist(fixtures: Path) -> None:
    r = resolve(fixtures / "mini-checklist.yaml")
    assert (r.id, r.version, r.profile_id, r.layers) == ("mini", "1", None, ("mini",))
    assert [s.id for s in r.indicators] == ["A1", "A2", "B1", "V1"]
    a1 = r.indicator("A1")
    assert a1.params == {"required": ["hall", "waiting"], "limits": {"urgent": 2, "normal": 168}}
    assert (a1.points, a1.method, a1.severity) == (4.0, "deduct", Severity.MINOR)
    assert r.indicator("V1").severity is Severity.CRITICAL
    assert [g.name for g in r.grades] == ["优秀", "合格", "不合格"]
    assert r.composite == {"street": 0.6, "resident": 0.4}
    assert r.excellent_cap is None
    origin = r.origin("indicators/A1/points")
    assert origin is not None and origin.file.endswith("mini-checklist.yaml")
    assert origin.line == 28 and origin.layer == "mini"
    assert r.warnings == ()


def test_profile_applies_every_setting(fixtures: Path) -> None:
    r = resolve(profile=fixtures / "mini-profile.yaml")
    assert r.profile_id == "mini-local" and r.layers == ("mini", "mini-local")
    assert [s.id for s in r.indicators] == ["A1", "A2", "B1", "V1", "C1"]
    a2 = r.indicator("A2")
    assert a2.deselected is not None and a2.deselected.zh == "本地无此要求"
    # deep merge: lists replace, mappings merge key by key
    assert r.indicator("A1").params == {"required": ["hall", "waiting", "discussion"],
                                        "limits": {"urgent": 1, "normal": 168}}
    b1 = r.indicator("B1")
    assert b1.points == 8 and dict(b1.scoring) == {"method": "ratio", "full_at": 0.9,
                                                   "zero_at": 0.7}
    assert r.indicator("C1").method == "bonus"
    assert [a.id for a in r.areas] == ["A", "B", "V", "C"]
    assert [g.min for g in r.grades] == [85, 75, 60, 0]
    assert r.composite == {"street": 0.3, "peer": 0.1, "resident": 0.6}
    assert r.excellent_cap == 0.2
    assert [Path(p).name for _, p in r.files] == ["mini-checklist.yaml", "mini-profile.yaml"]


def test_provenance_names_the_layer_that_set_each_value(fixtures: Path) -> None:
    r = resolve(profile=fixtures / "mini-profile-child.yaml")
    assert r.layers == ("mini", "mini-local", "mini-child")
    params = r.indicator("A1").params
    assert params["limits"] == {"urgent": 1, "normal": 72}
    by = {key: r.origin(f"indicators/A1/params/{key}") for key in
          ("limits/normal", "limits/urgent", "required")}
    assert {k: (o.layer if o else None) for k, o in by.items()} == {
        "limits/normal": "mini-child", "limits/urgent": "mini-local", "required": "mini-local"}
    points = r.origin("indicators/A1/points")
    assert points is not None and points.layer == "mini"
    assert r.origin("indicators/B1/points").layer == "mini-local"  # type: ignore[union-attr]
    deselected = r.origin("indicators/A2/deselected")
    assert deselected is not None and (deselected.layer, deselected.line) == ("mini-local", 8)


def _setup(tmp_path: Path, fixtures: Path, body: str) -> Path:
    shutil.copy(fixtures / "mini-checklist.yaml", tmp_path / "mini-checklist.yaml")
    path = tmp_path / "p.yaml"
    path.write_text("kind: profile\nschema_version: 1\nid: p\ntitle: {zh: 配置, en: P}\n"
                    "extends: mini-checklist.yaml\n" + body, encoding="utf-8")
    return path


@pytest.mark.parametrize(("body", "line", "column", "words"), [
    ("points: {Z9: 3}\n", 6, 10, "Z9"),
    ("params:\n  Z9: {limit: 1}\n", 7, 3, "Z9"),
    ("deselect:\n  - {indicator: Q1, reason: x}\n", 7, 6, "Q1"),
    ("deselect:\n  - {indicator: A2, reason: x}\n  - {indicator: A2, reason: y}\n",
     8, 6, "deselected"),
    ("deselect:\n  - {indicator: A2, reason: x}\npoints: {A2: 3}\n", 8, 10, "deselected"),
    ("params:\n  A2:\n    max_office_share: 0.1\n", 8, 23, "max_office_share"),
    ("params:\n  A2:\n    min_service_share: 8\n", 8, 24, "min_service_share"),
    ("composite: {street: 0.3, peer: 0.1, resident: 0.5}\n", 6, 1, "add up to 1"),
    ("grades:\n  - {name: 优, min: 60}\n  - {name: 良, min: 80}\n  - {name: 差, min: 0}\n",
     8, 5, "highest first"),
    ("add:\n  - {id: A1, area: A, title: {zh: 重, en: dup}, kind: fake_ratio, points: 1,"
     " scoring: {method: binary}}\n", 7, 6, "used twice"),
    ("add:\n  - {id: X1, area: Q, title: {zh: 新, en: new}, kind: fake_ratio, points: 1,"
     " scoring: {method: binary}}\n", 7, 14, "area Q"),
    ("add:\n  - {id: X1, area: A, title: {zh: 新, en: new}, kind: no_such_kind, points: 1,"
     " scoring: {method: binary}}\n", 7, 54, "no_such_kind"),
    ("scoring:\n  B1: {method: ratio, full_at: 0.8, zero_at: 0.8}\n", 7, 3, "full_at"),
])
def test_a_setting_that_cannot_take_effect_is_an_error(
        tmp_path: Path, fixtures: Path, body: str, line: int, column: int, words: str) -> None:
    path = _setup(tmp_path, fixtures, body)
    with pytest.raises(ConfigError) as info:
        resolve(profile=path)
    err = info.value
    assert (Path(err.file or "").name, err.line, err.column) == ("p.yaml", line, column)
    assert words in err.message.en
    assert err.message.zh != err.message.en


def test_param_error_in_the_checklist_points_at_the_checklist(tmp_path: Path,
                                                              fixtures: Path) -> None:
    text = (fixtures / "mini-checklist.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("params: {min_service_share: 0.5}",
                                "params: {min_service_share: 0.5, extra: 1}"), encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        resolve(bad)
    assert (Path(info.value.file or "").name, info.value.line) == ("bad.yaml", 36)


def test_extends_cycle(tmp_path: Path) -> None:
    for me, parent in (("a", "b"), ("b", "c"), ("c", "a")):
        (tmp_path / f"{me}.yaml").write_text(
            f"kind: profile\nschema_version: 1\nid: {me}\ntitle: {{zh: {me}, en: {me}}}\n"
            f"extends: {parent}.yaml\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        resolve(profile=tmp_path / "a.yaml")
    assert "cycle" in info.value.message.en and info.value.line == 5


def test_extends_unknown_id_points_at_extends(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("kind: profile\nschema_version: 1\nid: p\ntitle: {zh: p, en: p}\n"
                    "extends: no-such-checklist\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        resolve(profile=path)
    assert (info.value.line, info.value.column) == (5, 1)
    assert "no-such-checklist" in info.value.message.en


def test_schema_error_is_located(tmp_path: Path, fixtures: Path) -> None:
    path = _setup(tmp_path, fixtures, "points: {A1: -1}\n")
    with pytest.raises(ConfigError) as info:
        resolve(profile=path)
    assert info.value.line == 6


def test_explicit_checklist_replaces_the_chain_root(tmp_path: Path, fixtures: Path) -> None:
    other = tmp_path / "other.yaml"
    text = (fixtures / "mini-checklist.yaml").read_text(encoding="utf-8")
    other.write_text(text.replace("id: mini\n", "id: other\n"), encoding="utf-8")
    r = resolve(checklist=other, profile=fixtures / "mini-profile.yaml")
    assert r.id == "other" and r.layers == ("other", "mini-local")


def test_profile_given_as_checklist_is_refused(fixtures: Path) -> None:
    with pytest.raises(ConfigError) as info:
        resolve(checklist=fixtures / "mini-profile.yaml")
    assert "--profile" in info.value.message.en


def test_cache_notices_a_changed_file(tmp_path: Path, fixtures: Path,
                                      fake_kinds: dict[str, ModuleType]) -> None:
    path = _setup(tmp_path, fixtures, "points: {A1: 3}\n")
    assert resolve(profile=path) is resolve(profile=path)
    assert resolve(profile=path).indicator("A1").points == 3
    path.write_text(path.read_text(encoding="utf-8").replace("A1: 3", "A1: 2   "),
                    encoding="utf-8")
    assert resolve(profile=path).indicator("A1").points == 2


def test_area_totals_warn_on_a_bare_checklist(tmp_path: Path, fixtures: Path) -> None:
    text = (fixtures / "mini-checklist.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "c.yaml"
    bad.write_text(text.replace("points: 6\n", "points: 5\n"), encoding="utf-8")
    warnings = resolve(bad).warnings
    assert len(warnings) == 1 and "area A" in warnings[0].en


def test_centers_without_a_profile_share_one_resolution(tmp_path: Path, fixtures: Path) -> None:
    """center.yaml is read only to find the profile it names: without one, the checklist in
    force is the same for every center, resolved once per process (not once per center)."""
    first, second = tmp_path / "a" / "center.yaml", tmp_path / "b" / "center.yaml"
    for path in (first, second):
        path.parent.mkdir()
        path.write_text("kind: center\nschema_version: 1\nid: c\n", encoding="utf-8")
    mini = fixtures / "mini-checklist.yaml"
    assert resolve(mini, named_in=load_yaml(first)) is resolve(mini, named_in=load_yaml(second))
