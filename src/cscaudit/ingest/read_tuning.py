"""`ReadTuning`: where `frame_reader` trades its column-wise machinery for plain Python.

Each polars call costs a fixed 30-300 µs whatever the rows, so the column-wise reader pays a
fixed cost per table and per column that the record reader (Python per row) does not; below
some size a table is cheaper read record by record, and a column with few distinct values
cheaper parsed value by value. The defaults are measured on the generated centers
(`bench/bench_read_tuning.py` shows the crossovers); `COLUMNAR` turns both shortcuts off,
for the tests that prove the column-wise path equal to the record reader on tiny inputs.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReadTuning:
    """Thresholds of the frame reader; 0 turns a shortcut off."""

    # a CSV file smaller than this (bytes on disk) is read by the record reader
    csv_records_below: int = 150_000
    # a workbook file smaller than this (bytes on disk, compressed) is read by the record
    # reader: the file's size is known before any sheet is opened
    workbook_records_below: int = 150_000
    # a column with at most this many distinct raw values is parsed by its Python parser,
    # value by value, without the fast rule
    few_distinct: int = 384


COLUMNAR = ReadTuning(csv_records_below=0, workbook_records_below=0, few_distinct=0)
