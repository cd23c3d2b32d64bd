"""Where a checklist's numbers come from: `param_sources` beside `params`.

Every parameter a measure kind uses that is a number or a visit frequency, whether the
checklist gives it or the kind's `PARAMS_SCHEMA` defaults it, carries a source (`seed:<file>`,
a document or URL, or `inferred`) and a confidence (`confirmed | brief | inferred`), as the
standard's requirements do. The defaults stay in `PARAMS_SCHEMA` (the one place they live):
the sources only say where the value in force comes from.

Keys are parameter paths (`revisit_days`, `frequencies/elderly_alone`); an entry covers its
path and everything below it. A value a profile sets needs a source from that profile (or a
later one): a source inherited from the checklist does not vouch for the profile's number.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from cscaudit.config.yamlio.model import YamlMapping, YamlValue
from cscaudit.i18n import Text, t
from cscaudit.measures.params import schema_defaults
from cscaudit.rules.periods import FREQUENCIES

CONFIDENCES = ("confirmed", "brief", "inferred")


@dataclass(frozen=True, slots=True)
class ParamSource:
    source: str
    confidence: str  # confirmed | brief | inferred
    note: Text | None = None

    @classmethod
    def from_data(cls, data: YamlMapping) -> ParamSource:
        note = data.get("note")
        return cls(str(data["source"]), str(data["confidence"]),
                   Text(str(note["zh"]), str(note["en"])) if isinstance(note, Mapping) else None)

    def label(self) -> Text:
        confidence = {"confirmed": "已证实", "brief": "据任务说明", "inferred": "推定"}
        return t(f"{self.source}（{confidence.get(self.confidence, self.confidence)}）",
                 f"{self.source} ({self.confidence})")


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _needs_source(value: Any) -> bool:
    if _is_number(value) or (isinstance(value, str) and value in FREQUENCIES):
        return True
    return isinstance(value, list) and any(_is_number(v) for v in value)


def _leaves(prefix: str, value: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield from _leaves(f"{prefix}/{key}" if prefix else str(key), item)
    else:
        yield prefix, value


def _in_force(schema: Mapping[str, Any], params: Mapping[str, Any]) -> dict[str, Any]:
    """`params` as written, with the kind's top-level defaults for what they leave out: what the
    rule has always covered (defaults inside a nested object given are not asked a source)."""
    return {**schema_defaults(schema), **params}


def sourced_leaves(params: YamlMapping, schema: YamlMapping) -> list[tuple[str, YamlValue]]:
    """(path, value) of every number or frequency the kind will use, given or defaulted."""
    return [(path, value) for path, value in _leaves("", _in_force(schema, params))
            if _needs_source(value)]


def covering(path: str, sources: YamlMapping) -> str | None:
    """The key of the entry that covers `path`: the path itself or its nearest ancestor."""
    parts = path.split("/")
    while parts:
        key = "/".join(parts)
        if key in sources:
            return key
        parts.pop()
    return None


def unknown_keys(sources: YamlMapping, params: YamlMapping,
                 schema: YamlMapping) -> list[str]:
    """Entries that name no parameter the kind has (a typo would otherwise vouch for nothing)."""
    known = set(_in_force(schema, params)) | set(schema.get("properties") or {})
    return [key for key in sources if key.split("/")[0] not in known]


def source_problem(iid: str, params: YamlMapping, sources: YamlMapping,
                   schema: YamlMapping,
                   layer_of: Callable[[str], int]) -> tuple[str, Text] | None:
    """The first provenance key at fault and what is wrong, or None: a source naming no
    parameter, or a number or frequency with no source from the document that set it (or a
    later one). `layer_of(key)` is the index of the document that set `key` (-1: a default)."""
    key = f"indicators/{iid}"
    for name in unknown_keys(sources, params, schema):
        return f"{key}/param_sources/{name}", t(
            f"指标 {iid} 的 param_sources 中的 {name} 不是该度量类型的参数",
            f"indicator {iid}: param_sources names {name}, which is not a parameter of its kind")
    for path, value in sourced_leaves(params, schema):
        cover = covering(path, sources)
        if cover is not None and layer_of(f"{key}/param_sources/{cover}") >= layer_of(
                f"{key}/params/{path}"):
            continue
        shown = value if isinstance(value, str) else json.dumps(value)
        stale = t("（继承的出处不适用于配置所改的值）", " (the inherited source does not vouch for "
                  "the value a profile set)") if cover is not None else t("", "")
        return f"{key}/params/{path}", t(
            f"指标 {iid} 的参数 {path} = {shown} 没有出处{stale.zh}：请在同一文档的 param_sources 中写明 "
            f"{path}: {{source: seed:<文件>、文件或网址或 inferred, confidence: confirmed|brief|inferred}}",
            f"indicator {iid}: parameter {path} = {shown} has no source{stale.en}: add "
            f"{path}: {{source: seed:<file>, a document or URL, or inferred, confidence: "
            "confirmed|brief|inferred} under param_sources in the same document")
    return None
