"""Output paths: checked before the run, a clean one-line error (exit 2), both outputs or none."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import IO

import pytest
from typer.testing import CliRunner

from cscaudit.cli.app import app
from cscaudit.errors import InputError
from cscaudit.report import atomic
from cscaudit.report.atomic import check_writable, staged_outputs, write_bytes_atomic
from tests.assess.conftest import make_district


def _assess(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["assess", str(root), "--workers", "1", "--lang", "en",
                                      *args])
    return result.exit_code, result.output


@pytest.mark.usefixtures("fake_audit")
def test_missing_output_folder_exit_2_no_json_left(tmp_path: Path) -> None:
    root = make_district(tmp_path / "d", ["good", "weak"])
    half = tmp_path / "half.json"
    code, out = _assess(root, "-o", str(tmp_path / "nodir" / "sub" / "a.xlsx"), "--json",
                        str(half))
    assert code == 2, out
    assert "Traceback" not in out and "nodir" in out and "does not exist" in out
    assert len(out.strip().splitlines()) == 1
    assert not half.exists()


@pytest.mark.usefixtures("fake_audit")
def test_output_is_a_folder_or_read_only_or_same_as_json(tmp_path: Path) -> None:
    root = make_district(tmp_path / "d", ["good", "weak"])
    folder = tmp_path / "isdir.xlsx"
    folder.mkdir()
    code, out = _assess(root, "-o", str(folder))
    assert code == 2 and "is a folder" in out and "isdir.xlsx" in out, out
    locked = tmp_path / "ro.xlsx"
    locked.write_bytes(b"old")
    locked.chmod(stat.S_IRUSR)
    code, out = _assess(root, "-o", str(locked), "--json", str(tmp_path / "r.json"))
    assert code == 2 and "read-only" in out and "ro.xlsx" in out, out
    assert locked.read_bytes() == b"old" and not (tmp_path / "r.json").exists()
    same = tmp_path / "same.out"
    code, out = _assess(root, "-o", str(same), "--json", str(same))
    assert code == 2 and "same file" in out, out


@pytest.mark.usefixtures("fake_audit")
def test_a_failing_rename_leaves_neither_output(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The workbook's rename fails at the very end (Excel opened it meanwhile): the JSON,
    already renamed, is put back as it was."""
    root = make_district(tmp_path / "d", ["good", "weak"])
    run, book = tmp_path / "run.json", tmp_path / "a.xlsx"
    run.write_text("last year\n", encoding="utf-8")
    real_replace = atomic.os.replace

    def replace(src: str | Path, dst: str | Path) -> None:
        if Path(dst) == book:
            raise PermissionError(13, "Permission denied", str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", replace)
    code, out = _assess(root, "-o", str(book), "--json", str(run))
    assert code == 2 and "a.xlsx" in out and "Excel" in out, out
    assert run.read_text(encoding="utf-8") == "last year\n"
    assert not book.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d", "run.json"]


def test_audit_gets_the_same_clean_error(tmp_path: Path) -> None:
    center = Path(__file__).resolve().parents[2] / "samples" / "district"
    target = next(center.rglob("center.yaml")).parent
    result = CliRunner().invoke(app, ["audit", str(target), "-o",
                                      str(tmp_path / "nodir2" / "x.xlsx"), "--lang", "en"])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "nodir2" in result.output


def test_check_writable_and_staged_outputs(tmp_path: Path) -> None:
    check_writable(tmp_path / "new.xlsx")
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(InputError, match="does not exist"):
        check_writable(tmp_path / "no" / "x.xlsx")
    with pytest.raises(InputError):
        write_bytes_atomic(tmp_path / "no" / "x.bin", b"x")
    a, b = tmp_path / "a.json", tmp_path / "b.xlsx"

    def broken(fh: IO[bytes]) -> None:
        fh.write(b"half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError), staged_outputs() as outputs:
        outputs.stage_bytes(a, b"a")
        outputs.stage(b, broken)
    assert list(tmp_path.iterdir()) == []
    with staged_outputs() as outputs:
        outputs.stage_bytes(a, b"a")
        outputs.stage_bytes(b, b"b")
    assert (a.read_bytes(), b.read_bytes()) == (b"a", b"b")
