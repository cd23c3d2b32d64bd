"""Write an output file whole or not at all.

The bytes go to a temporary file in the target's own folder (so the final rename stays on
one file system), are flushed and fsync'ed, and the temporary file is renamed over the
target. On any failure the temporary file is removed and the previous target, if there was
one, is left as it was.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any


@contextlib.contextmanager
def _temp_beside(path: Path) -> Iterator[tuple[IO[bytes], Path]]:
    folder = path.parent if str(path.parent) else Path(".")
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh, tmp
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_folder(folder)


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable where the platform allows it (not on Windows)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_with(path: Path, writer: Callable[[IO[bytes]], Any]) -> None:
    """Call `writer` with a binary file object, then move what it wrote to `path`."""
    path = Path(path)
    with _temp_beside(path) as (fh, _tmp):
        writer(fh)
    _keep_usual_mode(path)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    write_with(path, lambda fh: fh.write(data))


def write_text_atomic(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Write `text` with `\\n` line ends on every platform (same bytes everywhere)."""
    write_bytes_atomic(path, text.encode(encoding))


def write_workbook_atomic(workbook: Any, path: Path) -> None:
    """Save an openpyxl `Workbook` atomically (openpyxl accepts a file object)."""
    write_with(path, workbook.save)


def _keep_usual_mode(path: Path) -> None:
    """mkstemp creates 0600 files; give the output the mode a plain open() would."""
    if os.name != "posix":
        return
    umask = os.umask(0)
    os.umask(umask)
    with contextlib.suppress(OSError):
        os.chmod(path, 0o666 & ~umask)
