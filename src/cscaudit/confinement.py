"""Whether a file a center names stays inside the center's folder.

Plans always must; exports must unless center.yaml says `exports.allow_outside: true` (a
center that keeps its exports on a shared drive). Links are followed on both sides, so a
symbolic link inside the folder that leads out of it is outside.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any


def is_inside(root: Path, path: Path) -> bool:
    """Whether `path`, links followed, is `root` or lies under it (links followed too)."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a link loop leads nowhere inside
        return False


def exports_may_be_outside(exports: Mapping[str, Any] | None) -> bool:
    """center.yaml's explicit opt-in `exports.allow_outside: true` (the schema's default is
    false: anything but `true` keeps the exports inside)."""
    return exports is not None and exports.get("allow_outside") is True
