"""Reporters for `cscaudit validate`: each turns a `ValidationResult` into a string.

`REPORTERS` is the explicit list of formats the CLI offers. Each entry imports its module
only when used, so a run pays only for the format it prints.
"""

from __future__ import annotations

from cscaudit.i18n import Lang
from cscaudit.validate.reporters.base import Reporter, ReportOptions
from cscaudit.validate.result import ValidationResult


def text(result: ValidationResult, lang: Lang, options: ReportOptions) -> str:
    from cscaudit.validate.reporters.text import render_text

    return render_text(result, lang, options)


def json(result: ValidationResult, lang: Lang, options: ReportOptions) -> str:
    from cscaudit.validate.reporters.json_report import render_json

    return render_json(result, lang, options)


def github(result: ValidationResult, lang: Lang, options: ReportOptions) -> str:
    from cscaudit.validate.reporters.github import render_github

    return render_github(result, lang, options)


def sarif(result: ValidationResult, lang: Lang, options: ReportOptions) -> str:
    from cscaudit.validate.reporters.sarif import render_sarif

    return render_sarif(result, lang, options)


def junit(result: ValidationResult, lang: Lang, options: ReportOptions) -> str:
    from cscaudit.validate.reporters.junit import render_junit

    return render_junit(result, lang, options)


REPORTERS: dict[str, Reporter] = {
    "text": text,
    "json": json,
    "github": github,
    "sarif": sarif,
    "junit": junit,
}

__all__ = ["REPORTERS", "ReportOptions", "Reporter"]
