"""Households linked across spellings: a center whose roster writes 5-2-101 and whose visits
write 5栋2单元101室 (or a mix of spellings) audits exactly like the same center with identical
ids; only the link-rate fields (and the input hashes of the rewritten files) differ."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from cscaudit.engine.audit import audit_center
from cscaudit.report.json_result import result_dict
from cscaudit.report.options import OutputOptions
from cscaudit.samples.district import DistrictSettings, generate_district
from cscaudit.samples.respell import respell_center


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("links")
    generate_district(DistrictSettings(centers=1, records_per_center=1500, format="csv"),
                      out / "district")
    return next((out / "district").glob("*/*/center.yaml")).parent


def _variant(generated: Path, tmp_path: Path, name: str, visits: str) -> tuple[Path, int]:
    center = tmp_path / name
    shutil.copytree(generated, center)
    return center, respell_center(center, roster="dash", visits=visits)


def _edit_visits(center: Path, old: str, new: str, count: int = -1) -> None:
    """Replace text in the center's visits CSV, in the file's own encoding."""
    from cscaudit.ingest import load_dictionary

    visits = next(p for p in (center / "exports").glob("*.csv")
                  if load_dictionary().table_for_name(p.stem) == "visits")
    raw = visits.read_bytes()
    try:
        text, encoding = raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = raw.decode("gb18030"), "gb18030"
    visits.write_bytes(text.replace(old, new, count).encode(encoding))


def _audit(center: Path) -> dict[str, Any]:
    data = result_dict(audit_center(center), OutputOptions())
    data.pop("inputs")  # the rewritten exports hash differently
    return data


@pytest.mark.parametrize("spelling", ["text", "chinese", "mixed"])
def test_spelling_does_not_change_the_audit(generated: Path, tmp_path: Path,
                                            spelling: str) -> None:
    same, n_same = _variant(generated, tmp_path, "same", "dash")
    other, n_other = _variant(generated, tmp_path, "other", spelling)
    assert n_same == n_other > 500
    a, b = _audit(same), _audit(other)
    links_a, links_b = a.pop("links"), b.pop("links")
    assert json.dumps(a, sort_keys=True, ensure_ascii=False) == \
        json.dumps(b, sort_keys=True, ensure_ascii=False)
    [visits_a] = [x for x in links_a if x["table"] == "visits"]
    [visits_b] = [x for x in links_b if x["table"] == "visits"]
    assert visits_a["by_key"]["address"] == 0 and visits_a["by_key"]["id"] >= n_same
    assert visits_b["by_key"]["address"] == n_other
    assert visits_b["by_key"]["id"] == visits_a["by_key"]["id"] - n_same
    assert visits_b["rows"] == visits_a["rows"] and visits_b["rate"] == visits_a["rate"]
    assert visits_b["roster_spellings"][0].count("-") == 2
    assert visits_b["spellings"] and all("-" not in s or "幢" in s for s in visits_b["spellings"])


def test_without_address_linking_the_visits_are_lost(generated: Path, tmp_path: Path) -> None:
    """The failure the issue reports: ids compared as written link nothing."""
    other, _ = _variant(generated, tmp_path, "other", "text")
    data = _audit(other)
    [visits] = [x for x in data["links"] if x["table"] == "visits"]
    assert visits["by_key"]["id"] < visits["by_key"]["address"]


def test_unlinked_visits_make_the_result_incomplete(generated: Path, tmp_path: Path) -> None:
    """Visits written 五栋二门一〇一 (a unit word the shipped dictionary lacks) link to nothing:
    the result is incomplete (no grade, exit 2) with a message naming both spellings, not a
    center that never visited. A local dictionary adding 门 links them: complete again."""
    from typer.testing import CliRunner

    from cscaudit.cli.app import app

    center, respelled = _variant(generated, tmp_path, "gate", "chinese")
    _edit_visits(center, "单元", "门")
    extra = tmp_path / "words.yaml"
    extra.write_text("kind: field-dictionary\nschema_version: 1\naddress:\n  labels:\n"
                     "    unit: [门]\n", encoding="utf-8")

    def audit(*more: str) -> tuple[int, dict[str, Any]]:
        out = tmp_path / f"r{len(more)}.json"
        run = CliRunner().invoke(app, ["audit", str(center), "--no-xlsx", "--json", str(out),
                                       *more])
        return run.exit_code, json.loads(out.read_text(encoding="utf-8"))

    code, data = audit()
    [visits_links] = [x for x in data["links"] if x["table"] == "visits"]
    assert visits_links["by_key"]["address"] == 0 and visits_links["rate"] < 0.5
    assert code == 2 and data["completeness"]["complete"] is False
    [cause] = [c for c in data["completeness"]["causes"] if c["table"] == "visits"]
    assert cause["code"] == "declared"
    assert re.match(r"名册户号形如 1-1-101，走访记录形如 [一二三四五六七八九〇]+栋[一二三四五六七八九〇]+门"
                    r"[一二三四五六七八九〇]+：\d+ 条走访记录中只有 0 条（0.0%）", cause["what"])
    assert "住址" in cause["todo"] and "cscaudit inspect" in cause["todo"]

    code, data = audit("--dictionary", str(extra))
    [visits_links] = [x for x in data["links"] if x["table"] == "visits"]
    assert visits_links["by_key"]["address"] == respelled
    assert code in (0, 1) and data["completeness"]["complete"] is True


def test_a_few_unlinked_visits_stay_findings(generated: Path, tmp_path: Path) -> None:
    """Three visits naming rooms on no roster: findings, and the result is still graded."""
    center, _ = _variant(generated, tmp_path, "few", "text")
    _edit_visits(center, "栋", "栋9", 3)  # 1栋1单元101室 -> 1栋91单元101室
    data = _audit(center)
    [visits] = [x for x in data["links"] if x["table"] == "visits"]
    assert visits["unlinked"] == 3
    assert data["completeness"]["complete"] is True
    assert any("不在联户名册中" in f["message"] for f in data["findings"])
