"""Find the centers of a district: a folder searched at any depth, or a district.yaml.

- A folder: every sub-folder holding a `center.yaml` is a center (hidden folders skipped; a
  center's own sub-folders are not searched further). If the folder itself holds a
  `district.yaml`, that file decides instead.
- A `district.yaml` (kind: district): its `centers:` list, each `{path, street}` (a bare
  string is a path), paths relative to the file; or `streets: [{name, centers: [...]}]`.
  An entry that names no existing center is an error at its line and column.

Every output names a center by its folder relative to the district root (`s01/c001`); a
center listed in district.yaml outside that root (`../other/c9`, `/data/c9`) by its path as
written there, with `/` separators: the run JSON then depends on the inputs only, never on
the folder they were checked out to.

Entries come back sorted by their path relative to the district root, so every run sees the
same order whatever the file system returns.

Center ids must be unique in a district (`--previous` and `--peer` match centers by id): two
center.yaml files declaring the same `id:` are an input error naming both folders, raised
before any center is audited. A center.yaml that cannot be read is not checked here; its
center fails in the run and is listed under its folder name.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any

from cscaudit.config.yamlio import JsonPath, LoadedYaml
from cscaudit.errors import ConfigError, InputError
from cscaudit.i18n import t
from cscaudit.input_files import require_regular_file
from cscaudit.scoring.district.model import CenterEntry

CENTER_FILE = "center.yaml"
DISTRICT_FILE = "district.yaml"


@dataclass(frozen=True)
class District:
    """The centers to assess and where that list came from."""

    root: Path
    entries: tuple[CenterEntry, ...]
    source: Path | None = None  # the district.yaml, when one was used
    name: str | None = None


def _rel(path: Path, root: Path, written: str | None = None) -> str:
    """The center's name in every output: its folder relative to the district root; a folder
    outside the root (listed in district.yaml as `../x` or `/data/x`) is named as written
    there, with `/` separators, so no output depends on where the files are checked out."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix() or "."
    except ValueError:
        if written is None:
            return path.name
        form = PurePosixPath(written.replace("\\", "/"))
        return (form.parent if form.name == CENTER_FILE else form).as_posix()


def _unique_ids(entries: tuple[CenterEntry, ...]) -> tuple[CenterEntry, ...]:
    """Entries with their declared ids; InputError at the second center.yaml of a pair."""
    from cscaudit.config.center import declared_id

    first: dict[str, CenterEntry] = {}
    out: list[CenterEntry] = []
    for entry in entries:
        cid, line, col = declared_id(entry.path)
        if cid is not None and cid in first:
            other = first[cid].rel
            raise InputError(t(f"中心编号 {cid} 重复：文件夹 {other} 与 {entry.rel} 的 center.yaml 都声明了它；"
                               "每个中心的 id 须唯一（上年结果与互评按编号匹配），请改正其中一个",
                               f"center id {cid} is declared by both folders {other} and {entry.rel}: "
                               "every center needs its own id (last year's results and peer "
                               "scores are matched by id); change one of them"),
                             file=str(entry.path / CENTER_FILE), line=line, column=col)
        if cid is not None:
            first[cid] = entry
        out.append(replace(entry, declared_id=cid))
    return tuple(out)


def _walk(root: Path) -> list[Path]:
    found: list[Path] = []
    for current, dirs, files in os.walk(root):
        if CENTER_FILE in files:
            found.append(Path(current))
            dirs[:] = []  # a center's plans/ and exports/ hold no centers
            continue
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")))
    return found


def _load_district_yaml(path: Path) -> LoadedYaml:
    from cscaudit.config.schemas import known_kinds

    if "district" in known_kinds():
        from cscaudit.config.documents import load_document

        return load_document(path, "district")
    from cscaudit.config.yamlio import load_yaml

    loaded = load_yaml(path)
    if not isinstance(loaded.data, dict) or loaded.data.get("kind") != "district":
        raise ConfigError(t("应为 kind: district 的文档", "expected a document of kind: district"),
                          file=str(path), line=1, column=1)
    return loaded


