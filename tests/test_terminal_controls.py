"""Terminal control characters from inputs (issue 11, item 9): every console sink shows them
escaped, so a center name `ESC [2J` cannot clear the screen nor U+202E reverse a line."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cscaudit.cli.app import app
from cscaudit.terminal import escape_controls

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "centers"
CONTROLS = ["\x1b", "\x00", "\x07", "\x08", "\r", "\x7f", "\x85", "\x9b", "\u061c", "\u200e",
            "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067",
            "\u2068", "\u2069"]
RAW = re.compile("[" + "".join(CONTROLS) + "]")


def _run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.output


@given(st.lists(st.one_of(st.sampled_from(CONTROLS), st.text(alphabet=st.characters(
    blacklist_characters="\\", blacklist_categories=("Cs",)), max_size=5)), max_size=12))
def test_escaped_text_holds_no_control_and_reads_back(parts: list[str]) -> None:
    text = "".join(parts)
    shown = escape_controls(text)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]",
                         shown)
    assert re.sub(r"\\u([0-9a-f]{4})", lambda m: chr(int(m.group(1), 16)), shown) == text
    assert escape_controls("居民\n\t行") == "居民\n\t行"  # line feeds and tabs stay


def test_a_center_name_cannot_clear_the_screen(tmp_path: Path) -> None:
    center = tmp_path / "c"
    shutil.copytree(SAMPLES / "wuhan-jinyinhu-qinghe", center)
    yaml = center / "center.yaml"
    text = yaml.read_text("utf-8").replace("name: 清河社区党群服务中心",
                                          'name: "清河\\e[2J\\u202e中心"', 1)
    yaml.write_text(text, encoding="utf-8")
    out = _run("audit", str(center), "--no-xlsx")
    assert "清河\\u001b[2J\\u202e中心" in out and not RAW.search(out)


def test_inspect_and_errors_show_controls_escaped(tmp_path: Path) -> None:
    export = tmp_path / "complaints.csv"
    export.write_text("工单编号,受理时间,紧急程度,诉求类别,响应时间,办结时间,评价,\x1b[2J备注\u202e\n"
                      "GD1,2024-10-16 13:00,一般,供暖,2024-10-16 13:42,2024-10-17 13:38,满意,x\x9b\n",
                      encoding="utf-8")
    out = _run("inspect", str(export), "--lang", "en")
    assert "\\u001b[2J备注\\u202e" in out and not RAW.search(out)
    out = _run("inspect", str(export), "--lang", "en", "--format", "json")
    assert "\\u001b[2J备注\\u202e" in out and not RAW.search(out)
    out = _run("audit", str(tmp_path / "nowhere\x1b[2J"), "--lang", "en")
    assert "nowhere\\u001b[2J" in out and not RAW.search(out)


def test_validate_shows_a_hostile_key_escaped(tmp_path: Path) -> None:
    doc = tmp_path / "center.yaml"
    doc.write_text('kind: center\nschema_version: 1\n"bad\\e[2Jkey\\u202e": 1\n', encoding="utf-8")
    for fmt in ("text", "github", "json"):
        out = _run("validate", str(doc), "--lang", "en", "--format", fmt)
        assert "bad\\u001b[2Jkey\\u202e" in out and not RAW.search(out), fmt
