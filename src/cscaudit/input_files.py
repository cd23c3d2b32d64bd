"""Paths that come from the user, made safe to resolve and to open.

Two ways a path can hurt a run that reads it:

- a symlink loop (`a.yaml -> b.yaml -> a.yaml`): `Path.resolve()` raises RuntimeError (or
  OSError on newer Pythons), which would end in a traceback. `resolve_input` turns it into an
  `InputError` naming the path;
- a FIFO, a character or block device, a socket: opening one blocks for ever or streams
  without end. `require_regular_file` refuses it (and a missing path) before anything opens
  it; `special_kind` says what such a thing is, for callers that skip it with a warning;
- a name longer than the system allows (a path of thousands of characters in a YAML file):
  `Path.is_file()` raises OSError "File name too long". Both functions refuse it as an
  `InputError` that quotes the path cut short (`clip`), so the caller's `is_file()` that
  follows never meets it.

`named_by(written, exc)` words any of these errors for the document that names the path, at
the line where it is written (center.yaml's plans and exports).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from cscaudit.errors import InputError
from cscaudit.i18n import Text, clip, t

SHOWN_PATH_CHARS = 260  # Windows' classic MAX_PATH: longer paths are cut in messages

_SPECIAL = (
    (stat.S_ISFIFO, t("命名管道（FIFO）", "a named pipe (FIFO)")),
    (stat.S_ISCHR, t("字符设备", "a character device")),
    (stat.S_ISBLK, t("块设备", "a block device")),
    (stat.S_ISSOCK, t("套接字", "a socket")),
)


def shown_path(path: str | Path) -> str:
    """`path` as a message quotes it: cut when it is longer than `SHOWN_PATH_CHARS`."""
    return clip(str(path), SHOWN_PATH_CHARS)


def symlink_loop_error(path: str | Path) -> InputError:
    """The error for a path whose symbolic links point round in a circle."""
    return InputError(t("符号链接形成循环，无法解析：请删除或改正这个链接",
                        "symbolic links form a loop and cannot be resolved: remove or fix the link"),
                      file=shown_path(path))


def path_too_long_error(path: str | Path) -> InputError:
    """The error for a path (or one of its names) longer than the file system allows."""
    size = len(str(path))
    return InputError(t(f"路径过长（{size} 个字符），系统无法打开：请改正或缩短路径",
                        f"the path is too long ({size} characters) for the system to open: "
                        "correct or shorten it"), file=shown_path(path))


def named_by(written: str, exc: InputError) -> Text:
    """`exc` (about a path) worded for the document naming the path as `written`."""
    return t(f"{shown_path(written)}：", f"{shown_path(written)}: ") + exc.message


def _unprobeable(path: str | Path, exc: OSError) -> InputError | None:
    if exc.errno == errno.ENAMETOOLONG:
        return path_too_long_error(path)
    if exc.errno == errno.ELOOP:
        return symlink_loop_error(path)
    return None


def resolve_input(path: str | Path) -> Path:
    """`Path(path).resolve()`, with a symlink loop (or another file-system error while
    following links) raised as an `InputError` naming `path`; a name too long as well."""
    try:
        return Path(path).resolve()
    except OSError as exc:
        raise (_unprobeable(path, exc) or symlink_loop_error(path)) from None
    except RuntimeError:
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
                        "regular file"), file=shown_path(path))


def require_regular_file(path: str | Path) -> None:
    """Raise `InputError` naming `path` when it is a FIFO, a device or a socket, when its
    symbolic links loop or when it is too long to open; a missing path or a folder is left to
    the caller's own message."""
    kind = special_kind(path)
    if kind is not None:
        raise special_file_error(path, kind)
    try:
        os.stat(path)
    except OSError as exc:
        error = _unprobeable(path, exc)
        if error is not None:
            raise error from None
    except ValueError:
        return
