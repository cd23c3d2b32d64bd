"""Residents' names in file and sheet names, masked wherever an audit result shows one.

The readers find the names (`cscaudit.ingest.label_names`: a value of a name column of the
same table that the file or sheet name holds); `hide_in_labels` masks each in the file and
sheet of every evidence row and data issue, in the data issues' messages (which may list
file names), in the inputs list and in the causes of an incomplete result. With no such name the result is returned unchanged.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from cscaudit.i18n import Text
from cscaudit.ingest.model import DataIssue
from cscaudit.ingest.pii import hide_names
from cscaudit.results.model import AuditResult, Cause, Evidence, Finding


def _text(message: Text, names: Collection[str]) -> Text:
    return Text(hide_names(message.zh, names), hide_names(message.en, names))


def _evidence(e: Evidence, names: Collection[str]) -> Evidence:
    return replace(e, file=hide_names(e.file, names),
                   sheet=hide_names(e.sheet, names) if e.sheet else e.sheet)


def _finding(f: Finding, names: Collection[str]) -> Finding:
    return replace(f, evidence=tuple(_evidence(e, names) for e in f.evidence))


def _issue(d: DataIssue, names: Collection[str]) -> DataIssue:
    return replace(d, file=hide_names(d.file, names),
                   sheet=hide_names(d.sheet, names) if d.sheet else d.sheet,
                   message=_text(d.message, names))


def _cause(c: Cause, names: Collection[str]) -> Cause:
    return replace(c, file=hide_names(c.file, names) if c.file else c.file,
                   what=_text(c.what, names))


def hide_in_labels(result: AuditResult, names: Collection[str]) -> AuditResult:
    """`result` with every one of `names` masked in file and sheet names."""
    if not names:
        return result
    return replace(
        result,
        findings=tuple(_finding(f, names) for f in result.findings),
        data_issues=tuple(_issue(d, names) for d in result.data_issues),
        inputs=tuple(replace(i, path=hide_names(i.path, names)) for i in result.inputs),
        completeness=replace(result.completeness, causes=tuple(
            _cause(c, names) for c in result.completeness.causes)),
    )
