"""Cross-reference checks of waivers and district documents that `audit`/`assess` also make.

- waivers: each `id` once (the second is reported, naming the line of the first);
  `expires` not before `start` (reported at `expires`);
- district: every listed center path is a folder with a center.yaml, no center listed twice,
  and an `id:` given next to a path matches the id that center.yaml declares.
Every problem is collected (the audit and assess stop at the first).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cscaudit.config.yamlio import JsonPath
from cscaudit.i18n import t
from cscaudit.input_files import resolve_input
from cscaudit.validate.out import Out

CENTER_FILE = "center.yaml"


def check_waiver_ids_and_dates(out: Out) -> None:
    """The waivers file's own checks, made by the same code `audit --waivers` runs."""
    from cscaudit.scoring.waivers import file_problems

    for (i, key), (code, message) in sorted(file_problems(out.loaded).items()):
        out.add(("waivers", i, key), code, message)


def _listed(data: dict[str, Any]) -> list[tuple[JsonPath, Any]]:
    items: list[tuple[JsonPath, Any]] = []
    for i, item in enumerate(data.get("centers") or []):
        items.append((("centers", i), item))
    for s, street in enumerate(data.get("streets") or []):
        centers = street.get("centers") if isinstance(street, dict) else None
        for i, item in enumerate(centers if isinstance(centers, list) else []):
            items.append((("streets", s, "centers", i), item))
    return items


def check_district(out: Out, data: dict[str, Any]) -> None:
    from cscaudit.config.center import declared_id

    root = Path(out.loaded.path).parent
    seen: dict[str, int] = {}
    for at, item in _listed(data):
        if isinstance(item, str):
            rel, where, given = item, at, None
        elif isinstance(item, dict) and isinstance(item.get("path"), str):
            rel, where, given = item["path"], (*at, "path"), item.get("id")
        else:
            continue  # the schema reports it
        folder = root / rel
        folder = folder.parent if folder.name == CENTER_FILE else folder
        if not (folder / CENTER_FILE).is_file():
            out.add(where, "unknown-center",
                    t(f"找不到中心：{rel}（相对于 district.yaml 所在文件夹，应为含 center.yaml 的文件夹）"
                      "：请检查路径",
                      f"no center at {rel} (relative to the folder of district.yaml; expected a "
                      "folder with center.yaml): check the path"))
            continue
        key = resolve_input(folder).as_posix()
        line = out.loaded.locate(where)[0]
        if key in seen:
            out.add(where, "duplicate-center",
                    t(f"中心 {rel} 重复列出（首次在第 {seen[key]} 行）：请删去其中一个",
                      f"center {rel} is listed twice (first at line {seen[key]}): remove one"))
            continue
        seen[key] = line
        if isinstance(given, str):
            declared, declared_line, _ = declared_id(folder)
            if declared is not None and declared != given:
                out.add((*at, "id"), "center-id-mismatch",
                        t(f"编号 {given} 与 {rel}/center.yaml 第 {declared_line} 行声明的 id "
                          f"{declared} 不一致：请改为 {declared}，或改正 path",
                          f"id {given} does not match the id {declared} that {rel}/center.yaml "
                          f"declares (line {declared_line}): write {declared}, or fix the path"))
