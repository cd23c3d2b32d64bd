"""An existing output target that is not a regular file (a device, a socket, a FIFO) is
refused before the run, exit 2 naming it, and left as it was: never replaced by a file."""

from __future__ import annotations

import os
import socket
import stat
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cscaudit.cli.app import app

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "centers"
BEIJING = SAMPLES / "beijing-chaoyang-jianwai"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="device nodes need POSIX")


def _char_device(path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("mknod of a device needs root")
    os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))


def _fifo(path: Path) -> None:
    os.mkfifo(path)


@pytest.fixture
def bound_socket() -> Iterator[Callable[[Path], None]]:
    socks: list[socket.socket] = []

    def make(path: Path) -> None:
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(path))
        socks.append(sock)

    yield make
    for sock in socks:
        sock.close()


def _kinds(bound_socket: Callable[[Path], None]) -> dict[str, Callable[[Path], None]]:
    return {"char device": _char_device, "socket": bound_socket, "fifo": _fifo}


@pytest.mark.parametrize("kind", ["char device", "socket", "fifo"])
@pytest.mark.parametrize("option", ["audit -o", "audit --json", "assess -o"])
def test_special_output_target_is_refused_and_kept(tmp_path: Path, kind: str, option: str,
                                                   bound_socket: Callable[[Path], None],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # a socket path must be short: bind the relative name
    target = Path("t.out")
    _kinds(bound_socket)[kind](target)
    before = os.stat(target).st_mode
    command, flag = option.split()
    args = [command, "--lang", "en", str(BEIJING), flag, str(target)]
    if flag == "--json":
        args += ["-o", str(tmp_path / "ok.xlsx")]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "t.out" in result.output and "not a regular file" in result.output
    assert os.stat(target).st_mode == before  # still the device / socket / FIFO
    assert not (tmp_path / "ok.xlsx").exists()  # nothing written at all
