"""Whether the visits found their roster households often enough to be judged at all.

The visit indicators (visit_frequency, visit_content) read households through the
`household_links` fact (`facts/households.py`); below their `min_link_rate` the result
is declared incomplete here. The keys the fact links by are rules in
`rules/household_links.py`.
"""

from __future__ import annotations

from cscaudit.measures.completeness import declare
from cscaudit.results.model import Measurement, TableLinks
from cscaudit.rules.household_links import link_shortfall


def declare_shortfall(m: Measurement, links: tuple[TableLinks, ...], min_rate: float) -> Measurement:
    """`m`, declaring the result incomplete when fewer than `min_rate` (a visit indicator's
    `min_link_rate`) of the visits found their roster household (the `household_links`
    fact's counts): then the tool failed to match them (households spelled differently), not
    the center to visit, and the visit indicators mean nothing. A few unlinked visits stay
    findings of the indicators."""
    visits = next((x for x in links if x.table == "visits"), None)
    found = link_shortfall(visits, min_rate) if visits is not None else None
    return declare(m, *found, table="visits") if found is not None else m
