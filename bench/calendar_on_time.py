"""How fast the working-day calendar answers "completed on time?" for many cases.

Compares `WorkCalendar.on_time` (running count + binary search) with walking day by day
through the same calendar, on 100 000 synthetic cases of 2024 (deadlines of 1-20 working
days). Prints the median of several runs of each and their ratio.

    python bench/calendar_on_time.py
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time
from collections.abc import Callable

from cscaudit.config.calendar import WorkCalendar, load_calendar

CASES = 100_000
RUNS = 5


def walk(cal: WorkCalendar, received: dt.date, completed: dt.date, n: int) -> bool:
    day = received
    while n:
        day += dt.timedelta(days=1)
        n -= cal.is_working_day(day)
    return completed <= day


def main() -> None:
    cal = load_calendar()
    rng = random.Random(7)
    start = dt.date(2024, 1, 1)
    cases = []
    for _ in range(CASES):
        received = start + dt.timedelta(days=rng.randrange(366))
        cases.append((received, received + dt.timedelta(days=rng.randrange(40)),
                      rng.randrange(1, 21)))

    def timed(fn: Callable[[dt.date, dt.date, int], bool]) -> float:
        samples = []
        for _ in range(RUNS):
            t0 = time.perf_counter()
            hits = sum(fn(*c) for c in cases)
            samples.append(time.perf_counter() - t0)
        assert hits >= 0
        return statistics.median(samples)

    assert all(cal.on_time(*c) == walk(cal, *c) for c in cases[:5000])
    fast = timed(cal.on_time)
    slow = timed(lambda r, c, n: walk(cal, r, c, n))
    print(f"cases: {CASES}, runs: {RUNS} (median)")
    print(f"day-by-day walk : {slow:.3f} s")
    print(f"on_time         : {fast:.3f} s")
    print(f"speed-up        : {slow / fast:.1f}x")


if __name__ == "__main__":
    main()
