"""`--scheduler` parsing and the check of the workers' answers (no cluster needed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cscaudit.cli.app import app
from cscaudit.engine.district.dask_backend import check_workers, probe_worker
from cscaudit.engine.district.scheduler_spec import SchedulerSpec, parse_scheduler
from cscaudit.errors import InputError


@pytest.mark.parametrize(("value", "spec"), [
    ("tcp://10.0.0.5:8786", SchedulerSpec(address="tcp://10.0.0.5:8786")),
    ("tls://scheduler.example:8786", SchedulerSpec(address="tls://scheduler.example:8786")),
    (" local:4 ", SchedulerSpec(local_workers=4)),
])
def test_accepted_forms(value: str, spec: SchedulerSpec) -> None:
    assert parse_scheduler(value) == spec


@pytest.mark.parametrize("value", ["local:0", "local:", "local:x", "10.0.0.5:8786",
                                   "tcp://", "tcp://a b:1", "udp://h:1", "tcp://h:1/x", ""])
def test_refused_forms_say_what_is_accepted(value: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_scheduler(value)
    assert "tcp://HOST:8786" in caught.value.message("en")
    assert "local:N" in caught.value.message("zh")


@given(st.text(max_size=40))
def test_any_text_is_a_spec_that_describes_itself_or_an_input_error(value: str) -> None:
    try:
        spec = parse_scheduler(value)
    except InputError:
        return
    assert (spec.address is None) != (spec.local_workers is None)
    assert parse_scheduler(spec.describe()) == spec


def test_workers_and_scheduler_exclude_each_other(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["assess", str(tmp_path), "--workers", "2",
                                      "--scheduler", "local:2", "--lang", "en"])
    assert result.exit_code == 2
    assert "--workers and --scheduler exclude each other" in result.output


ROOT = Path("/data/province")


def test_the_first_worker_that_cannot_read_the_district_is_named() -> None:
    reports = {"tcp://10.0.0.9:4000": ("1.0", None),
               "tcp://10.0.0.7:4000": ("1.0", "No such file or directory: /data/province")}
    with pytest.raises(InputError) as caught:
        check_workers(reports, "1.0", ROOT)
    text = caught.value.message("en")
    assert text.startswith("worker tcp://10.0.0.7:4000 cannot read the district folder")
    assert "same path on every worker" in text


def test_a_worker_without_cscaudit_is_named() -> None:
    reports = {"tcp://10.0.0.9:4000": ModuleNotFoundError("No module named 'cscaudit'")}
    with pytest.raises(InputError, match=r"tcp://10\.0\.0\.9:4000 cannot run cscaudit"):
        check_workers(reports, "1.0", ROOT)


def test_no_worker_is_an_error_and_agreeing_workers_pass() -> None:
    with pytest.raises(InputError, match="no worker"):
        check_workers({}, "1.0", ROOT)
    check_workers({"tcp://a:1": ("1.0", None), "tcp://b:1": ("1.0", None)}, "1.0", ROOT)


def test_probe_reports_a_folder_it_cannot_read(tmp_path: Path) -> None:
    from cscaudit import __version__

    (tmp_path / "c1").mkdir()
    (tmp_path / "c1" / "center.yaml").write_text("kind: center\n", encoding="utf-8")
    assert probe_worker(str(tmp_path), str(tmp_path / "c1" / "center.yaml")) == (__version__, None)
    version, why = probe_worker(str(tmp_path / "gone"), str(tmp_path / "gone" / "center.yaml"))
    assert version == __version__
    assert why is not None and "gone" in why
