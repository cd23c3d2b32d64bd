#!/usr/bin/env python3
"""Recalculate a cscaudit scorecard with LibreOffice and compare its formulas with the audit.

The scorecard keeps the audit's figures as values (总览) and recomputes the same totals with
formulas (指标得分, and the overview's adjusted total and area scores). openpyxl writes
formulas without results, so this script lets LibreOffice compute them:

    soffice --headless --convert-to xlsx --outdir TMP scorecard.xlsx

(LibreOffice recalculates a workbook without cached results when it loads it), then reads
the recomputed workbook and checks every pair of named cells:

    CSC_AUDIT_<X>  (the engine's value)  ==  CSC_CALC_<X>  (the formula's result)

Usage: python scripts/recalc_xlsx.py SCORECARD.xlsx [--json RESULT.json] [--keep DIR]
Exit 0 when everything matches, 1 on a mismatch, 2 when LibreOffice or the file is missing.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PAIRS = (
    ("CSC_AUDIT_TOTAL", "CSC_CALC_TOTAL"),
    ("CSC_AUDIT_TOTAL", "CSC_CALC_TOTAL_OVERVIEW"),
    ("CSC_AUDIT_WITHOUT_WAIVERS", "CSC_CALC_WITHOUT_WAIVERS"),
    ("CSC_AUDIT_DENOMINATOR", "CSC_CALC_DENOMINATOR"),
    ("CSC_AUDIT_BONUS", "CSC_CALC_BONUS"),
    ("CSC_AUDIT_AREAS", "CSC_CALC_AREAS"),
)
JSON_KEYS = {"CSC_AUDIT_TOTAL": "total", "CSC_AUDIT_WITHOUT_WAIVERS": "total_without_waivers",
             "CSC_AUDIT_DENOMINATOR": "denominator", "CSC_AUDIT_BONUS": "bonus"}
TOLERANCE = 0.005


@dataclass(frozen=True)
class Check:
    audit: str
    calc: str
    expected: list[Any]
    found: list[Any]

    @property
    def ok(self) -> bool:
        return len(self.expected) == len(self.found) and all(
            isinstance(f, (int, float)) and abs(float(e) - float(f)) <= TOLERANCE
            for e, f in zip(self.expected, self.found, strict=True))


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def recalculate(path: Path, outdir: Path, timeout: float = 180) -> Path:
    """Convert `path` with LibreOffice headless into `outdir`; the copy has computed results."""
    return recalculate_many([path], outdir, timeout)[0]


def recalculate_many(paths: list[Path], outdir: Path, timeout: float = 180) -> list[Path]:
    """Convert several workbooks with one LibreOffice start (names must differ)."""
    soffice = find_soffice()
    if soffice is None:
        raise FileNotFoundError("soffice (LibreOffice) is not installed")
    profile = outdir / "lo-profile"  # a private profile: no clash with a running LibreOffice
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless",
         "--calc", "--convert-to", "xlsx", "--outdir", str(outdir), *map(str, paths)],
        check=True, capture_output=True, timeout=timeout)
    outs = [outdir / (path.stem + ".xlsx") for path in paths]
    for path, out in zip(paths, outs, strict=True):
        if not out.is_file():
            raise RuntimeError(f"LibreOffice wrote nothing for {path}")
    return outs


def named_values(workbook: Any, name: str) -> list[Any]:
    """The values of the cells a workbook-level name refers to, in reading order."""
    if name not in workbook.defined_names:
        return []
    values: list[Any] = []
    for sheet, ref in workbook.defined_names[name].destinations:
        cells = workbook[sheet][ref.replace("$", "")]
        rows = cells if isinstance(cells, tuple) else ((cells,),)
        for row in rows:
            values.extend(c.value for c in (row if isinstance(row, tuple) else (row,)))
    return values


def compare(original: Path, recalculated: Path, result_json: Path | None = None) -> list[Check]:
    from openpyxl import load_workbook

    static = load_workbook(original)
    computed = load_workbook(recalculated, data_only=True)
    checks = [Check(a, c, named_values(static, a), named_values(computed, c)) for a, c in PAIRS
              if named_values(static, a)]
    if result_json is not None:
        score = json.loads(result_json.read_text(encoding="utf-8"))["score"]
        checks += [Check("json:" + key, a, [score[key]], named_values(static, a))
                   for a, key in JSON_KEYS.items()]
        checks.append(Check("json:areas", "CSC_AUDIT_AREAS",
                            [a["score"] for a in score["areas"]],
                            named_values(static, "CSC_AUDIT_AREAS")))
    return checks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scorecard", type=Path)
    parser.add_argument("--json", type=Path, help="the audit's --json result, compared too")
    parser.add_argument("--keep", type=Path, help="keep the recalculated copy in this folder")
    args = parser.parse_args(argv)
    if not args.scorecard.is_file() or find_soffice() is None:
        print("scorecard or LibreOffice (soffice) missing", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        outdir = args.keep or Path(tmp)
        outdir.mkdir(parents=True, exist_ok=True)
        recalculated = recalculate(args.scorecard, outdir)
        checks = compare(args.scorecard, recalculated, args.json)
    for check in checks:
        mark = "ok  " if check.ok else "DIFF"
        print(f"{mark} {check.audit} = {check.expected}  {check.calc} = {check.found}")
    if not checks:
        print("no named totals found: is this a cscaudit scorecard?", file=sys.stderr)
        return 1
    return 0 if all(c.ok for c in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
