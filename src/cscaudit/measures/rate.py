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

import polars as pl

from cscaudit.facts import Facts
from cscaudit.facts.columns import filled, has_code, per_value
from cscaudit.facts.frames import Tables
from cscaudit.i18n import t
from cscaudit.ingest.model import CellValue
from cscaudit.measures.base import TABLE_ORDER, EvidenceCollector, IndicatorSpec, param_table
from cscaudit.measures.common import (
    codes,
    empty_table,
    field_title,
    measurement,
    missing_table,
    not_applicable,
    rate_of,
    table_absent,
    table_title,
)
from cscaudit.results.context import AuditContext
from cscaudit.results.model import Finding, Measurement

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


def matches(value: CellValue, wanted: CellValue) -> bool:
    if isinstance(wanted, bool) or isinstance(value, bool):
        return value is wanted
    if isinstance(value, (list, tuple)):
        return str(wanted) in codes(value)
    return value == wanted or str(value) == str(wanted)


def is_good(frame: pl.DataFrame, name: str, wanted: CellValue) -> pl.Expr:
    """True where the cell `matches` `wanted`: a list of codes carrying it, any other cell as
    `matches` compares it (asked once per distinct value)."""
    if isinstance(frame.schema[name], pl.List):
        if isinstance(wanted, bool):
            return pl.lit(False)
        carries = pl.col(name).list.contains(str(wanted)).fill_null(False)
        return carries | pl.col(name).is_null() if matches(None, wanted) else carries
    return per_value(frame, name, lambda value: matches(value, wanted))


def exported_with(tables: Tables, table: str, name: str) -> pl.Expr:
    """True on the rows of the exports of `table` that have a column for `name`."""
    with_it = pl.lit(False)
    for (file, sheet), fields in tables.fields_of(table).items():
        if name in fields:
            with_it = with_it | ((pl.col("_file") == file) & pl.col("_sheet").eq_missing(sheet))
    return with_it


reads = param_table


def measure(spec: IndicatorSpec, tables: Tables, facts: Facts, ctx: AuditContext) -> Measurement:
    p = spec.params
    (table,), name, equals = reads(spec), str(p["field"]), p["equals"]
    if table_absent(ctx, table):
        return missing_table(table)
    where = {str(k): {str(x) for x in vs} for k, vs in dict(p.get("where") or {}).items()}
    records = tables.frame(table, name, *where, p.get("key_field"))
    selected = records.filter(pl.all_horizontal(
        pl.lit(True), *(has_code(records, k, allowed) for k, allowed in where.items())))
    # an export without the column has nothing to judge: its rows are not answers of 否
    exported = exported_with(tables, table, name)
    judged = selected.filter(exported)
    without_column = selected.height - judged.height
    if p["missing"] == "skip":
        judged = judged.filter(filled(judged, name))
    if judged.height == 0 and without_column:
        column = field_title(table, name)
        return not_applicable(t(
            f"{table_title(table).zh}的导出没有“{column.zh}”列：未考核（不计分）；"
            "如需考核，请在导出中加上该列",
            f"the {table_title(table).en} export has no '{column.en}' column: not "
            "judged (no points either way); add the column to judge it"))
    if judged.height == 0:
        return empty_table(table)
    bad = EvidenceCollector()
    bad.add_frame(judged.filter(~is_good(judged, name, equals)), table, p.get("key_field"))
    findings: list[Finding] = []
    if bad.total:
        zh = {True: "是", False: "否"}.get(equals, str(equals)) if isinstance(equals, bool) \
            else str(equals)
        findings.append(spec.finding(t(
            f"{table_title(table).zh}有 {bad.total} 条记录的"
            f"“{field_title(table, name).zh}”不为「{zh}」",
            f"{bad.total} records of the {table_title(table).en} have "
            f"'{field_title(table, name).en}' other than {equals}"),
            evidence=bad))
    return measurement(judged.height, bad.total, findings=findings,
                       rate=rate_of(judged.height - bad.total, judged.height))
