"""When most visits cannot be linked to the roster, the message names both spellings and
what to do; a few unlinked visits are no shortfall."""

from __future__ import annotations

from cscaudit.audit.measures.household_links import LINK_THRESHOLD, link_shortfall
from cscaudit.audit.model import TableLinks


def _links(linked: int, unlinked: int) -> TableLinks:
    return TableLinks(table="visits", rows=linked + unlinked, by_id=linked, by_address=0,
                      by_person=0, unlinked=unlinked, spellings=("5栋2单元101室",),
                      roster_spellings=("5-2-101",))


def test_most_visits_unlinked_names_both_spellings() -> None:
    found = link_shortfall(_links(100, 8241), LINK_THRESHOLD.min_rate)
    assert found is not None
    what, todo = found
    assert what.zh.startswith("名册户号形如 5-2-101，走访记录形如 5栋2单元101室")
    assert "8341 条走访记录中只有 100 条（1.2%）" in what.zh
    assert "the roster writes households as 5-2-101, the visits as 5栋2单元101室" in what.en
    assert "住址" in todo.zh and "cscaudit inspect" in todo.en


def test_a_few_unlinked_visits_are_no_shortfall() -> None:
    assert link_shortfall(_links(9000, 300), LINK_THRESHOLD.min_rate) is None
    assert link_shortfall(_links(50, 50), 0.5) is None  # at the threshold: judged
    assert link_shortfall(_links(49, 51), 0.5) is not None
    assert link_shortfall(_links(0, 0), 0.5) is None  # no visits: nothing to link
