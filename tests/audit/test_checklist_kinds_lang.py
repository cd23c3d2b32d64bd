"""`cscaudit checklist kinds`: Chinese rows by default, English with `--lang en`."""

from __future__ import annotations

import json
import re

from typer.testing import CliRunner

from cscaudit.cli.app import app
from cscaudit.i18n import Text
from cscaudit.measures.registry import REGISTRY

runner = CliRunner()
ALLOWED_ASCII_WORDS = frozenset({"AB", "PDF"})
CJK = re.compile(r"[\u4e00-\u9fff]")


def _rows(lang: str) -> dict[str, str]:
    """Kind id -> the rest of its row (tables read and summary), from the plain table."""
    result = runner.invoke(app, ["checklist", "kinds", "--lang", lang])
    assert result.exit_code == 0, result.output
    rows = {}
    for line in result.stdout.splitlines():
        kid, _, rest = line.partition(" ")
        if kid in REGISTRY:
            rows[kid] = rest.strip()
    assert set(rows) == set(REGISTRY), "every registered kind has a row"
    return rows


def test_zh_rows_are_chinese() -> None:
    for kid, rest in _rows("zh").items():
        reads, summary = re.split(r"\s{2,}", rest)
        assert CJK.search(reads) and CJK.search(summary), (kid, rest)
        words = set(re.findall(r"[A-Za-z_]{3,}", rest)) - ALLOWED_ASCII_WORDS
        assert not words, f"{kid}: English or internal keys in the zh row: {sorted(words)}"
        assert summary == REGISTRY[kid].SUMMARY.zh


def test_en_rows_are_the_english_summaries() -> None:
    rows = _rows("en")
    for kid, rest in rows.items():
        kind = REGISTRY[kid]
        assert rest.endswith(kind.SUMMARY.en), (kid, rest)
        assert not CJK.search(rest.removesuffix(kind.SUMMARY.en)), f"{kid}: zh table names in en"
    assert rows["visit_frequency"].startswith("household roster, household visits")


def test_summary_is_declared_by_every_kind() -> None:
    for kid, kind in REGISTRY.items():
        summary = getattr(kind, "SUMMARY", None)
        assert isinstance(summary, Text), f"{kid} declares no bilingual SUMMARY"
        first_line = (kind.__doc__ or "").strip().splitlines()[0]
        assert first_line == f"{kid}: {summary.en}", "the en summary is the docstring's first line"
        assert CJK.search(summary.zh) and summary.zh != summary.en


def test_json_keeps_ids_and_adds_both_summaries() -> None:
    result = runner.invoke(app, ["checklist", "kinds", "--format", "json"])
    assert result.exit_code == 0, result.output
    kinds = {k["id"]: k for k in json.loads(result.stdout)}
    assert kinds["visit_frequency"]["tables"] == ["roster", "visits"]
    assert kinds["area_ratio"]["tables"] == []
    for kid, entry in kinds.items():
        assert entry["summary"] == {"zh": REGISTRY[kid].SUMMARY.zh, "en": REGISTRY[kid].SUMMARY.en}
