"""Whether a file a center names stays inside the center's folder.

Plans always must; exports must unless center.yaml says `exports.allow_outside: true` (a
center that keeps its exports on a shared drive). Links are followed on both sides, so a
symbolic link inside the folder that leads out of it is outside.

`export_path_problems` is the one rule for the paths center.yaml writes under `exports:`:
`audit` refuses the first (`cscaudit.config.center`), `validate` reports them all, each at its line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cscaudit.config.yamlio.model import JsonPath, YamlMapping
from cscaudit.errors import InputError
from cscaudit.i18n import Text, t
from cscaudit.input_files import named_by, require_regular_file, resolve_input, shown_path


def is_inside(root: Path, path: Path) -> bool:
    """Whether `path`, links followed, is `root` or lies under it (links followed too)."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a link loop leads nowhere inside
        return False


def exports_may_be_outside(exports: YamlMapping | None) -> bool:
    """center.yaml's explicit opt-in `exports.allow_outside: true` (the schema's default is
    false: anything but `true` keeps the exports inside)."""
    return exports is not None and exports.get("allow_outside") is True


@dataclass(frozen=True)
class PathProblem:
    """A path center.yaml writes at `at` that the audit cannot use: `code` is
    "export-outside-center" or "export-path-unusable" (links that loop, a name too long, a
    FIFO or device)."""

    at: JsonPath
    code: str
    message: Text


def _written(exports: Mapping[str, Any]) -> list[tuple[JsonPath, str]]:
    named: list[tuple[JsonPath, object]] = [(("exports", "dir"), exports.get("dir"))]
    tables = exports.get("tables")
    if isinstance(tables, Mapping):
        named += [(("exports", "tables", name, "file"), spec.get("file"))
                  for name, spec in tables.items() if isinstance(spec, Mapping)]
    return [(at, rel) for at, rel in named if isinstance(rel, str) and rel]


def _outside(at: JsonPath, rel: str) -> Text:
    dotted, shown = ".".join(map(str, at)), shown_path(rel)
    return t(f"{dotted} 指向服务中心文件夹之外（{shown}）：请把导出文件放到中心文件夹内；如确需读取"
             "共享盘上的文件，请在 center.yaml 中设置 exports.allow_outside: true",
             f"{dotted} points outside the center folder ({shown}): keep the exports inside "
             "it, or, for exports kept on a shared drive, set exports.allow_outside: true in "
             "center.yaml")


def export_path_problems(root: Path, exports: YamlMapping) -> list[PathProblem]:
    """`exports.dir` and each `exports.tables.X.file` (relative to `root`, the center folder)
    that cannot be probed, or that lead out of `root` unless center.yaml opts in."""
    allow_outside = exports_may_be_outside(exports)
    problems: list[PathProblem] = []
    for at, rel in _written(exports):
        try:
            require_regular_file(root / rel)
            inside = allow_outside or is_inside(resolve_input(root), resolve_input(root / rel))
        except InputError as exc:
            problems.append(PathProblem(at, "export-path-unusable", named_by(rel, exc)))
            continue
        if not inside:
            problems.append(PathProblem(at, "export-outside-center", _outside(at, rel)))
    return problems
