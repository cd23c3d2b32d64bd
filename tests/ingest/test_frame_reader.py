"""The frame reader equals the record reader on every export: bundled samples, generated
centers (CSV and XLSX, defects planted, headers as other systems spell them)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

import polars as pl
import pytest

from cscaudit.config.center import load_center
from cscaudit.ingest import FieldDictionary, TableSource, discover_tables, frame_columns, parsers
from cscaudit.ingest.frame_body import Cells
from cscaudit.ingest.frame_columns import PY_SPACE, TOTAL_FIRSTS, TOTAL_SECONDS
from cscaudit.ingest.frame_reader import read_frame
from cscaudit.ingest.model import CellValue
from cscaudit.ingest.problems import Result
from cscaudit.ingest.read_tuning import COLUMNAR, ReadTuning
from cscaudit.ingest.row_checks import TOTAL_HEADS, TOTAL_LEADS, may_be_total
from cscaudit.samples.district import DistrictSettings, generate_district
from tests.ingest.frame_equality import assert_same

CENTERS = Path(__file__).resolve().parents[2] / "samples" / "centers"


def _sources(center_root: Path) -> list[TableSource]:
    center = load_center(center_root)
    return discover_tables(center.root, center.exports).sources


def test_the_stripped_characters_are_those_str_strip_takes() -> None:
    spaces = "".join(chr(c) for c in range(0x110000) if chr(c).isspace())
    assert spaces == PY_SPACE


def test_every_first_character_of_a_total_word_in_any_case_is_looked_at() -> None:
    """Polars narrows possible 合计 rows down by their first character: no character that
    `may_be_total` could accept (itself or lowercased) is left out."""
    firsts = {head[0] for head in TOTAL_HEADS}
    missed = [chr(c) for c in range(0x110000)
              if (chr(c) in firsts or chr(c).lower()[:1] in firsts) and chr(c) not in TOTAL_FIRSTS]
    assert missed == []


def test_every_second_character_of_a_total_word_in_any_case_is_looked_at() -> None:
    """Polars narrows them down by the second character too: none that `may_be_total` could
    accept after a first one (itself or lowercased) is left out."""
    seconds = {head[1] for head in TOTAL_HEADS}
    missed = [chr(c) for c in range(0x110000)
              if (chr(c) in seconds or chr(c).lower() in seconds) and chr(c) not in TOTAL_SECONDS]
    assert missed == []


def test_a_first_cell_leads_a_look_only_where_a_total_word_may_begin() -> None:
    """Polars keeps a row for a closer look by its first cell's first two characters: every
    cell the record reader's first-character test lets through and that does not read
    against a total word (`_lead_class`: blank, or a total word may start it), and none the
    first-character test stops; ids led by a total word's first letter are not kept."""
    chars = sorted({*TOTAL_FIRSTS, *TOTAL_SECONDS, "\t", "\n", "L", "Z", "计", "x"})
    cells = ["", *chars, *(a + b for a in chars for b in chars), "SL2024-01", "合计 ", "\u3000合计"]
    frame = pl.DataFrame({"c": cells}, schema={"c": pl.Utf8()})
    led = frame_columns._leads(Cells(1, columns=frame)).to_list()
    may = [cell[:1] in TOTAL_LEADS and frame_columns._lead_class(cell)[0] != frame_columns._NO
           for cell in cells]
    assert [cell for cell, kept in zip(cells, led, strict=True)
            if kept and cell[:1] not in TOTAL_LEADS] == []
    assert [cell for cell, kept, want in zip(cells, led, may, strict=True) if want and not kept] == []
    assert [cells[i] for i in range(len(cells)) if not led[i]][:3] == ["\n", "L", "O"]
    assert not led[cells.index("SL2024-01")] and not led[cells.index("Sx")]
    assert led[cells.index("Su")] and led[cells.index("\u3000合计")] and led[cells.index("")]


