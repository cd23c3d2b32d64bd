"""The YAML 1.1 boolean lint: `yes`, `no`, `on`, `off`, `y`, `n` written without quotes.

cscaudit reads YAML 1.2, where these are plain text; many other tools (and PyYAML) read
YAML 1.1, where they are booleans. The same file would mean different things to different
tools, so each spelling is reported:
- where the schema accepted it (as text), as a warning with a hint to quote it;
- where the schema rejected it (it expected true/false), the schema error gets the hint;
- as a mapping key, as a warning (a YAML 1.1 tool would turn the key into true/false).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from cscaudit.config.documents import DocProblem
from cscaudit.config.yamlio import JsonPath, LoadedYaml
from cscaudit.config.yamlio.scalars import YAML11_BOOLS
from cscaudit.i18n import Text, t

CODE = "yaml11-bool"
_TRUE = frozenset(["y", "yes", "on"])


def _value_at(data: Any, path: JsonPath) -> tuple[bool, Any]:
    node = data
    for part in path:
        if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            continue
        if not (isinstance(node, dict) and isinstance(part, str) and part in node):
            return False, None
        node = node[part]
    return True, node


def _meaning(spelling: str) -> str:
    return "true" if spelling.lower() in _TRUE else "false"


def _bool_hint(spelling: str) -> Text:
    return t(f"（{spelling} 在此是文字；如要表示是/否，请写 true 或 false）",
             f" ({spelling} is text here; for yes/no write true or false)")


def lint_yaml11_bools(loaded: LoadedYaml, problems: list[DocProblem]) -> list[DocProblem]:
    """`problems` with hints attached to schema errors on such values, plus the warnings."""
    if not loaded.yaml11_bools:
        return problems
    by_path: dict[JsonPath, list[int]] = {}
    for i, p in enumerate(problems):
        if p.code == "schema":
            by_path.setdefault(p.path, []).append(i)
    out = list(problems)
    for path in sorted(loaded.yaml11_bools, key=loaded.locate):
        found, value = _value_at(loaded.data, path)
        if found and isinstance(value, str) and value in YAML11_BOOLS:
            if path in by_path:
                for i in by_path[path]:
                    out[i] = dataclasses.replace(out[i], message=out[i].message + _bool_hint(value))
            else:
                line, col = loaded.locate(path)
                out.append(DocProblem(
                    loaded.path, line, col, path,
                    t(f"未加引号的 {value} 会被 YAML 1.1 工具读成布尔值 {_meaning(value)}："
                      f"如是文字，请加引号写成 \"{value}\"",
                      f"unquoted {value} is read as boolean {_meaning(value)} by YAML 1.1 tools: "
                      f"if it is text, quote it as \"{value}\""),
                    CODE, "warning"))
        key = path[-1] if path else None
        if isinstance(key, str) and key in YAML11_BOOLS and path in loaded.key_positions:
            line, col = loaded.key_positions[path]
            out.append(DocProblem(
                loaded.path, line, col, path,
                t(f"键 {key} 未加引号，YAML 1.1 工具会把它读成 {_meaning(key)}：请写成 \"{key}\"",
                  f"the key {key} is unquoted; YAML 1.1 tools read it as {_meaning(key)}: "
                  f"write \"{key}\""),
                CODE, "warning"))
    return out
