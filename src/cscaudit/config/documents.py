"""Load a YAML document, detect its kind and check it against that kind's schema.

`check_document` returns every problem as a value (`DocProblem`, with file, line and column);
`load_document` is the strict form for code that needs a valid document to go on (the audit
loading its checklist): it raises `ConfigError` naming the first problems.
Cross-reference checks (ids that must exist elsewhere) live in `cscaudit.validate.crossref`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cscaudit.config.schemas import known_kinds, validator_for
from cscaudit.config.yamlio import JsonPath, LoadedYaml, load_yaml
from cscaudit.config.yamlio.model import YamlDict, YamlValue
from cscaudit.errors import ConfigError
from cscaudit.i18n import Text, t

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError


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
        """RFC 6901 pointer to the value ("" for the whole document)."""
        if not self.path:
            return ""
        return "/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in self.path)


def document_kind(data: YamlValue) -> str | None:
    """The declared `kind:` of a loaded document, if it is a mapping that declares one."""
    if isinstance(data, dict):
        kind = data.get("kind")
        if isinstance(kind, str):
            return kind
    return None


def schema_message(error: ValidationError) -> Text:
    """A plain bilingual message for one jsonschema `ValidationError`.

    `cscaudit.config.schema_messages` may refine this; the fallback keeps jsonschema's English.
    """
    from cscaudit.config.schema_messages import explain

    return explain(error)


def _extra_keys(error: Any) -> list[str]:
    """The keys an `additionalProperties: false` error is about, in document order."""
    import re

    if not isinstance(error.instance, dict) or not isinstance(error.schema, dict):
        return []
    allowed = set(error.schema.get("properties", {}))
    patterns = [re.compile(p) for p in error.schema.get("patternProperties", {})]
    return [str(k) for k in error.instance
            if k not in allowed and not any(p.search(str(k)) for p in patterns)]


def schema_problems(loaded: LoadedYaml, error: ValidationError, base: JsonPath = (),
                    code: str = "schema", prefix: Text | None = None) -> list[DocProblem]:
    """Located problems for one jsonschema error (one per unknown key).

    `base` is where the validated value sits in the document (for a nested validation such
    as a measure's params); `prefix` is put before each message.
    """
    from cscaudit.config.schema_messages import deepest, unknown_key

    error = deepest(error)
    lead = prefix or t("", "")
    path: JsonPath = (*base, *error.absolute_path)
    if error.validator in ("additionalProperties", "unevaluatedProperties"):
        extras = _extra_keys(error)
        if extras:
            schema = error.schema
            known = list(schema.get("properties", {})) if isinstance(schema, Mapping) else []
            out = []
            for key in extras:
                key_path = (*path, key)
                line, col = loaded.locate_key(key_path)
                out.append(DocProblem(loaded.path, line, col, key_path,
                                      lead + unknown_key(key, known), code))
            return out
    line, col = loaded.locate(path)
    return [DocProblem(loaded.path, line, col, path, lead + schema_message(error), code)]


def load_problems(loaded: LoadedYaml) -> list[DocProblem]:
    """The loader's problems (duplicate keys, forms YAML 1.2 rejects) as document problems."""
    return [
        DocProblem(loaded.path, p.line, p.column, p.path, p.message, p.code,
                   "error" if p.code == "duplicate-key" else "warning")
        for p in loaded.problems
    ]


def check_document(loaded: LoadedYaml, kind: str | None = None) -> list[DocProblem]:
    """Every load-time and schema problem of one document, in source order."""
    problems = load_problems(loaded)
    declared = document_kind(loaded.data)
    kind = kind or declared
    if kind is None or kind not in known_kinds():
        line, col = loaded.locate(("kind",))
        known = "、".join(known_kinds())
        from cscaudit.suggest import did_you_mean

        hint = did_you_mean(declared, known_kinds()) if declared else t("", "")
        message = t(f"无法识别文档类型（kind: {declared!r}）；应为：{known}",
                    f"unknown document kind ({declared!r}); expected one of: "
                    f"{', '.join(known_kinds())}") if declared else \
            t(f"文档没有声明类型：请在开头写 kind:（可选：{known}）",
              f"the document declares no kind: start it with kind: (one of: "
              f"{', '.join(known_kinds())})")
        problems.append(DocProblem(loaded.path, line, col, ("kind",), message + hint, "kind"))
        return problems
    for error in validator_for(kind).iter_errors(loaded.data):
        problems.extend(schema_problems(loaded, error))
    # A schema may state one rule in two places (say `required` in a branch and at the top):
    # the user sees each problem once.
    unique = list(dict.fromkeys(problems))
    unique.sort(key=lambda p: (p.line, p.column))
    return unique


def load_document(path: str | Path, kind: str) -> LoadedYaml:
    """Load a document that must be a valid `kind`; raise ConfigError otherwise.

    Files whose exact bytes already passed this schema skip it (`cscaudit.config.schema_memo`).
    """
    from cscaudit.config import schema_memo

    loaded = load_yaml(path)
    if schema_memo.known_valid(path, kind) and document_kind(loaded.data) == kind:
        return loaded
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
    schema_memo.remember_valid(path, kind)
    return loaded


def checklist_or_profile(path: Path) -> tuple[str, str, YamlDict] | None:
    """(id, kind, data) of the checklist or profile at `path`; None for a file that cannot be
    read or holds anything else. How `extends:`/`profile:` ids are found in a folder, by the
    audit and by `cscaudit validate` alike."""
    from cscaudit.errors import CscauditError

    try:
        data = load_yaml(path).data
    except CscauditError:
        return None
    if not isinstance(data, dict) or data.get("kind") not in ("checklist", "profile"):
        return None
    doc_id = data.get("id")
    return (doc_id, str(data["kind"]), data) if isinstance(doc_id, str) else None
