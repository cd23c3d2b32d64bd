"""`--previous`: non-finite numbers never reach the run JSON; hostile files are input errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cscaudit.cli.app import app
from cscaudit.engine.district.inputs import load_previous
from cscaudit.errors import InputError
from tests.assess.conftest import make_district


def test_nan_and_infinity_count_as_missing(tmp_path: Path) -> None:
    last = tmp_path / "last.json"
    last.write_text('{"ranking": [{"rank": 1, "composite": NaN, "center": {"id": "a"}},'
                    ' {"rank": true, "composite": Infinity, "center": {"id": "b"}},'
                    ' {"rank": 3, "composite": -Infinity, "center": {"id": "c"}}]}',
                    encoding="utf-8")
    previous = load_previous(last)
    assert [previous[c].composite for c in "abc"] == [None, None, None]
    assert previous["b"].rank is None


def test_deeply_nested_file_is_an_input_error(tmp_path: Path) -> None:
    last = tmp_path / "deep.json"
    last.write_text("[" * 100000 + "]" * 100000, encoding="utf-8")
    with pytest.raises(InputError, match="cannot read last year's run"):
        load_previous(last)


@pytest.mark.usefixtures("fake_audit")
def test_run_json_stays_valid_json_with_a_nan_previous(tmp_path: Path) -> None:
    root = make_district(tmp_path / "d", ["good", "weak"])
    last = tmp_path / "last.json"
    last.write_text('{"ranking": [{"rank": 1, "composite": NaN, "center": {"id": "good"}}]}',
                    encoding="utf-8")
    run = tmp_path / "run.json"
    result = CliRunner().invoke(app, ["assess", str(root), "--workers", "1", "--no-xlsx",
                                      "--json", str(run), "--previous", str(last)])
    assert result.exit_code == 0, result.output
    text = run.read_text(encoding="utf-8")
    assert "NaN" not in text

    def strict(value: str) -> None:
        raise AssertionError(f"non-finite number {value} in the run JSON")

    good = json.loads(text, parse_constant=strict)["ranking"][0]
    assert good["previous"]["composite"] is None and good["delta"] is None
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100000 + "]" * 100000, encoding="utf-8")
    result = CliRunner().invoke(app, ["assess", str(root), "--workers", "1", "--no-xlsx",
                                      "--previous", str(deep)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "无法读取上年结果" in result.output and "deep.json" in result.output
