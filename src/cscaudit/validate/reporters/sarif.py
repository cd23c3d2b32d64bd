"""SARIF 2.1.0: one run, the problem codes as rules, results with a physical location."""

from __future__ import annotations

import json
from typing import Any

from cscaudit import __version__
from cscaudit.i18n import Lang
from cscaudit.validate.reporters.base import INFO_URI, TOOL, ReportOptions, code_title, uri
from cscaudit.validate.result import ValidationResult

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def render_sarif(result: ValidationResult, lang: Lang, options: ReportOptions) -> str:
    problems = [p for p in result.problems if options.shown(p)]
    codes = sorted({p.code for p in problems})
    index = {code: i for i, code in enumerate(codes)}
    rules = [{"id": code, "name": code.replace("-", "_"),
              "shortDescription": {"text": code_title(code)(lang)}} for code in codes]
    results: list[dict[str, Any]] = []
    for p in problems:
        location: dict[str, Any] = {
            "physicalLocation": {
                "artifactLocation": {"uri": uri(p.file)},
                "region": {"startLine": p.line, "startColumn": p.column},
            },
        }
        if p.path:
            location["logicalLocations"] = [{"fullyQualifiedName": p.json_pointer}]
        results.append({
            "ruleId": p.code,
            "ruleIndex": index[p.code],
            "level": "error" if options.fails(p) else "warning",
            "message": {"text": p.message(lang)},
            "locations": [location],
        })
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": TOOL, "version": __version__,
                                "informationUri": INFO_URI, "rules": rules}},
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
