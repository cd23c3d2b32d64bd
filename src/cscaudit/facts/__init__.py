"""The facts stage: what is derived once from the tables and read by several consumers.

A fact is a plain function `fact(tables, ctx, *params) -> value` (a frame of derived columns
keyed by `_row` and `_file`, say: a case's verdict, a visit's completeness, a household's
period coverage). `Facts.get(fact, *params)` computes it the first time anyone asks and hands
the same value to everyone after, so the measures and the worker card agree on it and the
order in which they run does not matter. Facts are computed from the whole tables, never
from "the record in hand".
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from cscaudit.facts.frames import Tables
from cscaudit.results.context import AuditContext

T = TypeVar("T")


class Facts:
    """The facts of one audit, computed on demand and kept."""

    def __init__(self, tables: Tables, ctx: AuditContext) -> None:
        self.tables = tables
        self.ctx = ctx
        self._memo: dict[tuple[Callable[..., Any], tuple[Hashable, ...]], Any] = {}

    def get(self, fact: Callable[..., T], *params: Hashable, **flags: bool) -> T:
        """The value of `fact` for `params` (and keyword-only `flags`), computed once per
        audit."""
        key = (fact, (*params, *sorted(flags.items())))
        if key not in self._memo:
            self._memo[key] = fact(self.tables, self.ctx, *params, **flags)
        value: T = self._memo[key]
        return value
