"""polars' code never runs for `validate` or `--help`, and does for `audit`
(`cscaudit.lazy_polars`). Each command runs in a fresh process that drives the CLI's `main`
and then reports, from inside, which of polars' own submodules were imported: a loaded polars
imports ~190 (`polars.dataframe`, `polars._plr`, ...), a deferred one none."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "centers" / "ningbo-yinzhou-heyue"

# Runs the CLI as `cscaudit ARGS...` would, then prints what polars left in sys.modules.
DRIVER = """
import json, sys
from cscaudit.cli.app import main
sys.argv = ["cscaudit", *sys.argv[1:]]
code = 0
try:
    main()
except SystemExit as exc:
    code = exc.code
print("\\n" + json.dumps({"exit": code,
                         "polars": sorted(m for m in sys.modules if m.startswith("polars."))}))
"""


def _run(*args: str) -> tuple[int, list[str]]:
    done = subprocess.run([sys.executable, "-c", DRIVER, *args], capture_output=True,
                          text=True, check=False, timeout=300)
    assert done.stdout.strip(), done.stderr[-2000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return report["exit"], report["polars"]


@pytest.mark.parametrize("args", [
    ("validate", str(ROOT / "checklists" / "gbt36735-annual.yaml")),
    ("validate", str(ROOT / "checklists" / "profiles" / "yinzhou-ningbo.yaml")),
    ("validate", str(SAMPLE / "center.yaml")),
    ("validate", str(SAMPLE)),
    ("--help",),
    ("audit", "--help"),
], ids=["checklist", "profile", "center.yaml", "center folder", "help", "audit help"])
def test_polars_code_never_runs(args: tuple[str, ...]) -> None:
    code, loaded = _run(*args)
    assert code in (0, None), f"cscaudit {' '.join(args)} exited {code}"
    assert loaded == [], f"cscaudit {' '.join(args)} ran polars' code: {loaded[:5]}"


def test_an_audit_loads_polars(tmp_path: Path) -> None:
    code, loaded = _run("audit", str(SAMPLE), "-o", str(tmp_path / "s.xlsx"))
    assert code in (0, 1, None)
    assert "polars.dataframe" in loaded


def test_a_module_level_use_of_pl_loads_it() -> None:
    """What the tests above would catch: `import polars` keeps polars deferred, however often
    it is repeated (every measure module does), and the first attribute read runs it."""
    script = ("import sys, cscaudit, polars, polars as pl\n"
              "before = [m for m in sys.modules if m.startswith('polars.')]\n"
              "pl.Int64()\n"
              "after = 'polars.dataframe' in sys.modules\n"
              "print(len(before), after, type(pl).__name__)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True, timeout=120)
    assert done.stdout.split() == ["0", "True", "module"]
