"""Reporters for `cscaudit validate`: each turns a `ValidationResult` into a string.

`REPORTERS` is the explicit list of formats the CLI offers.
"""

from __future__ import annotations

from cscaudit.validate.reporters.base import Reporter, ReportOptions
from cscaudit.validate.reporters.github import render_github
from cscaudit.validate.reporters.json_report import render_json
from cscaudit.validate.reporters.junit import render_junit
from cscaudit.validate.reporters.sarif import render_sarif
from cscaudit.validate.reporters.text import render_text

REPORTERS: dict[str, Reporter] = {
    "text": render_text,
    "json": render_json,
    "github": render_github,
    "sarif": render_sarif,
    "junit": render_junit,
}

__all__ = ["REPORTERS", "ReportOptions", "Reporter"]
