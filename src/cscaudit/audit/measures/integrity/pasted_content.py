"""pasted_content: the same free-text visit content pasted across many visits.

The raw content text (走访内容 as written) is normalised — spaces and punctuation dropped —
and counted. A text is flagged when it recurs at least `min_repeats`
times and makes up at least `min_share` of all visits: a template every worker types
differs in details; a pasted paragraph does not.

Params:
- `min_repeats` (default 30), `min_share` (default 0.05).
- `min_length`: shorter texts (e.g. 正常) are not judged (default 8 characters).
- `max_texts`: distinct texts tracked, bounding memory (default 200000).
- `min_rows`: visits carrying a flagged text that make this check count towards the veto
  (default 1).

Checked: visits with content text. Defect: a visit carrying a flagged text. Needs the raw
text: without it (content given as codes only) the check is not applicable.
Example: "入户走访，了解家庭基本情况，宣传相关政策。" on 212 of 3,000 visits: flagged.
"""

from __future__ import annotations

import re
from typing import Any

from cscaudit.audit.measures.base import AuditContext, EvidenceCollector, IndicatorSpec
from cscaudit.audit.measures.common import measurement, not_applicable
from cscaudit.audit.model import Evidence, Measurement
from cscaudit.i18n import t
from cscaudit.ingest.model import Record, SourceRef

ID = "pasted_content"
TABLES: tuple[str, ...] = ("visits",)
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "min_repeats": {"type": "integer", "minimum": 2, "default": 30},
        "min_share": {"type": "number", "minimum": 0, "maximum": 1, "default": 0.05},
        "min_length": {"type": "integer", "minimum": 1, "default": 8},
        "max_texts": {"type": "integer", "minimum": 1, "default": 200000},
        "min_rows": {"type": "integer", "minimum": 1, "default": 1},
    },
}


_WORD = re.compile(r"[^\W_]+")


def normalise(text: str) -> str:
    """Letters and digits only: `入户走访， 了解情况。` -> `入户走访了解情况`.

    Pasted text is the same text; dropping spaces and punctuation is enough to see through
    a re-typed separator, and cheap enough for every visit."""
    return "".join(_WORD.findall(text))  # the same as deleting [\W_]+, about twice as fast


class PastedContent:
    def __init__(self, spec: IndicatorSpec, ctx: AuditContext) -> None:
        p = spec.params
        self.spec, self.ctx = spec, ctx
        self.min_repeats = int(p.get("min_repeats", 30))
        self.min_share = float(p.get("min_share", 0.05))
        self.min_length = int(p.get("min_length", 8))
        self.max_texts = int(p.get("max_texts", 200000))
        self.checked = 0
        self.counts: dict[str, int] = {}
        self.first: dict[str, tuple[SourceRef, int]] = {}  # where a text was first seen, until it recurs
        self.samples: dict[str, EvidenceCollector] = {}
        self.preview: dict[str, str] = {}

    def add(self, record: Record) -> None:
        raw = record.values.get("content_text")
        if not isinstance(raw, str) or not raw.strip():
            return
        self.checked += 1
        key = normalise(raw)
        if len(key) < self.min_length or (key not in self.counts and len(self.counts) >= self.max_texts):
            return
        count = self.counts.get(key, 0) + 1
        self.counts[key] = count
        if count == 1:
            self.first[key] = (record.source, record.row)
            return
        if count == 2:
            source, row = self.first.pop(key)
            self.samples[key] = EvidenceCollector(cap=10)
            self.samples[key].add_evidence(Evidence(source.file, source.sheet, row))
            self.preview[key] = raw.strip()[:40]
        self.samples[key].add(record)

    def finish(self) -> Measurement:
        if self.checked == 0:
            return not_applicable(t("走访记录没有原始内容文本", "visits carry no content text"))
        need = max(self.min_repeats, self.min_share * self.checked)
        flagged = sorted((k for k, n in self.counts.items() if n >= need), key=lambda k: -self.counts[k])
        findings = []
        for key in flagged:
            n = self.counts[key]
            findings.append(self.spec.finding(t(
                f"同一段走访内容「{self.preview[key]}」出现在 {n} 条记录中（占 {n / self.checked:.1%}）",
                f"the same visit text '{self.preview[key]}' appears on {n} visits ({n / self.checked:.1%})"),
                self.samples[key]))
        rows = sum(self.counts[k] for k in flagged)
        return measurement(self.checked, rows, findings)


def start(spec: IndicatorSpec, ctx: AuditContext) -> PastedContent:
    return PastedContent(spec, ctx)
