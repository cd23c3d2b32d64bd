"""rate: the share of a table's records whose field has a given value.

Params:
- `table` (required), `field` (required): e.g. `service_ledger`, `one_visit`.
- `equals`: the value that counts as good (default `true`); for enum fields an enum code,
  for tag fields a tag code the record must carry.
- `where`: only records matching these fields, e.g. `{status: [completed]}`.
- `missing`: `defect` (an empty field counts against the rate, default) or `skip`.
- `key_field`: the record id shown with the evidence.

Defect: a record (matching `where`) whose field is not `equals`. Rate: good / checked.
An empty selection is not applicable; a table not exported is an error. An export that has
no column for `field` at all (an optional column the center's system does not record) is not
applicable, with that reason: its empty cells are not answers of 否.
Example: `{table: service_ledger, field: one_visit, where: {status: [completed]}}`: the
one-visit completion rate of finished cases.
"""

from __future__ import annotations

from typing import Any

from cscaudit.audit.measures.base import TABLE_ORDER, AuditContext, EvidenceCollector, IndicatorSpec
from cscaudit.audit.measures.common import (
    codes,
    empty_table,
    field_title,
    filled,
    measurement,
    missing_table,
    not_applicable,
    rate_of,
    table_absent,
    table_title,
)
from cscaudit.audit.model import Measurement
from cscaudit.i18n import t
from cscaudit.ingest.model import Record

ID = "rate"
SUMMARY = t("某张表中某一字段取规定值的记录所占比例。", "the share of a table's records whose field has a given value.")
TABLES: tuple[str, ...] = TABLE_ORDER
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["table", "field"],
    "properties": {
        "table": {"type": "string", "enum": list(TABLE_ORDER)},
        "field": {"type": "string"},
        "equals": {"type": ["boolean", "string", "number"], "default": True},
        "where": {"type": "object", "additionalProperties": {"type": "array"}},
        "missing": {"enum": ["defect", "skip"], "default": "defect"},
        "key_field": {"type": "string"},
    },
}


def matches(value: Any, wanted: Any) -> bool:
    if isinstance(wanted, bool) or isinstance(value, bool):
        return value is wanted
    if isinstance(value, (list, tuple)):
        return str(wanted) in codes(value)
    return value == wanted or str(value) == str(wanted)


class Rate:
    def __init__(self, spec: IndicatorSpec, ctx: AuditContext) -> None:
        p = spec.params
        self.spec, self.ctx = spec, ctx
        self.table, self.field = str(p["table"]), str(p["field"])
        self.equals = p["equals"]
        self.where = {k: {str(x) for x in vs} for k, vs in dict(p.get("where") or {}).items()}
        self.skip_missing = p["missing"] == "skip"
        self.key = p.get("key_field")
        self.tables: tuple[str, ...] = (self.table,)
        self.checked = 0
        self.without_column = 0  # records of an export that has no such column at all
        self.bad = EvidenceCollector()

    def add(self, record: Record) -> None:
        if record.table != self.table:
            return
        v = record.values
        for k, allowed in self.where.items():
            if allowed.isdisjoint(codes(v.get(k))):
                return
        if self.field not in v:  # the export has no such column: nothing to judge, not 否
            self.without_column += 1
            return
        value = v.get(self.field)
        if not filled(value) and self.skip_missing:
            return
        self.checked += 1
        if not matches(value, self.equals):
            self.bad.add(record, self.key)

    def finish(self) -> Measurement:
        if table_absent(self.ctx, self.table):
            return missing_table(self.table)
        if self.checked == 0 and self.without_column:
            column = field_title(self.table, self.field)
            return not_applicable(t(
                f"{table_title(self.table).zh}的导出没有“{column.zh}”列：未考核（不计分）；"
                "如需考核，请在导出中加上该列",
                f"the {table_title(self.table).en} export has no '{column.en}' column: not "
                "judged (no points either way); add the column to judge it"))
        if self.checked == 0:
            return empty_table(self.table)
        findings = []
        if self.bad.total:
            zh = {True: "是", False: "否"}.get(self.equals, str(self.equals)) if isinstance(self.equals, bool) \
                else str(self.equals)
            findings.append(self.spec.finding(t(
                f"{table_title(self.table).zh}有 {self.bad.total} 条记录的"
                f"“{field_title(self.table, self.field).zh}”不为「{zh}」",
                f"{self.bad.total} records of the {table_title(self.table).en} have "
                f"'{field_title(self.table, self.field).en}' other than {self.equals}"),
                self.bad))
        good = self.checked - self.bad.total
        return measurement(self.checked, self.bad.total, findings, rate=rate_of(good, self.checked))


def start(spec: IndicatorSpec, ctx: AuditContext) -> Rate:
    return Rate(spec, ctx)
