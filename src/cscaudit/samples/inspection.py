"""The inspection-findings file of a generated center whose ledger was made up.

Signs of made-up ledgers are 疑点 to verify: the audit vetoes only what an on-site check
confirms (or signals that are widespread). A generated center showing signs of at least
`CONFIRMED_KINDS` integrity kinds is one the street's inspectors checked on site: its
`inspection-findings.yaml` (found by the audit beside center.yaml) records the phone
verification of sampled visits (R2 of gbt36735-onsite) as failed, so the district holds
honest centers, centers with 疑点 pending and vetoed ones.
"""

from __future__ import annotations

from pathlib import Path

from cscaudit.ingest.inspection import FINDINGS_FILE
from cscaudit.samples.defects import BY_ID
from cscaudit.samples.exports import PlantedRow
from cscaudit.samples.model import CenterSpec
from cscaudit.samples.writers import atomic_write

CONFIRMED_KINDS = 2


def write_inspection_findings(spec: CenterSpec, center_dir: Path,
                              planted: list[PlantedRow]) -> bool:
    """Write the center's findings file when its planted signs are confirmed; whether it did."""
    kinds = {p.kind for p in planted if BY_ID[p.kind].integrity}
    if len(kinds) < CONFIRMED_KINDS:
        return False
    lines = [
        "# yaml-language-server: $schema=https://cscaudit.github.io/schema/1/inspection-findings.schema.json",
        "kind: inspection-findings", "schema_version: 1", f"center: {spec.id}",
        f'inspected_on: "{spec.year + 1}-01-10"', f"inspectors: [{spec.street}社区建设办公室]",
        "checklist: gbt36735-onsite", "results:",
        "  - indicator: R2", "    result: fail",
        "    note: {zh: 抽取 5 条走访记录电话回访，多户称当日无人上门, "
        'en: "Of 5 sampled visits phoned back, several households say nobody came that day"}',
    ]
    atomic_write(center_dir / FINDINGS_FILE, ("\n".join(lines) + "\n").encode())
    return True
