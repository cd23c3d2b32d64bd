"""No output replaces a file the run reads (issue 11, item 1): `audit` and `assess` refuse,
exit 2 naming both paths, any `-o`/`--json` that is, or resolves to, one of their inputs,
and leave the input as it was."""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cscaudit.cli.app import app

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
NINGBO = SAMPLES / "centers" / "ningbo-yinzhou-heyue"
DISTRICT = SAMPLES / "district"


def _digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


@pytest.fixture(scope="module")
def center(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("outputs") / "C"
    shutil.copytree(NINGBO, root)
    (root / "exports" / "link-to-center.yaml").symlink_to(root / "center.yaml")
    os.link(root / "center.yaml", root / "hard-center.yaml")
    return root


def _symlink(center: Path) -> Path:
    return center / "exports" / "link-to-center.yaml"


def _hard_link(center: Path) -> Path:
    return center / "hard-center.yaml"


def _dotted(center: Path) -> Path:
    return center / "plans" / ".." / "center.yaml"


TARGETS: dict[str, tuple[str, Callable[[Path], Path], str]] = {
    # option, target, the input it is (relative to the center)
    "center.yaml": ("-o", lambda c: c / "center.yaml", "center.yaml"),
    "export": ("--json", lambda c: c / "exports" / "staff.xlsx", "exports/staff.xlsx"),
    "csv export": ("-o", lambda c: c / "exports" / "服务台账.csv", "exports/服务台账.csv"),
    "plan": ("--json", lambda c: c / "plans" / "停电应急预案.yaml", "plans/停电应急预案.yaml"),
    "symlink": ("--json", _symlink, "center.yaml"),
    "hard link": ("-o", _hard_link, "center.yaml"),
    "dot-dot": ("--json", _dotted, "center.yaml"),
}


@pytest.mark.parametrize("case", sorted(TARGETS))
def test_audit_refuses_an_output_that_is_an_input(center: Path, case: str) -> None:
    option, target_of, source = TARGETS[case]
    target = target_of(center)
    before = _digest(center)
    args = ["audit", str(center), "-q", option, str(target)]
    if option == "--json":
        args.append("--no-xlsx")
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert str(target) in result.output  # the output named ...
    assert str(center / source) in result.output  # ... and the input it would replace
    assert "覆盖" in result.output
    assert _digest(center) == before
    assert _symlink(center).is_symlink()
    assert not list(center.rglob("*.tmp"))


def test_audit_refuses_its_waivers_file_and_still_writes_elsewhere(center: Path,
                                                                   tmp_path: Path) -> None:
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text("kind: waivers\nschema_version: 1\nwaivers: []\n", encoding="utf-8")
    refused = CliRunner().invoke(app, ["audit", str(center), "-q", "--waivers", str(waivers),
                                       "--json", str(waivers), "--no-xlsx", "--lang", "en"])
    assert refused.exit_code == 2, refused.output
    assert "would replace" in refused.output and str(waivers) in refused.output
    assert waivers.read_text(encoding="utf-8").startswith("kind: waivers")
    fresh = tmp_path / "result.json"
    written = CliRunner().invoke(app, ["audit", str(center), "-q", "--json", str(fresh),
                                       "--no-xlsx"])
    assert written.exit_code in (0, 1), written.output
    assert fresh.read_text(encoding="utf-8").startswith("{")


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("district") / "D"
    shutil.copytree(DISTRICT, root)
    return root


@pytest.mark.parametrize("option", ["-o", "--json"])
def test_assess_refuses_its_district_yaml(district: Path, option: str) -> None:
    target = district / "district.yaml"
    before = target.read_bytes()
    other = ["--no-xlsx"] if option == "--json" else []
    result = CliRunner().invoke(app, ["assess", str(district), "--workers", "1", "-q",
                                      *other, option, str(target)])
    assert result.exit_code == 2, result.output
    assert result.output.count(str(target)) == 2
    assert target.read_bytes() == before


def test_assess_refuses_its_previous_json(district: Path, tmp_path: Path) -> None:
    previous = tmp_path / "last.json"
    first = CliRunner().invoke(app, ["assess", str(district), "--workers", "2", "-q",
                                     "--no-xlsx", "--json", str(previous)])
    assert first.exit_code in (0, 1), first.output
    before = previous.read_bytes()
    result = CliRunner().invoke(app, ["assess", str(district), "--workers", "2", "-q",
                                      "--no-xlsx", "--previous", str(previous), "--json",
                                      str(previous)])
    assert result.exit_code == 2, result.output
    assert result.output.count(str(previous)) == 2
    assert previous.read_bytes() == before


def test_assess_refuses_a_centers_export_after_reading_it(district: Path) -> None:
    """An export is known to be an input only once its center has been audited: the check
    before writing catches it."""
    export = district / "s02" / "c006" / "exports" / "办件台账.csv"
    before = _digest(district)
    result = CliRunner().invoke(app, ["assess", str(district), "--workers", "2", "-q",
                                      "--no-xlsx", "--json", str(export)])
    assert result.exit_code == 2, result.output
    assert str(export) in result.output
    assert _digest(district) == before
