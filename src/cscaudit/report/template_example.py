"""The example row of an input template: one plausible value per field, marked so the
readers skip it (`row_checks.EXAMPLE_MARK` in the first cell)."""

from __future__ import annotations

import datetime as dt

from cscaudit.ingest.dictionary import FieldDictionary, FieldSpec
from cscaudit.ingest.row_checks import EXAMPLE_MARK
from cscaudit.ingest.values import id_check_digit

ExampleValue = str | int | float | dt.date

_ID_FIRST17 = "11010119900307757"  # a made-up number with a valid check digit
_BY_TYPE: dict[str, ExampleValue] = {
    "date": dt.date(2024, 3, 5), "datetime": dt.datetime(2024, 3, 5, 14, 30), "int": 3,
    "number": 2.5, "bool": "是", "id_number": _ID_FIRST17 + id_check_digit(_ID_FIRST17),
    "phone": "13800000000",
}


def example_value(spec: FieldSpec, dictionary: FieldDictionary) -> ExampleValue:
    """A value of the field's type a reader accepts."""
    if spec.type in _BY_TYPE:
        return _BY_TYPE[spec.type]
    if spec.type == "tags" and spec.vocabulary == "content":
        return "政策宣传、健康状况"
    labels = [names[0] for names in dictionary.labels_for(spec).values() if names]
    if spec.type == "tags" and len(labels) > 1:
        return "、".join(labels[:2])
    if labels:
        return labels[0]
    if spec.unique:
        return "001"
    if spec.pii == "name":
        return "张三"
    return "示例"


def example_row(specs: list[FieldSpec], dictionary: FieldDictionary) -> list[ExampleValue]:
    """One cell per column; the first carries the example mark before its value."""
    row = [example_value(spec, dictionary) for spec in specs]
    if row:
        first = row[0]
        shown = first.isoformat() if isinstance(first, dt.date) else str(first)
        row[0] = f"{EXAMPLE_MARK}{shown}"
    return row
