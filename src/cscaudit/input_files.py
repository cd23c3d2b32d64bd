"""Paths that come from the user, made safe to resolve and to open.

Two ways a path can hurt a run that reads it:

- a symlink loop (`a.yaml -> b.yaml -> a.yaml`): `Path.resolve()` raises RuntimeError (or
  OSError on newer Pythons), which would end in a traceback. `resolve_input` turns it into an
  `InputError` naming the path;
- a FIFO, a character or block device, a socket: opening one blocks for ever or streams
  without end. `require_regular_file` refuses it (and a missing path) before anything opens
  it; `special_kind` says what such a thing is, for callers that skip it with a warning.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from cscaudit.errors import InputError
from cscaudit.i18n import Text, t

_SPECIAL = (
    (stat.S_ISFIFO, t("命名管道（FIFO）", "a named pipe (FIFO)")),
    (stat.S_ISCHR, t("字符设备", "a character device")),
    (stat.S_ISBLK, t("块设备", "a block device")),
    (stat.S_ISSOCK, t("套接字", "a socket")),
)


def symlink_loop_error(path: str | Path) -> InputError:
    """The error for a path whose symbolic links point round in a circle."""
    return InputError(t("符号链接形成循环，无法解析：请删除或改正这个链接",
                        "symbolic links form a loop and cannot be resolved: remove or fix the link"),
                      file=str(path))


def resolve_input(path: str | Path) -> Path:
    """`Path(path).resolve()`, with a symlink loop (or another file-system error while
    following links) raised as an `InputError` naming `path`."""
    try:
        return Path(path).resolve()
    except (RuntimeError, OSError):
        raise symlink_loop_error(path) from None


def special_kind(path: str | Path) -> Text | None:
    """What `path` is when it exists (links followed) and is neither a regular file nor a
    folder: a FIFO, a device or a socket; else None. Never opens it."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return None
    return next((name for test, name in _SPECIAL if test(mode)), None)


def special_file_error(path: str | Path, kind: Text) -> InputError:
    """The error for a FIFO, device or socket where a file was expected."""
    return InputError(t(f"这不是普通文件，而是{kind.zh}，不会读取：请指定一个普通文件",
                        f"this is not a regular file but {kind.en}; it is not read: name a "
                        "regular file"), file=str(path))


def require_regular_file(path: str | Path) -> None:
    """Raise `InputError` naming `path` when it is a FIFO, a device or a socket, or when its
    symbolic links loop; a missing path or a folder is left to the caller's own message."""
    kind = special_kind(path)
    if kind is not None:
        raise special_file_error(path, kind)
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise symlink_loop_error(path) from None
    except ValueError:
        return
