"""When most visits cannot be linked to the roster, the message names both spellings and
what to do; a few unlinked visits are no shortfall."""

from __future__ import annotations

from cscaudit.results.model import Cause, TableLinks
from cscaudit.rules.household_links import MIN_LINK_RATE_SCHEMA, link_shortfall

DEFAULT = float(MIN_LINK_RATE_SCHEMA["default"])  # type: ignore[arg-type]


def _links(linked: int, unlinked: int) -> TableLinks:
    return TableLinks(table="visits", rows=linked + unlinked, by_id=linked, by_address=0,
                      by_person=0, unlinked=unlinked, spellings=("5栋2单元101室",),
                      roster_spellings=("5-2-101",))


def test_most_visits_unlinked_names_both_spellings() -> None:
    found = link_shortfall(_links(100, 8241), DEFAULT)
    assert found is not None
    what, todo = found
    assert what.zh.startswith("名册户号形如 5-2-101，走访记录形如 5栋2单元101室")
    assert "8341 条走访记录中只有 100 条（1.2%）" in what.zh
    assert "the roster writes households as 5-2-101, the visits as 5栋2单元101室" in what.en
    assert "住址" in todo.zh and "cscaudit inspect" in todo.en


def test_a_few_unlinked_visits_are_no_shortfall() -> None:
    assert link_shortfall(_links(9000, 300), DEFAULT) is None
    assert link_shortfall(_links(50, 50), 0.5) is None  # at the threshold: judged
    assert link_shortfall(_links(49, 51), 0.5) is not None
    assert link_shortfall(_links(0, 0), 0.5) is None  # no visits: nothing to link


def _declared_after(params: dict[str, object], kind_id: str) -> tuple[Cause, ...]:
    import datetime as dt

    from cscaudit.i18n import Text
    from cscaudit.measures.base import IndicatorSpec
    from cscaudit.measures.params import fill_defaults
    from cscaudit.measures.registry import REGISTRY
    from cscaudit.results.context import AuditContext
    from tests.audit.measures.fakes import FakeCalendar, fake_center, fake_standard
    from tests.audit.measures.test_cases import measure_frames, records_of

    records = records_of({
        "roster": [{"household_id": "5-2-101", "group": ["elderly"]},
                   {"household_id": "5-2-102", "group": ["elderly"]}],
        "visits": [{"household_id": "5栋2单元101室", "visited_on": dt.date(2024, 3, 1), "content": []},
                   {"household_id": "5-2-102", "visited_on": dt.date(2024, 3, 1), "content": []},
                   {"household_id": "H9", "visited_on": dt.date(2024, 3, 1), "content": []}],
    })
    ctx = AuditContext(center=fake_center(None), standard=fake_standard(None), year=2024,
                       period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 12, 31),
                       calendar=FakeCalendar(None, None),
                       tables_present=frozenset({"roster", "visits"}))
    spec = IndicatorSpec(id="D2", area="D", title=Text("走访", "visits"), kind=kind_id,
                         params=fill_defaults(REGISTRY[kind_id].PARAMS_SCHEMA, params),
                         requirements=(), points=5, method="ratio", scoring={})
    return measure_frames(REGISTRY[kind_id], spec, ctx, records).declared


def test_min_link_rate_is_the_visit_indicators_parameter() -> None:
    """Two of three visits linked (one by address): judged at the default 0.5, incomplete
    when the checklist asks for 0.9; both visit kinds take the parameter."""
    freq = {"frequencies": {"elderly": "quarterly"}}
    assert _declared_after(freq, "visit_frequency") == ()
    [cause] = _declared_after({**freq, "min_link_rate": 0.9}, "visit_frequency")
    assert cause.table == "visits" and "3 条走访记录中只有 2 条" in cause.what.zh
    assert _declared_after({}, "visit_content") == ()
    assert len(_declared_after({"min_link_rate": 0.9}, "visit_content")) == 1
