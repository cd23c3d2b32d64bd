"""`validate` flags the center.yaml paths `audit` refuses, each at its own line: exports
outside the center folder (unless `exports.allow_outside: true`), a path too long for the
system to open (the rest of the batch goes on, the path cut in the message), and a `profile:`
that names a checklist or nothing."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.validate.conftest import FIXTURES, run_json

LONG = "a/" * 2600 + "x.csv"  # ~5,200 characters: more than any file system takes


def _center(folder: Path, extra: str, profile: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(FIXTURES / "valid" / "plans", folder / "plans")
    (folder / "exports").mkdir()
    (folder / "exports" / "v.csv").write_text("a\n", encoding="utf-8")
    text = (FIXTURES / "valid" / "center.yaml").read_text(encoding="utf-8")
    if profile is not None:
        text = text.replace("\nemergency_plans:", f"\nprofile: {profile}\nemergency_plans:", 1)
    path = folder / "center.yaml"
    path.write_text(text + extra, encoding="utf-8")
    return path


def _problems(report: dict[str, Any], index: int = 0) -> list[tuple[str, int, int]]:
    return [(p["code"], p["line"], p["column"]) for p in report["files"][index]["problems"]]


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    """A folder beside the center (a shared drive) holding an export."""
    folder = tmp_path / "shared"
    folder.mkdir()
    (folder / "v.csv").write_text("a\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize(("block", "at"), [
    ("exports:\n  dir: ../shared\n", (21, 8)),
    ("exports:\n  tables:\n    visits: {file: ../../shared/v.csv}\n", (22, 20)),
    ("exports:\n  tables:\n    visits: {file: ABSOLUTE}\n", (22, 20)),
    ("exports:\n  tables:\n    visits: {file: exports/link.csv}\n", (22, 20)),
], ids=["dir", "relative file", "absolute file", "link out"])
def test_an_export_outside_the_center_is_an_error_at_its_line(
        tmp_path: Path, shared: Path, block: str, at: tuple[int, int]) -> None:
    path = _center(tmp_path / "c" / "d", block.replace("ABSOLUTE", str(shared / "v.csv")))
    (path.parent / "exports" / "link.csv").symlink_to(shared / "v.csv")
    if "dir:" in block:
        shutil.move(str(shared), str(path.parent.parent / "shared"))
    code, report = run_json(str(path))
    assert code == 1, report
    assert _problems(report) == [("export-outside-center", *at)]
    message = report["files"][0]["problems"][0]["message"]
    assert "points outside the center folder" in message
    assert "exports.allow_outside: true" in message
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("exports:\n", "exports:\n  allow_outside: true\n"),
                    encoding="utf-8")
    code, report = run_json(str(path))
    assert (code, _problems(report)) == (0, [])  # the opt-in is honoured, as `audit` does


def test_a_path_too_long_is_a_problem_of_its_file_only(tmp_path: Path) -> None:
    long_export = _center(tmp_path / "a", f"exports:\n  tables:\n    visits: {{file: {LONG}}}\n")
    long_plan = _center(tmp_path / "b", "")
    long_plan.write_text(long_plan.read_text(encoding="utf-8")
                         .replace("file: plans/flood.yaml",
                                                                    f"file: {LONG}.yaml"), encoding="utf-8")
    fine = _center(tmp_path / "c", "exports:\n  tables:\n    visits: {file: ../c/exports/v.csv}\n")
    code, report = run_json(str(long_export), str(long_plan), str(fine))
    assert code == 1, report  # problems in the files, not a run that could not go on
    assert [f["path"] for f in report["files"]] == [str(long_export), str(long_plan), str(fine)]
    assert _problems(report, 0) == [("export-path-unusable", 22, 20)]
    assert _problems(report, 1) == [("plan-file-unusable", 19, 11)]
    assert _problems(report, 2) == []
    for index in (0, 1):
        message = report["files"][index]["problems"][0]["message"]
        assert "too long" in message and "…" in message and len(message) < 600


@pytest.mark.parametrize(("profile", "code", "expected"), [
    ("gbt36735-annual", "profile-is-checklist", "--checklist gbt36735-annual"),
    ("gbt36735-onsite", "profile-is-checklist", "names a checklist"),
])
def test_a_profile_that_is_no_profile_is_an_error_at_its_line(
        tmp_path: Path, profile: str, code: str, expected: str) -> None:
    path = _center(tmp_path, "", profile=profile)
    status, report = run_json(str(path))
    assert status == 1, report
    assert _problems(report) == [(code, 18, 10)]
    assert expected in report["files"][0]["problems"][0]["message"]


def test_an_unknown_profile_suggests_profiles_only(tmp_path: Path) -> None:
    close = _center(tmp_path / "a", "", profile="beijing-open-spac")
    far = _center(tmp_path / "b", "", profile="gbt36735-onsit")  # a checklist's id, mistyped
    code, report = run_json(str(close), str(far))
    assert code == 1 and _problems(report, 0) == _problems(report, 1) == [
        ("unknown-profile", 18, 10)]
    messages = [f["problems"][0]["message"] for f in report["files"]]
    assert "did you mean 'beijing-open-space'?" in messages[0]
    assert "did you mean" not in messages[1]
