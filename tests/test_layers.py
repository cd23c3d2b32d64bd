"""The layers contract (pyproject.toml, `[tool.importlinter]`): imports point down.

import-linter reads the import graph of `src/cscaudit` and fails when a lower layer imports a
higher one (a core module importing a command package, say). A deliberate violation in a copy
of the sources proves the contract can fail; every top-level module must have a layer, so a
new one cannot slip past the contract unchecked.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = ROOT / "pyproject.toml"
NOT_LAYERED = {"__init__", "__main__"}  # the package itself and `python -m cscaudit`


def _lint(src: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    command = [str(lint_imports)] if lint_imports.exists() else ["lint-imports"]
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.run([*command, "--no-cache", "--no-logo", str(PYPROJECT)], cwd=cwd,
                          env=env, capture_output=True, text=True, check=False)


def _layered_names() -> set[str]:
    contracts = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"][
        "contracts"]
    layers = next(c for c in contracts if c["id"] == "layers")["layers"]
    return {name.strip() for layer in layers for name in layer.replace("|", ":").split(":")}


def test_the_sources_keep_the_layers_contract(tmp_path: Path) -> None:
    result = _lint(ROOT / "src", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_every_top_level_module_has_a_layer() -> None:
    package = ROOT / "src" / "cscaudit"
    modules = {p.stem for p in package.glob("*.py")} | {
        p.name for p in package.iterdir() if (p / "__init__.py").is_file()}
    assert modules - NOT_LAYERED - _layered_names() == set()
    assert _layered_names() - modules == set()  # no layer names a module that is gone


@pytest.mark.parametrize(("importer", "imported"), [
    ("cscaudit.ingest.pii", "cscaudit.report.console"),  # the core importing a command
    ("cscaudit.config.documents", "cscaudit.validate.engine"),
    ("cscaudit.validate.engine", "cscaudit.report.atomic"),  # siblings `a | b`
])
def test_a_lower_layer_importing_a_higher_one_breaks_the_contract(
        tmp_path: Path, importer: str, imported: str) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOT / "src" / "cscaudit", src / "cscaudit",
                    ignore=shutil.ignore_patterns("__pycache__"))
    module = src.joinpath(*importer.split("."))
    path = module / "__init__.py" if module.is_dir() else module.with_suffix(".py")
    with path.open("a", encoding="utf-8") as source:
        source.write(f"\nimport {imported}  # a deliberate violation\n")
    result = _lint(src, tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "0 kept, 1 broken" in result.stdout
    assert f"- {importer} -> {imported} (l." in result.stdout
