"""End to end: `cscaudit audit` on each sample center through the CLI; the workbook, the
JSON and the terminal text agree, and none of them leaks personal data or input formulas."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from cscaudit.cli.app import app
from cscaudit.config.schemas import validator_for

from .scan import leaks
from .test_recalc import _script

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "centers"
CENTERS = sorted(p for p in SAMPLES.iterdir() if (p / "center.yaml").is_file()) \
    if SAMPLES.is_dir() else []


@pytest.fixture(scope="module")
def audits(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    out = tmp_path_factory.mktemp("e2e")
    runs = []
    for center in CENTERS:
        xlsx, result = out / f"{center.name}.xlsx", out / f"{center.name}.json"
        details = out / f"{center.name}.csv"
        run = CliRunner().invoke(app, ["audit", str(center), "-o", str(xlsx),
                                       "--json", str(result), "--details", str(details)])
        runs.append({"center": center, "xlsx": xlsx, "json": result, "csv": details,
                     "run": run})
    return runs


pytestmark = pytest.mark.skipif(not CENTERS, reason="no sample centers")


def test_outputs_agree(audits: list[dict[str, Any]]) -> None:
    for a in audits:
        assert a["run"].exit_code in (0, 1), a["run"].output
        data = json.loads(a["json"].read_text(encoding="utf-8"))
        assert list(validator_for("audit-result").iter_errors(data)) == []
        wb = load_workbook(a["xlsx"])
        suspicions = ["疑点核实"] if data["score"]["veto"] != "none" else []
        assert wb.sheetnames == ["总览", "指标得分", "整改清单", "问题明细", *suspicions, "社工",
                                 "数据质量", "附录"]
        named = {n: wb[s][r.replace("$", "")].value
                 for n in ("CSC_AUDIT_TOTAL", "CSC_AUDIT_WITHOUT_WAIVERS", "CSC_AUDIT_BONUS",
                           "CSC_AUDIT_DENOMINATOR")
                 for s, r in wb.defined_names[n].destinations}
        score = data["score"]
        assert named == {"CSC_AUDIT_TOTAL": score["total"],
                         "CSC_AUDIT_WITHOUT_WAIVERS": score["total_without_waivers"],
                         "CSC_AUDIT_BONUS": score["bonus"],
                         "CSC_AUDIT_DENOMINATOR": score["denominator"]}
        ids = [row[1] for row in wb["指标得分"].iter_rows(min_row=2, values_only=True)
               if row[0] is not None]
        assert ids == [i["id"] for i in data["indicators"]]
        topics = {f["indicator"] for f in data["findings"]}
        assert len(topics) + 2 <= wb["整改清单"].max_row <= len(data["findings"]) + 2
        issues, links = len(data["data_issues"]), data["links"]
        assert wb["数据质量"].max_row == issues + 1 + (2 + 1 + len(links) if links else 0)
        for n, entry in enumerate(links):  # the link table below the issues, one row a table
            row = [c.value for c in wb["数据质量"][issues + 5 + n]][:7]
            by_key = entry["by_key"]
            assert row == [entry["table"], entry["rows"], by_key["id"], by_key["address"],
                           by_key["person"], entry["unlinked"], entry["rate"]]
        names = [r[1] for r in wb["社工"].iter_rows(min_row=2, max_col=2, values_only=True)
                 if r[1] is not None]
        assert sorted(names) == sorted(w["worker"] for w in data["workers"])
        assert f"{score['total']:g} / {score['max']:g}" in a["run"].output


def test_nothing_leaks(audits: list[dict[str, Any]]) -> None:
    for a in audits:
        wb = load_workbook(a["xlsx"])
        cells = [c for ws in wb for row in ws.iter_rows() for c in row if c.value is not None]
        text = "\n".join(str(c.value) for c in cells)
        assert leaks(text) == [] and leaks(a["json"].read_text(encoding="utf-8")) == []
        assert leaks(a["run"].output) == []
        formulas = [c for c in cells if c.data_type == "f"]
        assert all(c.column_letter in "BDEFHMP" for c in formulas)  # only the scorecard's own


def test_every_defective_row_is_listed(audits: list[dict[str, Any]]) -> None:
    """The 问题明细, the CSV and the JSON list the same rows, all of them."""
    import csv

    for a in audits:
        data = json.loads(a["json"].read_text(encoding="utf-8"))
        assert all(len(f["evidence"]) == f["evidence_total"] for f in data["findings"]
                   if not f["message"].startswith("同一段走访内容"))  # pasted text: a sample
        wb = load_workbook(a["xlsx"], read_only=True)
        sheet = [tuple(row) for row in wb["问题明细"].iter_rows(values_only=True)]
        raw = a["csv"].read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for Excel
        rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
        assert rows[0] == [str(v) for v in sheet[0]] and len(rows) == len(sheet)
        assert len(sheet) - 1 == sum(max(1, len(f["evidence"])) for f in data["findings"])
        assert [r[0] for r in rows[1:]] == [str(n) for n in range(1, len(rows))]
        listed = {(r[1], r[3], r[5]) for r in rows[1:]}
        for f in data["findings"]:
            for e in f["evidence"]:
                assert (f["indicator"], e["file"], "" if e["row"] is None else str(e["row"])
                        ) in listed
        wb.close()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_agrees(audits: list[dict[str, Any]], tmp_path: Path) -> None:
    recalc = _script()
    computed = recalc.recalculate_many([a["xlsx"] for a in audits], tmp_path)
    for a, done in zip(audits, computed, strict=True):
        checks = recalc.compare(a["xlsx"], done, a["json"])
        assert checks and all(c.ok for c in checks), [c for c in checks if not c.ok]
