"""Run `validate` over many files in one process: load, detect kind, schema, lint, cross-refs.

Every file is loaded once with the safe loader (duplicate keys, YAML 1.1 booleans, bounds),
its `kind:` picks the schema (compiled once for the whole run; skipped for bytes that passed
it before, see `memo`), then the YAML 1.1 boolean lint and the cross-reference checks run. A file that cannot be read becomes a problem with
code "unreadable" (the run exits 2) and the batch goes on; so does a file next to one
(a profile it may extend) whose symbolic links loop.
"""

from __future__ import annotations

import os
from dataclasses import replace

from cscaudit.config import schema_memo
from cscaudit.config.documents import DocProblem, check_document, document_kind, load_problems
from cscaudit.config.schemas import known_kinds
from cscaudit.config.yamlio import LoadedYaml, load_yaml
from cscaudit.errors import CscauditError
from cscaudit.i18n import t
from cscaudit.input_files import resolve_input, shown_path
from cscaudit.masking import scrub_text
from cscaudit.validate.bools import lint_yaml11_bools
from cscaudit.validate.crossref import crossref
from cscaudit.validate.known import Known
from cscaudit.validate.paths import expand_paths
from cscaudit.validate.resolution import resolution_problems
from cscaudit.validate.result import UNREADABLE, FileResult, ValidationResult


def _unreadable(path: str, exc: CscauditError) -> FileResult:
    problem = DocProblem(path, exc.line or 1, exc.column or 1, (), exc.message, UNREADABLE)
    return FileResult(path, None, (problem,))


def _missing(arg: str) -> FileResult:
    try:
        resolve_input(arg)  # a symbolic-link loop named directly: say so
    except CscauditError as exc:
        return _unreadable(arg, exc)
    if os.path.islink(arg):
        target = os.readlink(arg)
        message = t(f"符号链接指向的 {shown_path(target)} 不存在：请改正或删除这个链接",
                    f"the symbolic link points to {shown_path(target)}, which does not exist: "
                    "fix or remove the link")
        return FileResult(arg, None, (DocProblem(arg, 1, 1, (), message, UNREADABLE),))
    message = t("找不到文件或文件夹（通配符也没有匹配到任何文件）：请检查路径",
                "no such file or folder (or the pattern matched nothing): check the path")
    return FileResult(arg, None, (DocProblem(arg, 1, 1, (), message, UNREADABLE),))


def _empty(arg: str) -> FileResult:
    message = t("这里没有 YAML 文件（*.yaml、*.yml；隐藏文件夹不查）：请检查路径，或指定要检查的文件",
                "no YAML file (*.yaml, *.yml; hidden folders skipped) here: check the path, "
                "or name the files to check")
    return FileResult(arg, None, (DocProblem(arg, 1, 1, (), message, UNREADABLE),))


def check_loaded(loaded: LoadedYaml, known: Known) -> FileResult:
    """Every problem of one loaded document, sorted by position."""
    kind = document_kind(loaded.data)
    if kind in known_kinds() and schema_memo.known_valid(loaded.path, kind):
        problems = load_problems(loaded)  # these exact bytes passed this schema before
    else:
        problems = check_document(loaded)
        if kind in known_kinds() and not any(p.severity == "error" for p in problems):
            schema_memo.remember_valid(loaded.path, kind)
    if kind in known_kinds():
        assert kind is not None
        problems = lint_yaml11_bools(loaded, problems)
        problems.extend(crossref(loaded, kind, known))
        if kind in ("checklist", "profile"):
            problems.extend(resolution_problems(loaded, known, problems))
    problems.sort(key=lambda p: (p.line, p.column, p.severity != "error", p.code))
    return FileResult(loaded.path, kind, tuple(problems))


def validate_paths(args: list[str], known: Known | None = None) -> ValidationResult:
    """Validate the files that `args` (files, folders, globs) name, in one pass."""
    known = known or Known()
    expanded = expand_paths(args)
    slots: list[FileResult | LoadedYaml] = []
    for path in expanded.files:
        try:
            loaded = load_yaml(path)
        except CscauditError as exc:
            slots.append(_unreadable(path, exc))
            continue
        known.add_run_doc(path, loaded.data)
        slots.append(loaded)
    results = [s if isinstance(s, FileResult) else check_loaded(s, known) for s in slots]
    reported = {r.path for r in results}
    results.extend(_unreadable(path, exc) for path, exc in sorted(known.unusable.items())
                   if path not in reported)
    results.extend(_missing(arg) for arg in expanded.missing)
    results.extend(_empty(arg) for arg in expanded.empty)
    return ValidationResult(tuple(_masked(r) for r in results))


def _masked(result: FileResult) -> FileResult:
    """Messages quote the values they reject and file names may hold them: ID and phone
    numbers in both are masked, as in every output (`cscaudit.masking.scrub_text`)."""
    problems = tuple(replace(p, file=scrub_text(p.file),
                             message=t(scrub_text(p.message.zh), scrub_text(p.message.en)))
                     for p in result.problems)
    return replace(result, path=scrub_text(result.path), problems=problems)
