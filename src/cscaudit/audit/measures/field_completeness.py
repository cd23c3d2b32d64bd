"""field_completeness: the share of a table's records with every required field filled.

Params:
- `table` (required): the table, e.g. `service_ledger`.
- `fields` (required): the fields every record must fill.
- `required_when`: fields required only under a condition, e.g.
  `{completed_at: {field: status, in: [completed]}}` (a completion date for finished cases).
- `key_field`: the record id shown with the evidence (e.g. `case_id`).

Defect: a record with at least one required field empty (or unreadable: the reader reported
it as a data issue and left it empty). Checked: the records. Rate: complete / records.
An empty table is not applicable; a table not exported is an error.
Example: 500 cases of which 12 lack the handler: rate 97.6 %, one finding listing the rows.
"""

from __future__ import annotations

from typing import Any

from cscaudit.audit.measures.base import AuditContext, EvidenceCollector, IndicatorSpec
from cscaudit.audit.measures.common import (
    codes,
    empty_table,
    field_title,
    filled,
    measurement,
    missing_table,
    rate_of,
    table_absent,
    table_title,
)
from cscaudit.audit.model import Measurement
from cscaudit.i18n import t
from cscaudit.ingest.model import Record

ID = "field_completeness"
SUMMARY = t("某张表中必填项全部填写的记录所占比例。",
            "the share of a table's records with every required field filled.")
TABLES: tuple[str, ...] = (
    "staff", "roster", "service_ledger", "visits", "activities",
    "incidents", "drills", "surveys", "complaints",
)
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["table", "fields"],
    "properties": {
        "table": {"type": "string", "enum": list(TABLES)},
        "fields": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        "required_when": {
            "type": "object",
            "additionalProperties": {
                "type": "object", "additionalProperties": False, "required": ["field", "in"],
                "properties": {"field": {"type": "string"}, "in": {"type": "array"}},
            },
        },
        "key_field": {"type": "string"},
    },
}


class FieldCompleteness:
    def __init__(self, spec: IndicatorSpec, ctx: AuditContext) -> None:
        p = spec.params
        self.spec, self.ctx = spec, ctx
        self.table = str(p["table"])
        self.fields = list(p["fields"])
        self.when: dict[str, Any] = dict(p.get("required_when") or {})
        # (field, the field it depends on, the codes of that field that make it required)
        self.conditions = tuple((f, str(cond["field"]), frozenset(str(x) for x in cond["in"]))
                                for f, cond in self.when.items())
        self.key = p.get("key_field")
        self.tables: tuple[str, ...] = (self.table,)
        self.checked = 0
        self.incomplete = 0
        self.by_field: dict[str, EvidenceCollector] = {}

    def add(self, record: Record) -> None:
        if record.table != self.table:
            return
        v = record.values
        self.checked += 1
        lacking = [f for f in self.fields if not filled(v.get(f))]
        for f, on, allowed in self.conditions:
            if not allowed.isdisjoint(codes(v.get(on))) and not filled(v.get(f)):
                lacking.append(f)
        if lacking:
            self.incomplete += 1
            for f in lacking:
                self.by_field.setdefault(f, EvidenceCollector()).add(record, self.key)

    def finish(self) -> Measurement:
        if table_absent(self.ctx, self.table):
            return missing_table(self.table)
        if self.checked == 0:
            return empty_table(self.table)
        findings = [
            self.spec.finding(t(
                f"{table_title(self.table).zh}有 {ev.total} 条记录未填写“{field_title(self.table, f).zh}”",
                f"{ev.total} records of the {table_title(self.table).en} lack "
                f"'{field_title(self.table, f).en}'"), ev)
            for f, ev in sorted(self.by_field.items())
        ]
        good = self.checked - self.incomplete
        return measurement(self.checked, self.incomplete, findings, rate=rate_of(good, self.checked))


def start(spec: IndicatorSpec, ctx: AuditContext) -> FieldCompleteness:
    return FieldCompleteness(spec, ctx)
