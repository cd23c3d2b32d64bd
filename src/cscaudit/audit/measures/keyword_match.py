"""keyword_match: records whose text mentions any of some keywords, e.g. a liability incident.

Meant for veto items read off free text: an incident summary saying 责任事故 or 被追责.

Params:
- `table` (required), `fields` (required): the text fields to search.
- `keywords` (required): words that mark a record.
- `date_field`: only records dated in the period (default: every record).
- `key_field`: the id shown with the evidence.

Checked: the records searched. Defect: a record mentioning a keyword. No record: not
applicable; the table missing: not applicable too (nothing recorded, nothing found).
Example: `{table: incidents, fields: [summary], keywords: [责任事故]}` with a summary
"电梯困人，经查为维保单位责任事故": 1 defect.
"""

from __future__ import annotations

from typing import Any

from cscaudit.audit.measures.base import TABLE_ORDER, AuditContext, EvidenceCollector, IndicatorSpec
from cscaudit.audit.measures.common import (
    as_date,
    in_period,
    measurement,
    not_applicable,
    table_absent,
    table_title,
)
from cscaudit.audit.model import Measurement
from cscaudit.i18n import t
from cscaudit.ingest.model import Record

ID = "keyword_match"
TABLES: tuple[str, ...] = TABLE_ORDER
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["table", "fields", "keywords"],
    "properties": {
        "table": {"enum": list(TABLE_ORDER)},
        "fields": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        "keywords": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
        "date_field": {"type": "string"},
        "key_field": {"type": "string"},
    },
}


class KeywordMatch:
    def __init__(self, spec: IndicatorSpec, ctx: AuditContext) -> None:
        p = spec.params
        self.spec, self.ctx = spec, ctx
        self.table = str(p["table"])
        self.tables: tuple[str, ...] = (self.table,)
        self.fields = list(p["fields"])
        self.keywords = list(p["keywords"])
        self.date_field = p.get("date_field")
        self.key = p.get("key_field")
        self.checked = 0
        self.hits = EvidenceCollector()

    def add(self, record: Record) -> None:
        if record.table != self.table:
            return
        v = record.values
        if self.date_field and not in_period(as_date(v.get(self.date_field)), self.ctx.period_start,
                                             self.ctx.period_end):
            return
        self.checked += 1
        text = " ".join(str(v.get(f)) for f in self.fields if v.get(f) is not None)
        if any(k in text for k in self.keywords):
            self.hits.add(record, self.key)

    def finish(self) -> Measurement:
        if table_absent(self.ctx, self.table) or self.checked == 0:
            return not_applicable(t(f"{table_title(self.table).zh}没有记录",
                                    f"no records in the {table_title(self.table).en}"))
        findings = []
        if self.hits.total:
            findings.append(self.spec.finding(t(
                f"{self.hits.total} 条记录提及：{'、'.join(self.keywords)}",
                f"{self.hits.total} records mention: {', '.join(self.keywords)}"), self.hits))
        return measurement(self.checked, self.hits.total, findings,
                           measured=t(f"命中 {self.hits.total} 条", f"{self.hits.total} matches"))


def start(spec: IndicatorSpec, ctx: AuditContext) -> KeywordMatch:
    return KeywordMatch(spec, ctx)
