"""Collect the located problems of one document (shared by the cross-reference checks)."""

from __future__ import annotations

from cscaudit.config.documents import DocProblem
from cscaudit.config.yamlio import JsonPath, LoadedYaml
from cscaudit.i18n import Text


class Out:
    """Collects located problems for one document."""

    def __init__(self, loaded: LoadedYaml) -> None:
        self.loaded = loaded
        self.items: list[DocProblem] = []

    def add(self, path: JsonPath, code: str, message: Text, severity: str = "error",
            *, at_key: bool = False) -> None:
        line, col = self.loaded.locate_key(path) if at_key else self.loaded.locate(path)
        self.items.append(DocProblem(self.loaded.path, line, col, path, message, code, severity))
