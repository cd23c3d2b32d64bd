"""The `validate` command: exit codes, options, path expansion and lazy imports."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.validate.conftest import FIXTURES, run, run_json

INVALID = FIXTURES / "invalid"


def test_exit_codes() -> None:
    assert run(str(FIXTURES / "valid")).exit_code == 0
    assert run(str(INVALID / "unknown_key.yaml")).exit_code == 1
    assert run(str(INVALID / "empty.yaml"), str(INVALID / "unknown_key.yaml")).exit_code == 2
    assert run().exit_code == 2  # no PATH: usage error
    bad = run("--format", "xml", str(FIXTURES / "valid"))
    assert bad.exit_code == 2
    assert "text、json、github、sarif、junit" in bad.output


def test_strict_makes_warnings_fail() -> None:
    path = str(INVALID / "yaml11_bool.yaml")
    text = (INVALID / "yaml11_bool.yaml").read_text(encoding="utf-8")
    only_warning = text.replace("open_space: on", "open_space: true")
    tmp = Path(path).with_name("only_warning.tmp.yml")
    try:
        tmp.write_text(only_warning, encoding="utf-8")
        assert run(str(tmp)).exit_code == 0
        assert run("--strict", str(tmp)).exit_code == 1
    finally:
        tmp.unlink()


def test_quiet_prints_nothing_when_valid_and_errors_only_otherwise() -> None:
    assert run("--quiet", str(FIXTURES / "valid")).stdout == ""
    out = run("-q", "--lang", "en", str(INVALID / "yaml11_bool.yaml")).stdout
    assert "warning [" not in out and "error [schema]" in out


def test_english_and_chinese_messages() -> None:
    zh = run(str(INVALID / "missing_required.yaml")).stdout
    en = run("--lang", "en", str(INVALID / "missing_required.yaml")).stdout
    assert "缺少必填项 “street”" in zh
    assert "missing required key 'street'" in en


def test_folders_recurse_globs_expand_and_repeats_are_dropped(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    for rel in ("a/one.yaml", "a/b/two.yml", ".hidden/skip.yaml", "a/notes.txt"):
        (tmp_path / rel).write_text("kind: nothing\n", encoding="utf-8")
    _, report = run_json(str(tmp_path), str(tmp_path / "a" / "one.yaml"))
    names = [Path(f["path"]).relative_to(tmp_path).as_posix() for f in report["files"]]
    assert names == ["a/b/two.yml", "a/one.yaml"]
    _, report = run_json(str(tmp_path / "**" / "*.yml"))
    assert [Path(f["path"]).name for f in report["files"]] == ["two.yml"]
    code, report = run_json(str(tmp_path / "nothing-*.yaml"))
    assert code == 2 and report["files"][0]["problems"][0]["code"] == "unreadable"


def test_validate_never_imports_spreadsheet_or_rich_modules() -> None:
    code = (
        "import sys\n"
        "from cscaudit.cli.app import app\n"
        "try:\n"
        f"    app(['validate', {str(FIXTURES / 'valid')!r}])\n"
        "except SystemExit as exc:\n"
        "    assert exc.code == 0, exc.code\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('openpyxl', 'python_calamine', 'rich', 'xlsxwriter', 'pandas'))\n"
        "print(heavy)\n"
    )
    env = {**os.environ, "NO_COLOR": "1"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env=env).stdout
    assert out.strip().splitlines()[-1] == "[]"
