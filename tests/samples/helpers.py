"""Reading generated files back in tests, independently of the project's readers."""

from __future__ import annotations

import csv
import io
from pathlib import Path


def read_rows(path: Path, sheet: str | None = None) -> dict[int, list[str]]:
    """Rows of a CSV or XLSX file keyed by the row number a user sees (1-based)."""
    if path.suffix.lower() == ".xlsx":
        from python_calamine import CalamineWorkbook

        book = CalamineWorkbook.from_path(str(path))
        data = book.get_sheet_by_name(sheet or book.sheet_names[0]).to_python(
            skip_empty_area=False)
        return {i: [_text(v) for v in row] for i, row in enumerate(data, start=1)}
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise AssertionError(f"{path}: neither UTF-8 nor GB18030")
    return dict(enumerate(csv.reader(io.StringIO(text, newline="")), start=1))


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}
