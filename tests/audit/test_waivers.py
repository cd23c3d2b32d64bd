"""Waivers: loading, validation before the run, in force vs expired, and their effect."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cscaudit.checklist.resolution import resolve
from cscaudit.errors import ConfigError
from cscaudit.scoring.waivers import applicable, load_waivers

pytestmark = pytest.mark.usefixtures("fake_kinds")

HEAD = "kind: waivers\nschema_version: 1\nwaivers:\n"
GOOD = (
    "  - id: W-2024-01\n"
    "    target: A2\n"
    "    center: c1\n"
    "    justification: {zh: 租用场地，无法改造, en: Rented premises that cannot be altered}\n"
    "    approver: 某街道办事处\n"
    "    document: 某街发〔2024〕3号\n"
    "    start: \"2024-01-01\"\n"
    "    expires: \"2024-12-31\"\n"
    "  - id: W-2023-07\n"
    "    target: N36735.6.1.4\n"
    "    center: c1\n"
    "    justification: 系统迁移\n"
    "    approver: 某街道办事处\n"
    "    document: 某街发〔2023〕9号\n"
    "    start: \"2023-03-01\"\n"
    "    expires: \"2023-12-31\"\n"
    "  - id: W-2024-02\n"
    "    target: B1\n"
    "    center: c2\n"
    "    justification: 试点\n"
    "    approver: 区民政局\n"
    "    document: 区民发〔2024〕1号\n"
    "    start: \"2025-01-01\"\n"
    "    expires: \"2025-06-30\"\n"
)


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "waivers.yaml"
    path.write_text(HEAD + body, encoding="utf-8")
    return path


def test_load_and_status(tmp_path: Path, fixtures: Path) -> None:
    ws = load_waivers(_write(tmp_path, GOOD), resolve(fixtures / "mini-checklist.yaml"))
    assert [w.id for w in ws.waivers] == ["W-2024-01", "W-2023-07", "W-2024-02"]
    assert ws.waivers[0].justification.en == "Rented premises that cannot be altered"
    assert ws.waivers[1].justification.en == "系统迁移"
    uses = ws.for_center("c1", dt.date(2024, 12, 31))
    assert [(u.id, u.applied) for u in uses] == [("W-2024-01", True), ("W-2023-07", False)]
    assert uses[1].reason is not None and "expired on 2023-12-31" in uses[1].reason.en
    later = applicable(ws.waivers, "c2", dt.date(2024, 12, 31))
    assert later[0].applied is False and later[0].reason is not None
    assert "not yet valid" in later[0].reason.en
    assert applicable(ws.waivers, "c2", dt.date(2025, 1, 1))[0].applied is True
    assert ws.for_center("c9", dt.date(2024, 6, 1)) == ()


@pytest.mark.parametrize(("body", "line", "words"), [
    (GOOD.replace("target: A2", "target: Z9"), 5, "Z9"),
    (GOOD.replace("id: W-2023-07", "id: W-2024-01"), 12, "twice"),
    (GOOD.replace('expires: "2024-12-31"', 'expires: "2023-12-31"'), 11, "expires"),
    (GOOD.replace("    approver: 区民政局\n", ""), 20, "approver"),
    (GOOD.replace('start: "2024-01-01"', 'start: "2024-13-01"'), 10, "2024-13-01"),
])
def test_invalid_waivers_are_refused_before_the_run(tmp_path: Path, fixtures: Path, body: str,
                                                    line: int, words: str) -> None:
    with pytest.raises(ConfigError) as info:
        load_waivers(_write(tmp_path, body), resolve(fixtures / "mini-checklist.yaml"))
    assert info.value.line == line and info.value.file is not None
    assert words in info.value.message.en or words in info.value.message.zh
