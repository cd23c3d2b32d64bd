"""Households linked across spellings: a center whose roster writes 5-2-101 and whose visits
write 5栋2单元101室 (or a mix of spellings) audits exactly like the same center with identical
ids; only the link-rate fields (and the input hashes of the rewritten files) differ."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from cscaudit.audit.engine import audit_center
from cscaudit.report.json_result import result_dict
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


def _audit(center: Path) -> dict[str, Any]:
    data = result_dict(audit_center(center))
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


def test_audit_dictionary_adds_address_words(generated: Path, tmp_path: Path) -> None:
    """`audit --dictionary FILE`: a local unit word (门) added as data links visits written
    五栋二门一〇一 that the shipped words cannot read."""
    from typer.testing import CliRunner

    from cscaudit.cli.app import app
    from cscaudit.ingest import load_dictionary

    center, respelled = _variant(generated, tmp_path, "gate", "chinese")
    visits = next(p for p in (center / "exports").glob("*.csv")
                  if load_dictionary().table_for_name(p.stem) == "visits")
    raw = visits.read_bytes()
    encoding = "utf-8" if raw.startswith(b"\xef\xbb\xbf") else "gb18030"
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:
        encoding, text = "utf-8", raw.decode("utf-8")
    visits.write_bytes(text.replace("单元", "门").encode(encoding))
    extra = tmp_path / "words.yaml"
    extra.write_text("kind: field-dictionary\nschema_version: 1\naddress:\n  labels:\n"
                     "    unit: [门]\n", encoding="utf-8")

    def by_address(*more: str) -> int:
        out = tmp_path / f"r{len(more)}.json"
        run = CliRunner().invoke(app, ["audit", str(center), "--no-xlsx", "--json", str(out),
                                       *more])
        assert run.exit_code in (0, 1), run.output
        links = json.loads(out.read_text(encoding="utf-8"))["links"]
        return int(next(x for x in links if x["table"] == "visits")["by_key"]["address"])

    assert by_address() == 0
    assert by_address("--dictionary", str(extra)) == respelled
