"""Write output files whole or not at all.

The bytes go to a temporary file in the target's own folder (so the final rename stays on
one file system), are flushed and fsync'ed, and the temporary file is renamed over the
target. On any failure the temporary file is removed and the previous target, if there was
one, is left as it was.

A command that writes several outputs (a workbook and its JSON) stages them all first and
renames them together (`staged_outputs`): either every target is replaced or none is. It can
also check its targets before a long run (`check_writable`).

A target that cannot be written (missing folder, a folder where a file should be, a read-only
file or one another program such as Excel holds open) raises `InputError` naming the target
and what to do, never a bare `OSError`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING

from cscaudit.errors import InputError
from cscaudit.i18n import t
from cscaudit.input_files import resolve_input, special_kind
from cscaudit.run_inputs import RunInputs

if TYPE_CHECKING:
    from openpyxl import Workbook


def _folder(path: Path) -> Path:
    return path.parent if str(path.parent) else Path(".")


def output_error(path: Path, exc: OSError | None = None) -> InputError:
    """What went wrong writing `path`, said so a user can act on it."""
    folder = _folder(path)
    if not folder.exists():
        text = t(f"输出文件夹 {folder} 不存在：请先创建它，或换一个输出路径",
                 f"the output folder {folder} does not exist: create it or choose another "
                 "output path")
    elif not folder.is_dir() or isinstance(exc, NotADirectoryError):
        text = t(f"{folder} 不是文件夹：请换一个输出路径",
                 f"{folder} is not a folder: choose another output path")
    elif path.is_dir() or isinstance(exc, IsADirectoryError):
        text = t("这是一个文件夹，不能作为输出文件：请给出文件路径（如 考核.xlsx）",
                 "this is a folder, not an output file: give a file path (such as "
                 "assessment.xlsx)")
    elif exc is not None and exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        text = t(f"磁盘空间不足，{path} 未写入（原文件保持不变）：请腾出空间或换一个输出文件夹",
                 f"no space left on the disk: {path} was not written (any earlier file is "
                 "unchanged); free some space or choose another output folder")
    elif isinstance(exc, PermissionError) or (exc is not None and exc.errno in (
            errno.EACCES, errno.EPERM, errno.EROFS)):
        text = t("无法写入：文件为只读，或正被其他程序（如 Excel）打开，或文件夹不可写；"
                 "请关闭该文件、取消只读或换一个输出路径",
                 "cannot write: the file is read-only, open in another program (such as "
                 "Excel), or the folder is not writable; close the file, clear read-only or "
                 "choose another output path")
    else:
        reason = (exc.strerror or str(exc)) if exc is not None else ""
        text = t(f"无法写入：{reason}；请换一个输出路径",
                 f"cannot write: {reason}; choose another output path")
    return InputError(text, file=str(path))


def check_writable(path: Path) -> None:
    """Raise `InputError` now if `path` could not be written later (nothing is changed)."""
    path = Path(path)
    folder = _folder(path)
    if not folder.is_dir() or path.is_dir():
        raise output_error(path)
    _refuse_special(path)
    if path.exists():
        _refuse_read_only(path)
        try:  # on Windows a file Excel holds open cannot be opened for writing
            with open(path, "r+b"):
                pass
        except OSError as exc:
            raise output_error(path, exc) from None
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise output_error(path, exc) from None
    os.close(fd)
    with contextlib.suppress(OSError):
        os.unlink(name)


def check_outputs(output: Path | None, json_path: Path | None,
                  inputs: RunInputs | None = None, more: Sequence[Path | None] = ()) -> None:
    """A command's targets (`-o`, `--json`, then `more` such as `--details` and `--pdf`;
    None: not written), checked before its run and again, against every file the run read,
    before anything is written: all different, none one of the run's `inputs` however it is
    named, each writable (`check_writable`). Staging files a killed run left in their
    folders are removed."""
    from cscaudit.report.stale_staging import remove_stale_staging

    targets = [p for p in (output, json_path, *more) if p is not None]
    seen: set[Path] = set()
    for path in targets:
        where = resolve_input(path)
        if where in seen:
            raise InputError(t("两个输出（-o、--json 等）指向同一个文件：请给出不同的路径",
                               "two outputs (-o, --json ...) name the same file: give "
                               "different paths"), file=str(path))
        seen.add(where)
    for path in targets:
        source = inputs.clash(path) if inputs is not None else None
        if source is not None:
            raise InputError(t(f"此输出文件就是本次读取的输入文件 {source}：写出会覆盖它；"
                               "请换一个输出路径",
                               f"this output is the input {source} the run reads: writing "
                               "it would replace that file; choose another output path"),
                             file=str(path))
    for path in targets:
        check_writable(path)
    remove_stale_staging(_folder(path) for path in targets)


def _refuse_special(path: Path) -> None:
    """An existing FIFO, device or socket is never replaced by an output file."""
    kind = special_kind(path)
    if kind is not None:
        raise InputError(t(f"这不是普通文件，而是{kind.zh}，不能作为输出文件（不会被替换）："
                           "请给出普通文件的路径（如 考核.xlsx）",
                           f"this is not a regular file but {kind.en}; it cannot be an output "
                           "and is not replaced: give the path of a regular file (such as "
                           "assessment.xlsx)"), file=str(path))


def _refuse_read_only(path: Path) -> None:
    """A target marked read-only is not replaced (as on Windows, even where a rename could)."""
    with contextlib.suppress(OSError):
        if path.is_file() and not path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP
                                                         | stat.S_IWOTH):
            raise output_error(path, PermissionError(errno.EACCES, "read-only"))


def _stage(path: Path, writer: Callable[[IO[bytes]], object]) -> Path:
    """Write to a temporary file beside `path`; return it (removed again on failure)."""
    folder = _folder(path)
    if path.is_dir():
        raise output_error(path)
    _refuse_special(path)
    _refuse_read_only(path)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise output_error(path, exc) from None
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as fh:
            writer(fh)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):  # a full disk says nothing of the file: name it
            raise output_error(path, exc) from None
        raise
    return tmp


def _backup(path: Path) -> Path | None:
    """A hard link to the current target, so a later failure can put it back."""
    if not path.is_file():
        return None
    name = _folder(path) / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.bak"
    try:
        os.link(path, name)
    except OSError:
        return None
    return name


class StagedOutputs:
    """Outputs written to temporary files, renamed over their targets together."""

    def __init__(self) -> None:
        self._staged: list[tuple[Path, Path]] = []

    def stage(self, path: Path, writer: Callable[[IO[bytes]], object]) -> None:
        self._staged.append((Path(path), _stage(Path(path), writer)))

    def stage_bytes(self, path: Path, data: bytes) -> None:
        self.stage(path, lambda fh: fh.write(data))

    def discard(self) -> None:
        for _path, tmp in self._staged:
            with contextlib.suppress(OSError):
                tmp.unlink()
        self._staged = []

    def commit(self) -> None:
        """Rename every staged file over its target; if one fails, undo the ones done."""
        done: list[tuple[Path, Path | None]] = []
        try:
            for path, tmp in self._staged:
                backup = _backup(path)
                try:
                    os.replace(tmp, path)
                except OSError as exc:
                    if backup is not None:
                        with contextlib.suppress(OSError):
                            backup.unlink()
                    raise output_error(path, exc) from None
                done.append((path, backup))
        except BaseException:
            for path, backup in reversed(done):
                with contextlib.suppress(OSError):
                    if backup is not None:
                        os.replace(backup, path)
                    else:
                        path.unlink()
            self.discard()
            raise
        for path, backup in done:
            if backup is not None:
                with contextlib.suppress(OSError):
                    backup.unlink()
            _keep_usual_mode(path)
        for folder in {_folder(path) for path, _ in done}:
            _fsync_folder(folder)
        self._staged = []


@contextlib.contextmanager
def staged_outputs() -> Iterator[StagedOutputs]:
    """Stage outputs in the block; at its end all are renamed into place, or none on error."""
    outputs = StagedOutputs()
    try:
        yield outputs
    except BaseException:
        outputs.discard()
        raise
    outputs.commit()


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


def write_with(path: Path, writer: Callable[[IO[bytes]], object]) -> None:
    """Call `writer` with a binary file object, then move what it wrote to `path`."""
    with staged_outputs() as outputs:
        outputs.stage(Path(path), writer)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    write_with(path, lambda fh: fh.write(data))


def write_text_atomic(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Write `text` with `\\n` line ends on every platform (same bytes everywhere)."""
    write_bytes_atomic(path, text.encode(encoding))


def write_workbook_atomic(workbook: Workbook, path: Path) -> None:
    """Save an openpyxl `Workbook` atomically (with the faster cell writer)."""
    from cscaudit.report.xlsx_save import saver

    write_with(path, saver(workbook))


def _keep_usual_mode(path: Path) -> None:
    """mkstemp creates 0600 files; give the output the mode a plain open() would."""
    if os.name != "posix":
        return
    umask = os.umask(0)
    os.umask(umask)
    with contextlib.suppress(OSError):
        os.chmod(path, 0o666 & ~umask)
