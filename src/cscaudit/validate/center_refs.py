"""center.yaml references `audit` follows: the tables under `exports.tables` and plan files.

- each name under `exports.tables` is a table of the field dictionary (the closest one is
  suggested), and its `file` exists (relative to the folder of center.yaml);
- `exports.dir` and every `exports.tables.X.file` are paths `audit` accepts: inside the center
  folder unless `exports.allow_outside: true`, links that do not loop, a name not too long
  (`confinement.export_path_problems`, the audit's own rule);
- a plan named by `emergency_plans: [{file: ...}]` exists and is a `kind: emergency-plan`
  document.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cscaudit.config.confinement import export_path_problems
from cscaudit.config.yamlio import JsonPath, load_yaml
from cscaudit.errors import CscauditError, InputError
from cscaudit.i18n import t
from cscaudit.input_files import named_by, require_regular_file, shown_path
from cscaudit.suggest import did_you_mean
from cscaudit.validate.out import Out

PLAN_KIND = "emergency-plan"


def _table_names() -> list[str] | None:
    try:
        from cscaudit.ingest.dictionary import load_dictionary

        return list(load_dictionary().tables)
    except (ImportError, CscauditError):
        return None


def check_exports(out: Out, data: dict[str, Any]) -> None:
    exports = data.get("exports")
    if not isinstance(exports, dict):
        return
    root = Path(out.loaded.path).parent
    refused = export_path_problems(root, exports)
    for problem in refused:
        out.add(problem.at, problem.code, problem.message)
    tables = exports.get("tables")
    if not isinstance(tables, dict) or not tables:
        return
    unusable = {problem.at for problem in refused}
    names = _table_names()
    for name, spec in tables.items():
        at: JsonPath = ("exports", "tables", name)
        if names is not None and name not in names:
            out.add(at, "unknown-table",
                    t(f"未知的表名 “{name}”，可用：{'、'.join(names)}",
                      f"unknown table '{name}'; known: {', '.join(names)}")
                    + did_you_mean(str(name), names), at_key=True)
        file = spec.get("file") if isinstance(spec, dict) else None
        if isinstance(file, str) and file and (*at, "file") not in unusable \
                and not (root / file).is_file():
            shown = shown_path(file)
            out.add((*at, "file"), "table-file-missing",
                    t(f"找不到表 {name} 的文件 {shown}（相对于 center.yaml 所在文件夹）：请检查路径",
                      f"file {shown} of table {name} not found (relative to the folder of "
                      "center.yaml): check the path"))


def check_plan_file(out: Out, where: JsonPath, ref: str) -> None:
    """A plan file that center.yaml names: it exists and is an emergency plan."""
    path = Path(out.loaded.path).parent / ref
    try:
        require_regular_file(path)
    except InputError as exc:  # links that loop, a name too long, a FIFO: this line only
        out.add(where, "plan-file-unusable", named_by(ref, exc))
        return
    if not path.is_file():
        shown = shown_path(ref)
        out.add(where, "plan-file-missing",
                t(f"找不到预案文件 {shown}（相对于 center.yaml 所在文件夹）：请检查路径",
                  f"plan file {shown} not found (relative to the folder of center.yaml): "
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
