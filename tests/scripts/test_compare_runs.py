"""scripts/compare_runs.py: the byte-identity harness of the engine rewrite finds a changed
value, a reformatted file and a missing one, and passes on identical output."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from types import ModuleType

import pytest

from tests.scripts_loader import SCRIPTS, load_script


def _script() -> ModuleType:
    return load_script("compare_runs")


@pytest.fixture(scope="module")
def produced(tmp_path_factory: pytest.TempPathFactory) -> tuple[ModuleType, Path, Path]:
    """Two quick productions into folders at different depths (no path may leak in), the
    second given relative paths from another working folder."""
    script = _script()
    first = tmp_path_factory.mktemp("first") / "run"
    assert script.main(["produce", str(first), "--quick"]) == 0
    elsewhere = tmp_path_factory.mktemp("second")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(elsewhere)
        root = os.path.relpath(SCRIPTS.parent, elsewhere)
        assert script.main(["produce", "deeper/run", "--quick", "--root", root]) == 0
    return script, first, elsewhere / "deeper" / "run"


def _audit_json(folder: Path) -> Path:
    return next(p for p in sorted(folder.glob("audit-gen-*.json")))


def test_two_productions_are_identical(produced: tuple[ModuleType, Path, Path],
                                       capsys: pytest.CaptureFixture[str]) -> None:
    script, first, second = produced
    names = sorted(p.name for p in first.glob("*.json"))
    assert "manifest.json" in names and any(n.startswith("audit-gen-") for n in names)
    assert any(n.startswith("audit-") and not n.startswith("audit-gen-") for n in names)
    manifest = json.loads((first / "manifest.json").read_text(encoding="utf-8"))
    generated = manifest["audit-gen-quick-respelled.json"]
    assert generated["command"][2] == "OUTDIR/scratch/quick-respelled/s01/c001"
    assert manifest["generated_files"], "the generated exports are fingerprinted"
    assert str(first) not in _audit_json(first).read_text(encoding="utf-8")
    capsys.readouterr()
    assert script.main(["compare", str(first), str(second)]) == 0
    out = capsys.readouterr().out
    assert f"{len(names)} identical, 0 different" in out
    assert "DIFFERENT" not in out


def test_a_changed_value_is_reported_with_its_path(produced: tuple[ModuleType, Path, Path],
                                                   tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    script, first, _ = produced
    changed = tmp_path / "changed"
    shutil.copytree(first, changed)
    target = _audit_json(changed)
    data = json.loads(target.read_text(encoding="utf-8"))
    before = data["score"]["total"]
    data["score"]["total"] = before + 1.5
    data["findings"][0]["indicator"] = "Z9"
    target.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    assert script.main(["compare", str(first), str(changed)]) == 1
    out = capsys.readouterr().out
    assert f"{target.name}: DIFFERENT" in out
    assert "2 differing path(s)" in out
    assert f"/score/total\n    A: {before}\n    B: {before + 1.5}" in out
    assert "/findings/0/indicator" in out and '"Z9"' in out
    assert "1 different" in out
    assert script.main(["compare", str(first), str(changed), "--limit", "1"]) == 1
    assert "first 1:" in capsys.readouterr().out
    assert script.main(["compare", str(first), str(changed), "--ignore", "/score/total"]) == 1
    assert script.main(["compare", str(first), str(changed), "--ignore", "/score/total",
                        "--ignore", "/findings/0"]) == 0


def test_reformatting_and_a_missing_file_are_differences(
        produced: tuple[ModuleType, Path, Path], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    script, first, _ = produced
    other = tmp_path / "other"
    shutil.copytree(first, other)
    target = _audit_json(other)
    target.write_text(json.dumps(json.loads(target.read_text(encoding="utf-8")), indent=4),
                      encoding="utf-8")
    (other / "manifest.json").unlink()
    capsys.readouterr()
    assert script.main(["compare", str(first), str(other)]) == 1
    out = capsys.readouterr().out
    assert "same JSON value, different bytes" in out
    assert "manifest.json: DIFFERENT\n  only in" in out


def test_differences_walks_nested_values() -> None:
    script = _script()
    a = {"x": [1, {"y": "a"}], "gone": True}
    b = {"x": [1, {"y": "b"}, 3], "new": None}
    found = list(script.differences(a, b))
    assert [(p, left, right) for p, left, right in found
            if left is not script.MISSING and right is not script.MISSING] == [("/x/1/y", "a", "b")]
    assert {p for p, _, _ in found} == {"/x/1/y", "/x/2", "/gone", "/new"}
    assert list(script.differences(1, 1.0)) == [("/", 1, 1.0)]
