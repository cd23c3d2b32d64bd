"""Readers fed random bytes: an InputError or records, never a crash."""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cscaudit.errors import InputError
from cscaudit.ingest import TableSource, load_dictionary, open_table

HEADER = "走访日期,走访人,户号,走访内容\n".encode()


def _consume(path: Path) -> None:
    try:
        with open_table(TableSource("visits", path), load_dictionary()) as reader:
            for record in reader.records():
                assert record.row >= 1
            stats = reader.stats
            assert stats.rows_read == stats.rows_parsed + stats.skipped
    except InputError:
        pass


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000), st.booleans())
def test_csv_random_bytes(data: bytes, with_header: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "visits.csv"
        path.write_bytes((HEADER if with_header else b"") + data)
        _consume(path)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_xlsx_random_bytes(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "visits.xlsx"
        path.write_bytes(data)
        _consume(path)
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("xl/workbook.xml", data)
            zf.writestr("xl/worksheets/sheet1.xml", data)
        _consume(path)
