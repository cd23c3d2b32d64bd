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

import polars as pl

from cscaudit.facts import Facts
from cscaudit.facts.columns import filled, has_code, rows_by_reason
from cscaudit.facts.frames import Tables
from cscaudit.i18n import t
from cscaudit.measures.base import EvidenceCollector, IndicatorSpec, param_table
from cscaudit.measures.common import (
    empty_table,
    field_title,
    measurement,
    missing_table,
    rate_of,
    table_absent,
    table_title,
)
from cscaudit.results.context import AuditContext
from cscaudit.results.model import Measurement

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


reads = param_table


def measure(spec: IndicatorSpec, tables: Tables, facts: Facts, ctx: AuditContext) -> Measurement:
    (table,) = reads(spec)
    if table_absent(ctx, table):
        return missing_table(table)
    fields = [str(name) for name in spec.params["fields"]]
    # (field, the field it depends on, the codes of that field that make it required)
    conditions = [(name, str(rule["field"]), {str(code) for code in rule["in"]})
                  for name, rule in dict(spec.params.get("required_when") or {}).items()]
    records = tables.frame(table, *fields, *(f for f, on, _ in conditions),
                           *(on for _, on, _ in conditions), spec.params.get("key_field"))
    if records.height == 0:
        return empty_table(table)
    reasons = [(name, ~filled(records, name)) for name in fields]
    reasons += [(name, has_code(records, on, allowed) & ~filled(records, name))
                for name, on, allowed in conditions]
    # each condition evaluated once, as a column the count and the evidence both read
    marks = [f"_missing{i}" for i in range(len(reasons))]
    marked = records.with_columns(condition.alias(mark)
                                  for mark, (_, condition) in zip(marks, reasons, strict=True))
    incomplete = marked.filter(pl.any_horizontal(marks)).height
    key = spec.params.get("key_field")
    by_field: dict[str, EvidenceCollector] = {}
    for name, rows in rows_by_reason(marked, [(name, pl.col(mark)) for mark, (name, _)
                                              in zip(marks, reasons, strict=True)]):
        by_field[name] = EvidenceCollector()
        by_field[name].add_frame(rows, table, key)
    findings = [
        spec.finding(t(
            f"{table_title(table).zh}有 {ev.total} 条记录未填写“{field_title(table, f).zh}”",
            f"{ev.total} records of the {table_title(table).en} lack "
            f"'{field_title(table, f).en}'"), evidence=ev)
        for f, ev in sorted(by_field.items())
    ]
    good = records.height - incomplete
    return measurement(records.height, incomplete, findings=findings,
                       rate=rate_of(good, records.height))
