"""Compare two .xlsx workbooks as openpyxl reads them: is their content the same?

    python scripts/compare_workbooks.py OLD.xlsx NEW.xlsx [--limit 20]

Checks, sheet by sheet in order: the sheet names, order, kind and state (visible, hidden);
every cell of either sheet (value, data type, number format, font, fill, border, alignment,
protection, quote prefix, hyperlink); merged ranges; row heights and the other row and column
attributes (widths, hidden); freeze panes; auto filter; print titles and print area; page
set-up, print options, margins, header and footer; sheet properties; data validations;
conditional formats; the number of charts and images; then the workbook's defined names.
The package's bytes are not compared (its save time and zip layout differ on every save).

Prints each difference (up to `--limit`) and exits 1 on any, 0 when none.
Standard library and openpyxl only.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import tostring

from openpyxl import load_workbook
from openpyxl.descriptors.serialisable import Serialisable
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet


def _repr(value: object) -> str:
    """A style or setting object by its XML (its fields, never its identity)."""
    if not isinstance(value, Serialisable):
        return repr(value)
    tree = value.to_tree()
    return "<none>" if tree is None else tostring(tree, encoding="unicode")


def _cell(cell: Any) -> tuple[object, ...]:
    link = cell.hyperlink
    return (cell.value, cell.data_type, cell.number_format, _repr(cell.font),
            _repr(cell.fill), _repr(cell.border), _repr(cell.alignment),
            _repr(cell.protection), cell.quotePrefix,
            None if link is None else (link.ref, link.location, link.target, link.display))


def _dimensions(dims: Any) -> dict[object, str]:
    return {key: repr(sorted(dict(dim).items())) for key, dim in dims.items() if dict(dim)}


def _sheet_facts(ws: Worksheet) -> Iterator[tuple[str, object]]:
    yield "state", ws.sheet_state
    yield "merged", sorted(str(r) for r in ws.merged_cells.ranges)
    yield "rows", _dimensions(ws.row_dimensions)
    yield "columns", _dimensions(ws.column_dimensions)
    yield "freeze panes", ws.freeze_panes
    yield "auto filter", _repr(ws.auto_filter)
    yield "print titles", (ws.print_title_rows, ws.print_title_cols)
    yield "print area", ws.print_area
    yield "page setup", _repr(ws.page_setup)
    yield "print options", _repr(ws.print_options)
    yield "margins", _repr(ws.page_margins)
    yield "header and footer", _repr(ws.HeaderFooter)
    yield "sheet properties", _repr(ws.sheet_properties)
    yield "data validations", _repr(ws.data_validations)
    yield "conditional formats", sorted(
        (str(cf.sqref), [_repr(rule) for rule in cf.rules]) for cf in ws.conditional_formatting)
    yield "charts and images", (len(ws._charts), len(ws._images))  # type: ignore[attr-defined]


def differences(old: Workbook, new: Workbook) -> Iterator[str]:
    """Every difference between `old` and `new`, as one line each."""
    if old.sheetnames != new.sheetnames:
        yield f"sheets: {old.sheetnames} != {new.sheetnames}"
    for name in old.sheetnames:
        if name not in new.sheetnames:
            continue
        a, b = old[name], new[name]
        if type(a) is not type(b):
            yield f"{name}: {type(a).__name__} != {type(b).__name__}"
            continue
        if not isinstance(a, Worksheet) or not isinstance(b, Worksheet):
            continue
        for (what, left), (_, right) in zip(_sheet_facts(a), _sheet_facts(b), strict=True):
            if left != right:
                yield f"{name}: {what}: {left!r} != {right!r}"
        coordinates = sorted(set(a._cells) | set(b._cells))
        for row, column in coordinates:
            left_cell, right_cell = _cell(a.cell(row, column)), _cell(b.cell(row, column))
            if left_cell != right_cell:
                yield (f"{name}!{a.cell(row, column).coordinate}: "
                       f"{left_cell!r} != {right_cell!r}")
    names_a = {key: value.attr_text for key, value in old.defined_names.items()}
    names_b = {key: value.attr_text for key, value in new.defined_names.items()}
    if names_a != names_b:
        yield f"defined names: {names_a} != {names_b}"
    if old.active is not None and new.active is not None and old.active.title != new.active.title:
        yield f"active sheet: {old.active.title} != {new.active.title}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--limit", type=int, default=20, help="differences printed at most")
    args = parser.parse_args(argv)
    old, new = load_workbook(args.old), load_workbook(args.new)
    found = 0
    for found, line in enumerate(differences(old, new), start=1):
        if found <= args.limit:
            print(line)
    sheets = len(old.sheetnames)
    cells = sum(len(ws._cells) for ws in old.worksheets)
    if found:
        print(f"{found} differences ({sheets} sheets, {cells} cells in {args.old.name})")
        return 1
    print(f"identical: {sheets} sheets, {cells} cells, every setting compared")
    return 0


if __name__ == "__main__":
    sys.exit(main())
