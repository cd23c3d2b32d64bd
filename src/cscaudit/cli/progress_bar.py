"""A rich progress bar for the runner: centers done, and the slowest center still running.

Used by the CLI on a terminal only; it implements `cscaudit.engine.district.runner.Progress`.
"""

from __future__ import annotations

import time
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text as RichText

from cscaudit.i18n import Lang
from cscaudit.scoring.district.model import CenterEntry, CenterFailure, CenterOutcome
from cscaudit.terminal import escape_controls


class _Slowest(ProgressColumn):
    def __init__(self, bar: CenterProgress) -> None:
        super().__init__()
        self._bar = bar

    def render(self, task: Task) -> RichText:
        slowest = self._bar.slowest()
        if slowest is None:
            return RichText("")
        rel, seconds = slowest
        label = "最慢" if self._bar.lang == "zh" else "slowest"
        return RichText(f"{label}: {escape_controls(rel)} {seconds:.0f}s", style="dim")


class CenterProgress:
    """Context manager showing the bar on stderr while centers are audited."""

    def __init__(self, total: int, lang: Lang) -> None:
        self.lang = lang
        self._running: dict[str, float] = {}
        self.failed = 0
        self._progress = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
            TimeElapsedColumn(), _Slowest(self), console=Console(stderr=True), transient=True)
        self._task = self._progress.add_task("审核中心" if lang == "zh" else "auditing centers",
                                             total=total)

    def slowest(self) -> tuple[str, float] | None:
        if not self._running:
            return None
        rel, since = min(self._running.items(), key=lambda item: (item[1], item[0]))
        return rel, time.monotonic() - since

    def started(self, entry: CenterEntry) -> None:
        self._running[entry.rel] = time.monotonic()

    def finished(self, entry: CenterEntry, outcome: CenterOutcome) -> None:
        self._running.pop(entry.rel, None)
        if isinstance(outcome, CenterFailure):
            self.failed += 1
        self._progress.advance(self._task)

    def __enter__(self) -> CenterProgress:
        self._progress.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._progress.stop()
