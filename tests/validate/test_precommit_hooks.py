"""The pre-commit hook definition is valid and selects the documents cscaudit checks."""

from __future__ import annotations

import re
from pathlib import Path

from cscaudit.config.yamlio import load_yaml

ROOT = Path(__file__).resolve().parents[2]


def test_hook_runs_validate_on_configuration_files_only() -> None:
    [hook] = load_yaml(ROOT / ".pre-commit-hooks.yaml").data
    assert hook["id"] == "cscaudit-validate"
    assert hook["entry"] == "cscaudit validate"
    assert hook["language"] == "python"
    assert hook["require_serial"] is True
    files = re.compile(hook["files"])
    selected = ["center.yaml", "samples/centers/a/center.yaml", "samples/centers/a/plans/flood.yaml",
                "checklists/gbt36735-annual.yaml", "checklists/profiles/beijing.yaml",
                "waivers.yaml", "config/waivers-2024.yml", "district.yaml"]
    ignored = [".github/workflows/ci.yaml", ".pre-commit-config.yaml", "docs/mkdocs.yml",
               "center.yaml.bak"]
    assert [p for p in selected if not files.search(p)] == []
    assert [p for p in ignored if files.search(p)] == []
