"""What a `validate` run found: problems per file, and the exit code they lead to."""

from __future__ import annotations

from dataclasses import dataclass

from cscaudit.config.documents import DocProblem

UNREADABLE = "unreadable"


@dataclass(frozen=True, slots=True)
class FileResult:
    """One input file: its declared kind (when it could be read) and its problems."""

    path: str
    kind: str | None
    problems: tuple[DocProblem, ...]

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity == "warning")

    @property
    def unreadable(self) -> bool:
        return any(p.code == UNREADABLE for p in self.problems)


@dataclass(frozen=True, slots=True)
class ValidationResult:
    """Every file of one run, in the order they were given (folders expanded, sorted)."""

    files: tuple[FileResult, ...]

    @property
    def errors(self) -> int:
        return sum(f.errors for f in self.files)

    @property
    def warnings(self) -> int:
        return sum(f.warnings for f in self.files)

    @property
    def problems(self) -> tuple[DocProblem, ...]:
        return tuple(p for f in self.files for p in f.problems)

    def exit_code(self, *, strict: bool = False) -> int:
        """0 valid, 1 invalid (warnings too when `strict`), 2 some input is unreadable."""
        if any(f.unreadable for f in self.files):
            return 2
        if self.errors or (strict and self.warnings):
            return 1
        return 0
