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


def test_disk_full_names_the_file_and_keeps_the_old_one(tmp_path: Path) -> None:
    import errno

    target = tmp_path / "考核.xlsx"
    write_bytes_atomic(target, b"old")

    def full(fh: IO[bytes]) -> None:
        fh.write(b"half")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(InputError) as caught:
        write_with(target, full)
    assert caught.value.file == str(target)
    assert "磁盘空间不足" in caught.value.message.zh and str(target) in caught.value.message.zh
    assert "no space left" in caught.value.message.en
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["考核.xlsx"]


def test_stale_staging_files_of_a_killed_run_are_removed(tmp_path: Path) -> None:
    import os
    import time

    from cscaudit.report.atomic import check_outputs

    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    hour_ago = time.time() - 3600
    stale = [out / ".card.xlsx.k2j_9xq1.tmp", out / ".r.json.abcdefgh.tmp",
             out / ".card.xlsx.4242.0badf00d.bak"]
    kept = [out / ".card.xlsx.fresh123.tmp",  # another run is writing it now
            out / "notes.tmp", out / ".card.xlsx.TOOLONG99.tmp", out / ".vimrc.swp",
            out / "card.xlsx", elsewhere / ".card.xlsx.k2j_9xq1.tmp"]
    for path in [*stale, *kept]:
        path.write_bytes(b"x")
        if path.name != ".card.xlsx.fresh123.tmp":
            os.utime(path, (hour_ago, hour_ago))
    (out / ".dir.abcdefgh.tmp").mkdir()  # a folder of that name is not ours
    os.utime(out / ".dir.abcdefgh.tmp", (hour_ago, hour_ago))
    (out / ".link.abcdefgh.tmp").symlink_to(elsewhere / ".card.xlsx.k2j_9xq1.tmp")
    check_outputs(out / "card.xlsx", out / "r.json")
    left = sorted(p.name for p in out.iterdir())
    assert left == sorted([p.name for p in kept if p.parent == out]
                          + [".dir.abcdefgh.tmp", ".link.abcdefgh.tmp"])
    assert (elsewhere / ".card.xlsx.k2j_9xq1.tmp").exists()
