"""Atomic writes: the whole file or nothing, and no temporary file left behind."""

from __future__ import annotations

from pathlib import Path
from typing import IO

import pytest

from cscaudit.errors import InputError
from cscaudit.report.atomic import write_bytes_atomic, write_text_atomic, write_with


def test_writes_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    write_text_atomic(target, "一\n")
    write_text_atomic(target, "二\n")
    assert target.read_bytes() == "二\n".encode()
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_failure_keeps_old_file_and_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    write_bytes_atomic(target, b"old")

    def broken(fh: IO[bytes]) -> None:
        fh.write(b"half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_with(target, broken)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]


def test_missing_folder_raises_without_leftovers(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        write_bytes_atomic(tmp_path / "nope" / "x.bin", b"x")
    assert list(tmp_path.iterdir()) == []