def _bad(loaded: LoadedYaml, at: JsonPath, message: tuple[str, str]) -> ConfigError:
    line, col = loaded.locate(at)
    return ConfigError(t(*message), file=loaded.path, line=line, column=col)


Listed = tuple[Path, str, str | None, JsonPath]  # folder, path as written, street, where


def _entry(loaded: LoadedYaml, root: Path, item: Any, at: JsonPath,
           street: str | None) -> Listed:
    if isinstance(item, str):
        return root / item, item, street, at
    if isinstance(item, dict) and isinstance(item.get("path"), str):
        own = item.get("street")
        return (root / item["path"], item["path"], own if isinstance(own, str) else street,
                (*at, "path"))
    raise _bad(loaded, at, ("中心条目应为路径或 {path, street}", "a center entry must be a path "
                            "or {path, street}"))


def _listed(loaded: LoadedYaml, root: Path) -> list[Listed]:
    data = loaded.data
    items: list[Listed] = []
    for i, item in enumerate(data.get("centers") or []):
        items.append(_entry(loaded, root, item, ("centers", i), None))
    for s, street in enumerate(data.get("streets") or []):
        name = street.get("name") if isinstance(street, dict) else None
        for i, item in enumerate((street or {}).get("centers") or []):
            items.append(_entry(loaded, root, item, ("streets", s, "centers", i), name))
    return items


def _from_yaml(path: Path) -> District:
    loaded = _load_district_yaml(path)
    root = path.parent
    entries: list[CenterEntry] = []
    seen: set[str] = set()
    for folder, written, street, at in _listed(loaded, root):
        folder = folder.parent if folder.name == CENTER_FILE else folder
        if not (folder / CENTER_FILE).is_file():
            raise _bad(loaded, at, (f"找不到中心：{folder}（应为含 center.yaml 的文件夹）",
                                    f"no center at {folder} (expected a folder with center.yaml)"))
        rel = _rel(folder, root, written)
        same = folder.resolve().as_posix()
        if rel in seen or same in seen:
            raise _bad(loaded, at, (f"中心 {rel} 重复列出", f"center {rel} is listed twice"))
        seen.update((rel, same))
        entries.append(CenterEntry(path=folder, rel=rel, street=street))
    if not entries:
        raise _bad(loaded, ("centers",), ("district.yaml 未列出任何中心", "district.yaml lists no centers"))
    name = loaded.data.get("name")
    return _finish(root, entries, path, name if isinstance(name, str) else None)


def _finish(root: Path, entries: list[CenterEntry], source: Path | None,
            name: str | None) -> District:
    ordered = sorted(entries, key=lambda e: e.rel)
    numbered = tuple(CenterEntry(e.path, e.rel, e.street, i) for i, e in enumerate(ordered))
    return District(root=root, entries=_unique_ids(numbered), source=source, name=name)


def discover_district(target: Path) -> District:
    """The centers under `target` (a folder or a district.yaml); raise when there are none."""
    if not target.exists():
        raise InputError(t("路径不存在，请检查拼写", "path does not exist; check the spelling"),
                         file=str(target))
    require_regular_file(target)  # a FIFO or device named on the command line: refused
    if target.is_file():
        if target.name == CENTER_FILE:
            return _finish(target.parent.parent, [CenterEntry(target.parent, target.parent.name)],
                           None, None)
        return _from_yaml(target)
    require_regular_file(target / DISTRICT_FILE)
    if (target / DISTRICT_FILE).is_file():
        return _from_yaml(target / DISTRICT_FILE)
    folders = _walk(target)
    if not folders:
        raise InputError(t("此文件夹（含子文件夹）中没有 center.yaml：请指向辖区文件夹或 district.yaml",
                           "no center.yaml in this folder or below: point at a district folder "
                           "or a district.yaml"), file=str(target))
    return _finish(target, [CenterEntry(f, _rel(f, target)) for f in folders], None, None)
