"""Golden cases for every measure kind: `cases/<kind>.yaml`, one test per named case.

A case gives the kind's params (the kind's defaults filled in as checklist resolution fills
them: `params.fill_defaults`), the records (table -> rows of field values), and where
needed a center, standard, calendar or inspection entry; it expects the measurement
(checked, defects, rate, applicable, error, needs_review) and the findings (a substring of
the Chinese message, the evidence rows or keys, optionally the total and severity).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from cscaudit.facts import Facts
from cscaudit.facts.frames import FrameBuilder, build_tables, field_dtypes
from cscaudit.i18n import Text
from cscaudit.ingest.dictionary import load_dictionary
from cscaudit.ingest.model import Record, SourceRef
from cscaudit.measures.base import TABLE_ORDER, FrameKind, IndicatorSpec
from cscaudit.measures.params import fill_defaults
from cscaudit.measures.registry import REGISTRY
from cscaudit.results.context import AuditContext
from cscaudit.results.model import Measurement, Severity
from tests.audit.measures.fakes import FakeCalendar, fake_center, fake_standard

CASES = Path(__file__).parent / "cases"
CASE_KEYS = {"name", "params", "records", "tables_present", "center", "standard", "calendar", "inspection",
             "year", "expect"}


def load_cases() -> Iterator[Any]:
    for path in sorted(CASES.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in doc["cases"]:
            yield pytest.param(doc["kind"], case, id=f"{doc['kind']}:{case['name']}")


def _value(v: Any) -> Any:
    return tuple(v) if isinstance(v, list) else v


def records_of(raw: dict[str, list[dict[str, Any]]]) -> list[Record]:
    """Records in the engine's table order; rows numbered from 2 unless a row says `row:`."""
    out = []
    for table in sorted(raw, key=lambda tb: TABLE_ORDER.index(tb) if tb in TABLE_ORDER else 99):
        source = SourceRef(f"{table}.csv")
        for i, row in enumerate(raw[table]):
            values = {k: _value(v) for k, v in row.items() if k != "row"}
            out.append(Record(table, source, int(row.get("row", i + 2)), values))
    return out


def run_case(kind_id: str, case: dict[str, Any]) -> Measurement:
    kind = REGISTRY[kind_id]
    params = case.get("params") or {}
    jsonschema.validate(params, kind.PARAMS_SCHEMA)
    year = int(case.get("year", 2024))
    records = records_of(case.get("records") or {})
    present = case.get("tables_present")
    cal = case.get("calendar") or {}
    ctx = AuditContext(
        center=fake_center(case.get("center")), standard=fake_standard(case.get("standard")), year=year,
        period_start=dt.date(year, 1, 1), period_end=dt.date(year, 12, 31),
        calendar=FakeCalendar(cal.get("holidays"), cal.get("workdays")),
        tables_present=frozenset(present if present is not None else (case.get("records") or {})),
        inspection=case.get("inspection") or {},
    )
    spec = IndicatorSpec(id="X1", area="X", title=Text("测试", "test"), kind=kind_id,
                         params=fill_defaults(kind.PARAMS_SCHEMA, params),
                         requirements=("N36735.0",), points=10, method="deduct", scoring={})
    return measure_frames(kind, spec, ctx, records)


def measure_frames(kind: FrameKind, spec: IndicatorSpec, ctx: AuditContext,
                   records: list[Record]) -> Measurement:
    """A ported kind's measurement: the case's records become frames as the engine builds
    them (typed by the field dictionary), then `measure` runs on them."""
    dtypes = field_dtypes(load_dictionary())
    reads = kind.reads(spec)
    builders = {table: FrameBuilder(table, dtypes.get(table, {})) for table in reads}
    for record in records:
        if record.table in builders:
            builders[record.table].add(record)
    tables = build_tables(builders.values(), dtypes)
    return kind.measure(spec, tables, Facts(tables, ctx), ctx)


@pytest.mark.parametrize(("kind_id", "case"), list(load_cases()))
def test_case(kind_id: str, case: dict[str, Any]) -> None:
    assert set(case) <= CASE_KEYS, f"unknown case keys: {set(case) - CASE_KEYS}"
    m = run_case(kind_id, case)
    expect = case["expect"]
    for name in ("checked", "defects", "applicable", "error", "needs_review"):
        if name in expect:
            assert getattr(m, name) == expect[name], f"{name}: {getattr(m, name)} != {expect[name]}"
    if "rate" in expect:
        assert (m.rate is None) == (expect["rate"] is None), f"rate {m.rate}"
        if expect["rate"] is not None:
            assert m.rate == pytest.approx(expect["rate"], abs=1e-3)
    if "measured" in expect:
        assert m.measured is not None and expect["measured"] in m.measured.zh
    if "reason" in expect:
        assert m.reason is not None and expect["reason"] in m.reason.zh
    for name in ("veto_grounds", "veto_cleared"):  # null, or a substring of the Chinese
        if name in expect:
            got_text = getattr(m, name)
            if expect[name] is None:
                assert got_text is None, got_text
            else:
                assert got_text is not None and expect[name] in got_text.zh and got_text.en
    if "findings" in expect:
        assert len(m.findings) == len(expect["findings"]), [f.message.zh for f in m.findings]
        for got, want in zip(m.findings, expect["findings"], strict=True):
            assert want["message"] in got.message.zh, got.message.zh
            assert got.message.en and got.indicator == "X1"
            if "rows" in want:
                assert [e.row for e in got.evidence] == want["rows"]
            if "keys" in want:
                assert [e.key for e in got.evidence] == want["keys"]
            if "total" in want:
                assert got.evidence_total == want["total"]
            if "severity" in want:
                assert got.severity == Severity(want["severity"])
            if "worker" in want:
                assert got.worker == want["worker"]


def test_every_kind_has_golden_cases() -> None:
    covered = {path.stem for path in CASES.glob("*.yaml")}
    assert set(REGISTRY) <= covered, sorted(set(REGISTRY) - covered)
