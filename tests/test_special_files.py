"""Symbolic-link loops and FIFOs among the inputs (issue 11, items 5 and 6): every command
names the path and goes on or exits 2; none hangs, none ends in a traceback."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cscaudit.cli.app import app

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "centers"
WUHAN = SAMPLES / "wuhan-jinyinhu-qinghe"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and symlinks need POSIX")


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def _loop(folder: Path, a: str, b: str) -> None:
    (folder / a).symlink_to(b)
    (folder / b).symlink_to(a)


@pytest.fixture
def center(tmp_path: Path) -> Path:
    folder = tmp_path / "c"
    shutil.copytree(WUHAN, folder)
    return folder


@pytest.mark.parametrize("target", ["folder", "center.yaml"])
def test_validate_names_a_symlink_loop_next_to_a_file(center: Path, target: str) -> None:
    _loop(center, "a.yaml", "b.yaml")
    arg = center if target == "folder" else center / "center.yaml"
    code, out = _run("validate", "--lang", "en", "--format", "json", str(arg))
    assert code == 2
    unreadable = {Path(f["path"]).name: f["problems"][0]["message"]
                  for f in json.loads(out)["files"] if f["problems"]
                  and f["problems"][0]["code"] == "unreadable"}
    assert set(unreadable) == {"a.yaml", "b.yaml"}
    assert all("symbolic links form a loop" in m for m in unreadable.values())
    checked = [f for f in json.loads(out)["files"] if Path(f["path"]).name == "center.yaml"]
    assert checked and checked[0]["kind"] == "center"  # the file itself was still checked


def test_validate_refuses_a_fifo_named_yaml(center: Path) -> None:
    os.mkfifo(center / "pipe.yaml")
    code, out = _run("validate", "--lang", "en", str(center))  # used to block for ever
    assert code == 2
    assert "pipe.yaml:1:1" in out and "not a regular file but a named pipe (FIFO)" in out


def test_audit_skips_fifos_and_loops_among_exports_naming_them(center: Path, tmp_path: Path) -> None:
    os.mkfifo(center / "exports" / "pipe.csv")
    _loop(center / "exports", "x.csv", "y.csv")
    result = tmp_path / "r.json"
    code, out = _run("audit", str(center), "--no-xlsx", "--json", str(result), "-q")
    assert code in (0, 1), out
    skipped = {i["file"]: i["message"] for i in json.loads(result.read_text("utf-8"))["data_issues"]
               if i["code"] == "not-a-file"}
    assert set(skipped) == {"exports/pipe.csv", "exports/x.csv", "exports/y.csv"}
    assert "命名管道" in skipped["exports/pipe.csv"] and "循环" in skipped["exports/x.csv"]


@pytest.mark.parametrize("kind", ["loop", "fifo"])
def test_audit_exits_2_naming_a_bad_file_in_the_exports_map(center: Path, kind: str) -> None:
    if kind == "loop":
        _loop(center / "exports", "x.csv", "y.csv")
    else:
        os.mkfifo(center / "exports" / "x.csv")
    yaml = center / "center.yaml"
    text = yaml.read_text("utf-8").replace(
        "exports:\n  dir: exports", "exports:\n  dir: exports\n  tables:\n    complaints: {file: exports/x.csv}")
    assert "file: exports/x.csv" in text
    yaml.write_text(text, encoding="utf-8")
    code, out = _run("audit", str(center), "--no-xlsx", "--lang", "en")
    assert code == 2
    assert "x.csv" in out and ("loop" in out if kind == "loop" else "named pipe" in out)


def test_a_plan_file_that_loops_is_an_input_error(center: Path) -> None:
    _loop(center / "plans", "x.yaml", "y.yaml")
    yaml = center / "center.yaml"
    text = yaml.read_text("utf-8").replace("file: plans/应急预案.yaml", "file: plans/x.yaml")
    assert "plans/x.yaml" in text
    yaml.write_text(text, encoding="utf-8")
    code, out = _run("audit", str(center), "--no-xlsx", "--lang", "en")
    assert code == 2 and "x.yaml" in out and "loop" in out


def test_inspect_refuses_a_fifo(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "visits.csv")
    code, out = _run("inspect", "--lang", "en", str(tmp_path / "visits.csv"))
    assert code == 2 and "named pipe" in out


def test_assess_refuses_a_fifo_as_last_years_run(tmp_path: Path) -> None:
    from cscaudit.engine.district.inputs import load_previous
    from cscaudit.errors import InputError

    os.mkfifo(tmp_path / "previous.json")
    with pytest.raises(InputError) as caught:
        load_previous(tmp_path / "previous.json")  # used to block for ever
    assert caught.value.file == str(tmp_path / "previous.json")


def test_an_output_path_that_loops_is_an_input_error(center: Path, tmp_path: Path) -> None:
    _loop(tmp_path, "o1.xlsx", "o2.xlsx")
    code, out = _run("audit", str(center), "-o", str(tmp_path / "o1.xlsx"),
                     "--json", str(tmp_path / "r.json"), "--lang", "en")
    assert code == 2 and "o1.xlsx" in out and "loop" in out


def test_assess_names_a_fifo_district_or_center_file(tmp_path: Path) -> None:
    district = tmp_path / "d"
    shutil.copytree(WUHAN, district / "a")
    (district / "b").mkdir()
    os.mkfifo(district / "b" / "center.yaml")
    code, out = _run("assess", str(district), "--no-xlsx", "--lang", "en")
    assert code == 2 and "b/center.yaml" in out and "named pipe" in out  # its own center only
    assert "wuhan-jinyinhu-qinghe" in out
    os.mkfifo(district / "district.yaml")
    code, out = _run("assess", str(district), "--no-xlsx", "--lang", "en")
    assert code == 2 and "district.yaml" in out and "named pipe" in out


def test_validate_names_a_symlink_loop_or_dangling_link_given_directly(tmp_path: Path) -> None:
    _loop(tmp_path, "loop1.yaml", "loop2.yaml")
    (tmp_path / "dangling.yaml").symlink_to(tmp_path / "gone.yaml")
    code, out = _run("validate", "--lang", "en", "--format", "json", str(tmp_path / "loop1.yaml"),
                     str(tmp_path / "dangling.yaml"), str(tmp_path / "absent.yaml"))
    assert code == 2
    messages = {Path(f["path"]).name: f["problems"][0]["message"] for f in json.loads(out)["files"]}
    assert "symbolic links form a loop" in messages["loop1.yaml"]
    assert "symbolic link points to" in messages["dangling.yaml"]
    assert "gone.yaml" in messages["dangling.yaml"]
    assert "no such file or folder" in messages["absent.yaml"]


@pytest.mark.parametrize("kind", ["fifo", "outside", "loop"])
def test_a_required_export_there_but_not_read_says_why(center: Path, tmp_path: Path,
                                                       kind: str) -> None:
    staff = center / "exports" / "社工名册.csv"
    if kind == "fifo":
        staff.unlink()
        os.mkfifo(staff)
    elif kind == "outside":
        moved = shutil.move(staff, tmp_path / "elsewhere.csv")
        staff.symlink_to(moved)
    else:
        staff.unlink()
        _loop(center / "exports", "社工名册.csv", "社工名册2.csv")
    result = tmp_path / "r.json"
    code, out = _run("audit", str(center), "--no-xlsx", "--json", str(result), "--lang", "en")
    assert code in (1, 2), out
    causes = json.loads(result.read_text("utf-8"))["completeness"]["causes"]
    staff_causes = [c for c in causes if c["table"] == "staff"]
    assert len(staff_causes) == 1, causes
    cause = staff_causes[0]
    assert cause["file"] == "exports/社工名册.csv"
    reason = {"fifo": "named pipe", "outside": "outside the center folder", "loop": "loop"}[kind]
    assert reason in cause["what"] and "no export" not in cause["what"]


@pytest.mark.parametrize("how", ["mapped", "linked"])
def test_an_opted_in_outside_export_is_shown_where_it_is(center: Path, tmp_path: Path,
                                                          how: str) -> None:
    outside = tmp_path / "shared"
    outside.mkdir()
    shutil.move(center / "exports" / "社工名册.csv", outside / "社工名册.csv")
    yaml = center / "center.yaml"
    extra = "\n  allow_outside: true"
    if how == "mapped":
        extra += "\n  tables:\n    staff: {file: ../shared/社工名册.csv, encoding: gb18030}"
    else:
        (center / "exports" / "社工名册.csv").symlink_to(outside / "社工名册.csv")
    yaml.write_text(yaml.read_text("utf-8").replace("exports:\n  dir: exports",
                                                    "exports:\n  dir: exports" + extra),
                    encoding="utf-8")
    runs = []
    for n in range(2):
        result = tmp_path / f"r{n}.json"
        code, out = _run("audit", str(center), "--no-xlsx", "--json", str(result), "-q")
        assert code in (0, 1), out
        runs.append(result.read_bytes())
    assert runs[0] == runs[1]  # deterministic
    paths = [i["path"] for i in json.loads(runs[0])["inputs"]]
    shown = {"mapped": "../shared/社工名册.csv（中心外）",
             "linked": "exports/社工名册.csv（中心外）"}[how]
    assert shown in paths and "社工名册.csv" not in paths
    assert str(tmp_path) not in runs[0].decode("utf-8")
