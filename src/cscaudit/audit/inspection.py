"""Inspection findings (kind: inspection-findings): what an inspector judged on site.

`load_inspection_findings(path)` validates the file and returns, per indicator id, the
entry the `inspection_item` measure kind reads: `result` (pass, partial, fail,
not_applicable), `note`, `evidence` (photo or document references) and `file` (the findings
file, shown as the evidence's source). A result given twice for one indicator is an error.
`discover_findings(center_root)` finds a center's own findings file when `--findings` is not
given: `inspection-findings.yaml` in the center folder. A `.xlsx` file is the on-site form
(`cscaudit template findings`), read by `inspection_form`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cscaudit.errors import ConfigError
from cscaudit.i18n import t

FINDINGS_FILE = "inspection-findings.yaml"


def discover_findings(center_root: Path) -> Path | None:
    """The center's inspection-findings file, `inspection-findings.yaml` beside center.yaml."""
    path = Path(center_root) / FINDINGS_FILE
    return path if path.is_file() else None


def load_inspection_findings(path: Path) -> dict[str, dict[str, Any]]:
    from cscaudit.documents import load_document

    if Path(path).suffix.lower() in (".xlsx", ".xlsm"):
        from cscaudit.audit.inspection_form import read_findings_form

        return read_findings_form(Path(path))
    loaded = load_document(path, "inspection-findings")
    entries: dict[str, dict[str, Any]] = {}
    for i, result in enumerate(loaded.data.get("results") or ()):
        indicator = str(result["indicator"])
        if indicator in entries:
            line, col = loaded.locate(("results", i, "indicator"))
            raise ConfigError(t(f"指标 {indicator} 的检查结果重复出现；每个指标只能记录一次",
                                f"indicator {indicator} has two results; record each indicator once"),
                              file=str(path), line=line, column=col)
        entries[indicator] = {
            "result": result["result"],
            "note": result.get("note"),
            "evidence": tuple(result.get("evidence") or ()),
            "file": Path(path).name,
        }
    return entries
