"""Chinese output speaks Chinese: no field, table, center.yaml or catalogue key (`summary_on`,
`postings`, `first_contact`) in the text the tool writes for people. Input-derived text
(file names such as exports/service_ledger.xlsx, sheet names, record ids) is the user's and
not scanned, nor are dotted center.yaml paths an instruction tells the user to write
(`exports.tables.columns`)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from typer.testing import CliRunner

from cscaudit.cli.app import app
from cscaudit.config.schemas import schema_for
from cscaudit.config.standard import load_standard
from cscaudit.ingest.dictionary import load_dictionary

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "centers"
CENTERS = sorted(p for p in SAMPLES.iterdir() if (p / "center.yaml").is_file()) \
    if SAMPLES.is_dir() else []
WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")
CATALOGUES = ("postings", "amenities", "zones", "categories", "service_items")


def internal_keys() -> set[str]:
    fields = load_dictionary()
    keys = set(fields.tables) | {f for spec in fields.tables.values() for f in spec.fields}
    keys |= set(schema_for("center")["properties"])
    standard = load_standard()
    for name in CATALOGUES:
        entries = getattr(standard, name, None)
        if isinstance(entries, dict):
            keys |= set(entries)
    return keys


def _json_texts(data: dict) -> list[str]:  # type: ignore[type-arg]
    texts = [*data["warnings"]]
    for f in data["findings"]:
        texts += [f["message"], f["rectification"] or ""]
    for i in data["indicators"]:
        texts += [i["title"], i["reason"] or "", i["measured"] or ""]
    texts += [d["message"] or "" for d in data["data_issues"]]
    return texts


def _sheet_texts(path: Path) -> list[str]:
    wb = load_workbook(path, read_only=True)
    texts = [str(v) for ws in ("总览", "附录") for row in wb[ws].iter_rows(values_only=True)
             for v in row if isinstance(v, str)]
    for ws, cols in (("整改清单", (0, 2, 4, 9)), ("指标得分", (2, 4, 8, 10, 11))):
        for row in wb[ws].iter_rows(values_only=True):
            texts += [str(row[c]) for c in cols if isinstance(row[c], str)]
    wb.close()
    return [t for t in texts if not t.startswith(("exports/", "center.yaml"))]


@pytest.mark.skipif(not CENTERS, reason="no sample centers")
def test_no_internal_keys_in_chinese_output(tmp_path: Path) -> None:
    keys = internal_keys()
    assert {"summary_on", "postings", "service_items", "visits"} <= keys
    leaks: dict[str, str] = {}
    for center in CENTERS:
        out = tmp_path / center.name
        out.mkdir()
        run = CliRunner().invoke(app, ["audit", str(center), "-o", str(out / "c.xlsx"),
                                       "--json", str(out / "r.json"), "--pdf",
                                       str(out / "c.pdf")])
        assert run.exit_code in (0, 1), run.output
        texts = _json_texts(json.loads((out / "r.json").read_text(encoding="utf-8")))
        texts += _sheet_texts(out / "c.xlsx")
        texts.append(PdfReader(out / "c.pdf").pages[0].extract_text())
        texts += [line for line in run.output.splitlines() if str(tmp_path) not in line]
        for export in sorted((center / "exports").iterdir()):
            shown = CliRunner().invoke(app, ["inspect", str(export)]).output
            texts += [line for line in shown.splitlines()
                      if line.startswith(" ") and "«" not in line]  # not the file [sheet]
        for text in texts:
            for word in WORD.findall(text):
                if word.strip(".") in keys:  # a dotted path is written as it is
                    leaks.setdefault(word, f"{center.name}: {text[:120]}")
    assert leaks == {}
