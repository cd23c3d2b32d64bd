"""JUnit XML: one test case per file; errors fail it (warnings too under --strict), an
unreadable file is an error."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from cscaudit.i18n import Lang
from cscaudit.validate.reporters.base import ReportOptions, posix, severity_word
from cscaudit.validate.result import ValidationResult

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(text: str) -> str:
    """Drop characters XML 1.0 cannot hold (they may come from a broken input file)."""
    return _NOT_XML.sub("\ufffd", text)


def render_junit(result: ValidationResult, lang: Lang, options: ReportOptions) -> str:
    failures = sum(1 for f in result.files if options.file_failed(f) and not f.unreadable)
    errors = sum(1 for f in result.files if f.unreadable)
    suites = ET.Element("testsuites", name="cscaudit validate", tests=str(len(result.files)),
                        failures=str(failures), errors=str(errors))
    suite = ET.SubElement(suites, "testsuite", name="cscaudit validate",
                          tests=str(len(result.files)), failures=str(failures),
                          errors=str(errors), skipped="0")
    for f in result.files:
        case = ET.SubElement(suite, "testcase",
                             classname=_clean(f"cscaudit.validate.{f.kind or 'unknown'}"),
                             name=_clean(posix(f.path)))
        shown = [p for p in f.problems if options.shown(p)]
        body = "\n".join(f"{posix(p.file)}:{p.line}:{p.column}: "
                         f"{severity_word(p.severity, lang)} [{p.code}] {p.message(lang)}"
                         for p in shown)
        first = next((p for p in f.problems if p.severity == "error"),
                     next((p for p in f.problems if options.fails(p)), None))
        if first is not None:
            tag = "error" if f.unreadable else "failure"
            node = ET.SubElement(case, tag, message=_clean(first.message(lang)),
                                 type=_clean(first.code))
            node.text = _clean(body)
        elif body:
            ET.SubElement(case, "system-out").text = _clean(body)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
