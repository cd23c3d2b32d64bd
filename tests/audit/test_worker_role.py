"""A worker's role (窗口 / 包片 / 站长) from the 岗位 the staff table gives, and on the card."""

from __future__ import annotations

from pathlib import Path

import pytest

from cscaudit.scoring.workers import worker_role

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "centers" / "beijing-changping-xinyuan"


@pytest.mark.parametrize(("post", "role"), [
    ("综合窗口", "window"), ("包片社工（第1网格）", "block"), ("社区主任", "head"),
    ("站长", "head"), ("网格员", "block"), ("财务", "other"), ("", None), (None, None),
])
def test_role_of_a_post(post: str | None, role: str | None) -> None:
    assert worker_role(post) == role


@pytest.mark.skipif(not SAMPLE.is_dir(), reason="no sample center")
def test_cards_carry_post_and_role() -> None:
    from cscaudit.engine.audit import AuditOptions, audit_center

    cards = {w.worker: w for w in audit_center(SAMPLE, AuditOptions()).workers}
    assert (cards["范海婷"].post, cards["范海婷"].role) == ("综合窗口", "window")
    assert cards["蒋雅琪"].role == "block" and cards["蒋雅琪"].households > 0
    assert cards["徐华强"].role == "head"
