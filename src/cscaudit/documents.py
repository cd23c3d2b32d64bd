"""Load a YAML document, detect its kind and check it against that kind's schema.

`check_document` returns every problem as a value (`DocProblem`, with file, line and column);
`load_document` is the strict form for code that needs a valid document to go on (the audit
loading its checklist): it raises `ConfigError` naming the first problems.
Cross-reference checks (ids that must exist elsewhere) live in `cscaudit.validate.crossref`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cscaudit.errors import ConfigError
from cscaudit.i18n import Text, t
from cscaudit.schemas import known_kinds, validator_for
from cscaudit.yamlio import JsonPath, LoadedYaml, load_yaml


@dataclass(frozen=True, slots=True)
class DocProblem:
    """One problem in one document, located in its source."""

    file: str
    line: int
    column: int
    path: JsonPath
    message: Text
    code: str  # "schema", "kind", "duplicate-key", "yaml11-bool", "crossref", ...
    severity: str = "error"  # "error" | "warning"

    @property
    def json_pointer(self) -> str:
        return "/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in self.path)


def document_kind(data: Any) -> str | None:
    """The declared `kind:` of a loaded document, if it is a mapping that declares one."""
    if isinstance(data, dict):
        kind = data.get("kind")
        if isinstance(kind, str):
            return kind
    return None


def schema_message(error: Any) -> Text:
    """A plain bilingual message for one jsonschema `ValidationError`.

    `cscaudit.validate.messages` may refine this; the fallback keeps jsonschema's English.
    """
    from cscaudit.validate.messages import explain

    return explain(error)


def _error_path(loaded: LoadedYaml, error: Any) -> tuple[JsonPath, tuple[int, int]]:
    path: JsonPath = tuple(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = set(error.schema.get("properties", {}))
        patterns = error.schema.get("patternProperties", {})
        extras = [k for k in error.instance if k not in allowed and not patterns]
        if extras:
            key_path = (*path, extras[0])
            return key_path, loaded.locate_key(key_path)
    return path, loaded.locate(path)


def check_document(loaded: LoadedYaml, kind: str | None = None) -> list[DocProblem]:
    """Every load-time and schema problem of one document, in source order."""
    problems = [
        DocProblem(loaded.path, p.line, p.column, p.path, p.message, p.code,
                   "error" if p.code == "duplicate-key" else "warning")
        for p in loaded.problems
    ]
    declared = document_kind(loaded.data)
    kind = kind or declared
    if kind is None or kind not in known_kinds():
        line, col = loaded.locate(("kind",))
        known = "、".join(known_kinds())
        problems.append(DocProblem(
            loaded.path, line, col, ("kind",),
            t(f"无法识别文档类型（kind: {declared!r}）；应为：{known}",
              f"unknown document kind ({declared!r}); expected one of: {', '.join(known_kinds())}"),
            "kind",
        ))
        return problems
    for error in validator_for(kind).iter_errors(loaded.data):
        path, (line, col) = _error_path(loaded, error)
        problems.append(DocProblem(loaded.path, line, col, path, schema_message(error), "schema"))
    problems.sort(key=lambda p: (p.line, p.column))
    return problems


def load_document(path: str | Path, kind: str) -> LoadedYaml:
    """Load a document that must be a valid `kind`; raise ConfigError otherwise."""
    loaded = load_yaml(path)
    errors = [p for p in check_document(loaded, kind) if p.severity == "error"]
    if document_kind(loaded.data) != kind:
        line, col = loaded.locate(("kind",))
        raise ConfigError(t(f"应为 kind: {kind} 的文档", f"expected a document of kind: {kind}"),
                          file=str(path), line=line, column=col)
    if errors:
        first = errors[0]
        more = len(errors) - 1
        suffix = t(f"（另有 {more} 处错误，请运行 cscaudit validate 查看）",
                   f" (and {more} more: run cscaudit validate to see them)") if more else t("", "")
        raise ConfigError(first.message + suffix, file=str(path), line=first.line,
                          column=first.column)
    return loaded
