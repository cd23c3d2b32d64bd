"""JSON: stable (sorted keys, files in run order, problems by position), for scripts."""

from __future__ import annotations

import json
from typing import Any

from cscaudit import __version__
from cscaudit.i18n import Lang
from cscaudit.validate.reporters.base import TOOL, ReportOptions, posix
from cscaudit.validate.result import ValidationResult


def render_json(result: ValidationResult, lang: Lang, options: ReportOptions) -> str:
    files: list[dict[str, Any]] = [
        {
            "path": posix(f.path),
            "kind": f.kind,
            "valid": not options.file_failed(f),
            "problems": [
                {"line": p.line, "column": p.column, "severity": p.severity, "code": p.code,
                 "path": p.json_pointer, "message": p.message(lang)}
                for p in f.problems if options.shown(p)
            ],
        }
        for f in result.files
    ]
    document = {
        "tool": TOOL,
        "version": __version__,
        "valid": not options.run_failed(result),
        "summary": {"files": len(result.files), "errors": result.errors,
                    "warnings": result.warnings},
        "files": files,
    }
    return json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2) + "\n"
