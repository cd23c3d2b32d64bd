"""center.yaml references `audit` follows: the tables under `exports.tables` and plan files.

- each name under `exports.tables` is a table of the field dictionary (the closest one is
  suggested), and its `file` exists (relative to the folder of center.yaml);
- a plan named by `emergency_plans: [{file: ...}]` exists and is a `kind: emergency-plan`
  document.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cscaudit.errors import CscauditError
from cscaudit.i18n import t
from cscaudit.validate.messages import did_you_mean
from cscaudit.validate.out import Out
from cscaudit.yamlio import JsonPath, load_yaml

PLAN_KIND = "emergency-plan"


def _table_names() -> list[str] | None:
    try:
        from cscaudit.ingest.dictionary import load_dictionary

        return list(load_dictionary().tables)
    except (ImportError, CscauditError):
        return None


def check_exports(out: Out, data: dict[str, Any]) -> None:
    exports = data.get("exports")
    tables = exports.get("tables") if isinstance(exports, dict) else None
    if not isinstance(tables, dict) or not tables:
        return
    root = Path(out.loaded.path).parent
    names = _table_names()
    for name, spec in tables.items():
        at: JsonPath = ("exports", "tables", name)
        if names is not None and name not in names:
            out.add(at, "unknown-table",
                    t(f"未知的表名 “{name}”，可用：{'、'.join(names)}",
                      f"unknown table '{name}'; known: {', '.join(names)}")
                    + did_you_mean(str(name), names), at_key=True)
        file = spec.get("file") if isinstance(spec, dict) else None
        if isinstance(file, str) and file and not (root / file).is_file():
            out.add((*at, "file"), "table-file-missing",
                    t(f"找不到表 {name} 的文件 {file}（相对于 center.yaml 所在文件夹）：请检查路径",
                      f"file {file} of table {name} not found (relative to the folder of "
                      "center.yaml): check the path"))


def check_plan_file(out: Out, where: JsonPath, ref: str) -> None:
    """A plan file that center.yaml names: it exists and is an emergency plan."""
    path = Path(out.loaded.path).parent / ref
    if not path.is_file():
        out.add(where, "plan-file-missing",
                t(f"找不到预案文件 {ref}（相对于 center.yaml 所在文件夹）：请检查路径",
                  f"plan file {ref} not found (relative to the folder of center.yaml): "
                  "check the path"))
        return
    try:
        data = load_yaml(path).data
    except CscauditError as exc:
        out.add(where, "plan-wrong-kind",
                t(f"预案文件 {ref} 无法读取：", f"plan file {ref} cannot be read: ")
                + exc.message)
        return
    kind = data.get("kind") if isinstance(data, dict) else None
    if kind != PLAN_KIND:
        out.add(where, "plan-wrong-kind",
                t(f"{ref} 不是应急预案（kind: {kind}，应为 kind: {PLAN_KIND}）：请检查路径",
                  f"{ref} is not an emergency plan (kind: {kind}; expected kind: {PLAN_KIND}): "
                  "check the path"))
