"""The audit year: center.yaml's `year:` read as an integer even when written `2024.0`, and
`--year` held to the same bounds as center.yaml (exit 2 with a message, no traceback)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cscaudit.cli.app import app
from cscaudit.config.center import YEAR_MAX, YEAR_MIN, integral_year, load_center
from cscaudit.engine.audit import AuditOptions, _audit_year
from cscaudit.errors import ConfigError
from cscaudit.resources import data_root

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "centers"
BEIJING = SAMPLES / "beijing-changping-xinyuan"


@pytest.mark.parametrize(("value", "year"), [
    (2024, 2024), (2024.0, 2024), (2024.5, None), (True, None), ("2024", None), (None, None),
])
def test_integral_year(value: object, year: int | None) -> None:
    assert integral_year(value) == year


def test_a_float_year_in_center_yaml_is_that_year(tmp_path: Path) -> None:
    center = tmp_path / BEIJING.name
    shutil.copytree(BEIJING, center)
    yaml = center / "center.yaml"
    text = yaml.read_text(encoding="utf-8")
    assert "\nyear: 2024\n" in text
    yaml.write_text(text.replace("\nyear: 2024\n", "\nyear: 2024.0\n"), encoding="utf-8")
    loaded = load_center(center)
    assert loaded.year == 2024
    assert _audit_year(AuditOptions(), loaded) == 2024


def test_year_bounds_are_the_schemas() -> None:
    schema = json.loads((data_root() / "standards" / "schema" / "center.schema.json")
                        .read_text(encoding="utf-8"))
    year = schema["properties"]["year"]
    assert (year["minimum"], year["maximum"]) == (YEAR_MIN, YEAR_MAX)


@pytest.mark.parametrize("year", [0, YEAR_MIN - 1, YEAR_MAX + 1, 99999])
def test_audit_options_reject_a_year_out_of_range(year: int) -> None:
    with pytest.raises(ConfigError) as info:
        AuditOptions(year=year)
    assert f"{YEAR_MIN}" in info.value.message.zh and f"{YEAR_MAX}" in info.value.message.en


@pytest.mark.parametrize("command", ["audit", "assess"])
@pytest.mark.parametrize("year", ["0", "99999"])
def test_bad_year_on_the_command_line_exits_2(command: str, year: str, tmp_path: Path) -> None:
    target = BEIJING if command == "audit" else SAMPLES.parent / "district"
    run = CliRunner().invoke(app, [command, str(target), "--no-xlsx", "-q", "--year", year,
                                   "--lang", "en"])
    assert run.exit_code == 2, run.output
    assert not isinstance(run.exception, ValueError)
    assert "Traceback" not in run.output
    assert f"--year {year} is out of range" in run.output