def test_a_row_is_looked_at_for_a_total_by_its_first_two_characters(
        tmp_path: Path, dictionary: FieldDictionary, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ids that begin with a total word's first letter (SL..., T...) are not each checked by
    `may_be_total`; a true 合计 row and a 'Sum' row still are, and are skipped."""
    checked: list[object] = []
    def counting(cells: list[CellValue]) -> bool:
        checked.append(cells[0])
        return may_be_total(cells)

    monkeypatch.setattr(frame_columns, "may_be_total", counting)
    rows = ([["工单编号", "受理时间"]] + [[f"SL{i:04d}", "2024-03-05 09:00"] for i in range(300)]
            + [["T9", "2024-03-05"], [" 合计", ""], ["Sum", ""], ["TOTAL", ""]])
    path = tmp_path / "complaints.csv"
    path.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    assert_same(TableSource("complaints", path), dictionary)
    checked.clear()
    read = read_frame(TableSource("complaints", path), dictionary, COLUMNAR)
    assert checked == [" 合计", "Sum", "TOTAL"]
    assert read.stats.rows_skipped == {"total": 3} and read.frame.height == 301


def _parses_counted(monkeypatch: pytest.MonkeyPatch) -> Counter[object]:
    """How many times each raw value is handed to a column's parser, from now on."""
    seen: Counter[object] = Counter()
    base_parse = parsers.base_parse

    def counting(*args: Any, **kwargs: Any) -> Callable[[object], Result]:
        parse = base_parse(*args, **kwargs)

        def count(raw: object) -> Result:
            seen[raw] += 1
            return parse(raw)
        return count

    monkeypatch.setattr(parsers, "base_parse", counting)
    return seen


def test_each_distinct_value_is_parsed_once(tmp_path: Path, dictionary: FieldDictionary,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Python parsing grows with the distinct values a fast rule cannot decide, not with the
    rows; no value is parsed twice, not even on a row the reader looks at again."""
    seen = _parses_counted(monkeypatch)
    days = ["2024-03-05", "2024/3/6", "2024年3月7日", "昨天"]
    rows = [["走访日期", "走访人", "户号", "走访内容"]] + [
        [days[i % 4], f"社工{i % 3}", f"H{i % 7}", "政策宣传"] for i in range(3000)]
    path = tmp_path / "visits.csv"
    path.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    outcome = assert_same(TableSource("visits", path), dictionary)
    seen.clear()
    read = read_frame(TableSource("visits", path), dictionary, COLUMNAR)
    assert read.frame.height == 3000 and len(read.issues) == 101  # 100 listed + a summary
    # the dates and keys are decided by the fast rules (`frame_values`), the tags text is
    # split in polars and its one piece parsed; only the text that is not a date is left
    assert seen == {"昨天": 1, "政策宣传": 1}
    assert outcome.counts[1] == 3000
    # a column of few distinct values skips its fast rule: each is parsed once, in Python
    seen.clear()
    few = read_frame(TableSource("visits", path), dictionary, ReadTuning(csv_records_below=0))
    assert few.columnar and few.frame.equals(read.frame) and few.issues == read.issues
    assert seen == dict.fromkeys([*days, "社工0", "社工1", "社工2",
                                  *(f"H{i}" for i in range(7)), "政策宣传"], 1)


@pytest.mark.parametrize("center", sorted(p.parent.name for p in CENTERS.glob("*/center.yaml")))
def test_every_bundled_export(center: str, dictionary: FieldDictionary) -> None:
    sources = _sources(CENTERS / center)
    assert sources
    outcomes = [assert_same(source, dictionary) for source in sources]
    assert sum(o.frame.height for o in outcomes if o.frame is not None) > 1000


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_generated_centers_with_defects(fmt: Literal["csv", "xlsx"], tmp_path: Path,
                                        dictionary: FieldDictionary) -> None:
    generate_district(DistrictSettings(centers=2, records_per_center=1500, seed=11,
                                       defect_rate=0.3, format=fmt), tmp_path)
    roots = sorted(p.parent for p in tmp_path.rglob("center.yaml"))
    assert len(roots) == 2
    issues = 0
    for root in roots:
        for source in _sources(root):
            issues += len(assert_same(source, dictionary).issues)
    assert issues > 0  # the planted defects were read as issues, by both readers alike


def test_mostly_distinct_tags_are_ruled_row_by_row(tmp_path: Path, dictionary: FieldDictionary,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A tags column of nearly as many distinct texts as rows goes to its rule row by row;
    the texts it leaves (unknown words, a blank) are parsed once each and put back on their
    rows, as the record reader reads them."""
    seen = _parses_counted(monkeypatch)
    words = ["政策宣传", "健康状况", "医疗信息", "推荐岗位", "心理疏导", "养老服务"]
    texts = [f"{a}、{b}，{c}" for a in words for b in words for c in words if len({a, b, c}) == 3]
    texts[7] = texts[50] = "外星人、政策宣传"
    texts[9] = " "
    rows = [["走访日期", "走访人", "户号", "走访内容"]] + [
        ["2024-03-05", "社工", f"H{i}", text] for i, text in enumerate(texts)]
    path = tmp_path / "visits.csv"
    path.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    assert_same(TableSource("visits", path), dictionary)
    seen.clear()
    read = read_frame(TableSource("visits", path), dictionary, COLUMNAR)
    assert seen["外星人、政策宣传"] == 1 and seen[" "] == 1
    assert read.frame["content"][50].to_list() == ["policy_publicity"]
    assert read.frame["content"][0].to_list() == ["policy_publicity", "health_status",
                                                  "medical_services", "medical_care_info"]


def test_found_values_are_put_on_their_rows_of_a_list_column() -> None:
    values = pl.Series("tags", [["a"], None, ["b"], None], dtype=pl.List(pl.Utf8()))
    found = pl.Series([["x", "y"], None], dtype=pl.List(pl.Utf8()))
    placed = frame_columns._placed(values, pl.Series([1, 3], dtype=pl.UInt32()), found)
    assert placed.name == "tags" and placed.to_list() == [["a"], ["x", "y"], ["b"], None]
