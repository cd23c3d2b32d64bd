"""`audit` refuses, at center.yaml's line, what `validate` reports there: a `profile:` that
names a checklist or nothing (as `--profile` does, with a did-you-mean among profiles), and a
path too long for the system to open (exit 2, the path cut, no traceback)."""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cscaudit.cli.app import app
from cscaudit.errors import InputError
from cscaudit.input_files import require_regular_file, resolve_input

NINGBO = Path(__file__).resolve().parents[2] / "samples" / "centers" / "ningbo-yinzhou-heyue"
LONG = "a/" * 2600 + "x"  # ~5,200 characters: more than any file system takes


@pytest.fixture
def center(tmp_path: Path) -> Path:
    folder = tmp_path / "center"
    shutil.copytree(NINGBO, folder)
    return folder


def _edit(center: Path, old: str, new: str) -> None:
    yaml = center / "center.yaml"
    text = yaml.read_text(encoding="utf-8")
    assert old in text
    yaml.write_text(text.replace(old, new, 1), encoding="utf-8")


def _audit(center: Path, tmp_path: Path) -> tuple[int, str]:
    out = tmp_path / "r.json"
    result = CliRunner().invoke(app, ["audit", str(center), "-q", "--no-xlsx", "--lang", "en",
                                      "--json", str(out)])
    assert not out.exists()
    assert "Traceback" not in result.output
    return result.exit_code, result.output


@pytest.mark.parametrize("named", ["gbt36735-annual", "gbt36735-onsite"])
def test_a_checklist_named_as_the_profile_is_refused_at_its_line(
        center: Path, tmp_path: Path, named: str) -> None:
    _edit(center, "profile: yinzhou-ningbo", f"profile: {named}")
    code, output = _audit(center, tmp_path)
    assert code == 2, output
    assert "center.yaml:14:10: " in output
    assert "names a checklist" in output and f"--checklist {named}" in output


def test_an_unknown_profile_suggests_profiles_only(center: Path, tmp_path: Path) -> None:
    _edit(center, "profile: yinzhou-ningbo", "profile: yinzhou-ningb")
    code, output = _audit(center, tmp_path)
    assert code == 2 and "center.yaml:14:10: " in output, output
    assert "did you mean 'yinzhou-ningbo'?" in output
    _edit(center, "profile: yinzhou-ningb", "profile: gbt36735-onsit")
    code, output = _audit(center, tmp_path)
    assert code == 2 and "not found" in output and "did you mean" not in output, output


@pytest.mark.parametrize(("old", "new", "at"), [
    ("  dir: exports", f"  dir: {LONG}", "center.yaml:223:8: "),
    ("  dir: exports", f"  dir: exports\n  tables:\n    visits: {{file: {LONG}.csv}}",
     "center.yaml:225:20: "),
    ("  - file: plans/停电应急预案.yaml", f"  - file: {LONG}.yaml", "center.yaml:219:11: "),
], ids=["exports dir", "table file", "plan file"])
def test_a_path_too_long_is_refused_at_its_line_and_cut(
        center: Path, tmp_path: Path, old: str, new: str, at: str) -> None:
    _edit(center, old, new)
    code, output = _audit(center, tmp_path)
    assert code == 2, output[:2000]
    assert at in output and "too long" in output and "…" in output
    assert len(output) < 1000, output[:2000]


def test_probing_a_path_too_long_is_an_input_error_naming_it_cut(tmp_path: Path) -> None:
    from cscaudit.input_files import SHOWN_PATH_CHARS

    path = tmp_path / LONG
    with pytest.raises(OSError) as raw:
        path.is_file()
    assert raw.value.errno == errno.ENAMETOOLONG  # what the probes below must catch
    with pytest.raises(InputError) as info:
        require_regular_file(path)
    assert info.value.file is not None and len(info.value.file) == SHOWN_PATH_CHARS
    assert info.value.file.endswith("…") and "too long" in info.value.message.en
    assert resolve_input(tmp_path / "short") == (tmp_path / "short").resolve()
