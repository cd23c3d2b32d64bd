"""Load GB/T 36735-2018 as encoded under `standards/gbt36735-2018/`: every part, merged.

`load_standard()` reads each `*.yaml` part (kind: standard) through the schema check, merges
them and checks what a schema cannot: an id defined twice (in one part or across parts), a
reference to a requirement, category, group or content tag that does not exist. Any of these
raises `ConfigError` at the file, line and column of the offending value. The result is cached.
The model itself lives in `cscaudit.config.standard_model` and is re-exported here.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from cscaudit.config.documents import load_document
from cscaudit.config.standard_model import (
    GROUP_CODES,
    CatalogueEntry,
    ContactListRule,
    ContentTag,
    EventClass,
    Group,
    Phrasing,
    PlanSection,
    Process,
    ProcessStep,
    RatingLevel,
    Requirement,
    Section,
    ServiceItem,
    Standard,
    normalise_heading,
)
from cscaudit.config.yamlio import JsonPath, LoadedYaml
from cscaudit.errors import ConfigError
from cscaudit.i18n import Text, t
from cscaudit.resources import standards_dir

__all__ = [
    "CatalogueEntry", "ContactListRule", "ContentTag", "EventClass", "Group", "PlanSection",
    "Process", "ProcessStep", "RatingLevel", "Requirement", "Section", "ServiceItem", "Standard",
    "load_standard", "normalise_heading", "standard_folder",
]
STANDARD_NAME = "GB/T 36735-2018"
_LISTS = ("sections", "requirements", "item_fields", "categories", "service_items", "processes",
          "groups", "content_tags", "event_classes", "plan_sections", "zones", "postings",
          "amenities", "rating_scale")
_SINGLE = ("general_content", "group_content", "contact_list")


def standard_folder() -> Path:
    return standards_dir() / "gbt36735-2018"


def _text(value: dict[str, str]) -> Text:
    return Text(value["zh"], value["en"])


class _Merger:
    """Collects entries of every part, remembering where each came from."""

    def __init__(self) -> None:
        self.lists: dict[str, dict[str, tuple[dict[str, Any], LoadedYaml, JsonPath]]] = {
            key: {} for key in _LISTS}
        self.single: dict[str, tuple[Any, LoadedYaml, JsonPath]] = {}
        self.parts: list[str] = []
        self.files: list[str] = []

    def add(self, loaded: LoadedYaml) -> None:
        data: dict[str, Any] = loaded.data
        part = str(data["part"])
        if part in self.parts:
            raise _error(loaded, ("part",), t(f"部分 {part} 重复定义", f"part {part} is defined twice"))
        self.parts.append(part)
        self.files.append(loaded.path)
        for key in _LISTS:
            for i, entry in enumerate(data.get(key) or []):
                where: JsonPath = (key, i, "id")
                known = self.lists[key]
                if entry["id"] in known:
                    first = known[entry["id"]][1]
                    raise _error(loaded, where, t(
                        f"{key} 中的编号 {entry['id']} 重复（已在 {first.path} 定义）：编号必须唯一",
                        f"id {entry['id']} in {key} is defined twice (already in {first.path}): "
                        "ids must be unique"))
                known[entry["id"]] = ({**entry, "_part": part}, loaded, (key, i))
        for key in _SINGLE:
            if key in data:
                if key in self.single:
                    raise _error(loaded, (key,), t(f"{key} 只能在一个部分中定义",
                                                    f"{key} may be defined in one part only"))
                self.single[key] = (data[key], loaded, (key,))

    def entries(self, key: str) -> Iterator[tuple[dict[str, Any], LoadedYaml, JsonPath]]:
        yield from self.lists[key].values()


def _error(loaded: LoadedYaml, path: JsonPath, message: Text) -> ConfigError:
    line, col = loaded.locate(path)
    return ConfigError(message, file=loaded.path, line=line, column=col)


class _Refs:
    """Reference checks against the merged ids."""

    def __init__(self, merger: _Merger) -> None:
        self.m = merger

    def need(self, kind: str, value: str | None, loaded: LoadedYaml, path: JsonPath) -> None:
        if value is None or value in self.m.lists[kind]:
            return
        import difflib

        close = difflib.get_close_matches(value, list(self.m.lists[kind]), n=1)
        hint = t(f"；是否应为 {close[0]}？", f"; did you mean {close[0]}?") if close else t("", "")
        raise _error(loaded, path, t(f"引用了不存在的 {kind} 编号 {value}", f"unknown {kind} id {value}")
                     + hint)


def _entry(e: dict[str, Any]) -> CatalogueEntry:
    return CatalogueEntry(e["id"], _text(e["name"]), tuple(e.get("synonyms", ())),
                          bool(e.get("required", False)), e.get("requirement"))


def _build(m: _Merger) -> Standard:
    refs = _Refs(m)
    for key in _LISTS:
        for e, loaded, path in m.entries(key):
            if key != "requirements":
                refs.need("requirements", e.get("requirement"), loaded, (*path, "requirement"))
            if key == "service_items":
                refs.need("categories", e["category"], loaded, (*path, "category"))
            if key == "groups":
                refs.need("groups", e.get("inherits"), loaded, (*path, "inherits"))
            if key == "processes":
                for j, step in enumerate(e["steps"]):
                    refs.need("requirements", step.get("requirement"), loaded,
                              (*path, "steps", j, "requirement"))
    group_content = _group_content(m, refs)
    tag_groups: dict[str, list[str]] = {}
    for group, codes in group_content.items():
        for code in codes:
            tag_groups.setdefault(code, []).append(group)
    general: tuple[str, ...] = ()
    if "general_content" in m.single:
        value, loaded, path = m.single["general_content"]
        for i, code in enumerate(value):
            refs.need("content_tags", code, loaded, (*path, i))
        general = tuple(value)
    contact = m.single.get("contact_list")
    contact_rule = ContactListRule()
    if contact is not None:
        c = contact[0]
        refs.need("requirements", c.get("requirement"), contact[1], (*contact[2], "requirement"))
        contact_rule = ContactListRule(tuple(c["fields"]), int(c["review_months"]),
                                       int(c.get("min_entries", 1)), c.get("requirement"))

    def ro(d: dict[str, Any]) -> MappingProxyType[str, Any]:
        return MappingProxyType(d)

    def built(key: str) -> list[dict[str, Any]]:
        return [e for e, _, _ in m.entries(key)]

    return Standard(
        name=STANDARD_NAME, parts=tuple(m.parts), files=tuple(m.files),
        sections=ro({e["id"]: Section(e["id"], _text(e["title"])) for e in built("sections")}),
        requirements=ro({e["id"]: Requirement(
            e["id"], _text(e["title"]), e["level"], e["clause"], e["source"], e["confidence"],
            e["_part"], _text(e["note"]) if "note" in e else None) for e in built("requirements")}),
        item_fields=ro({e["id"]: _text(e["name"]) for e in built("item_fields")}),
        categories=ro({e["id"]: _entry(e) for e in built("categories")}),
        service_items=ro({e["id"]: ServiceItem(e["id"], e["category"], _text(e["name"]),
                                               tuple(e.get("synonyms", ())))
                          for e in built("service_items")}),
        processes=ro({e["id"]: Process(e["id"], _text(e["name"]), e.get("requirement"), tuple(
            ProcessStep(s["id"], _text(s["name"]), s["required"], s.get("requirement"),
                        s.get("evidence", {}).get("table"), s.get("evidence", {}).get("field"))
            for s in e["steps"])) for e in built("processes")}),
        groups=ro({e["id"]: Group(e["id"], _text(e["name"]), e.get("inherits"), e.get("requirement"))
                   for e in built("groups")}),
        content_tags=ro({e["id"]: ContentTag(
            e["id"], _text(e["label"]), tuple(e["keywords"]), tuple(tag_groups.get(e["id"], ())),
            e.get("requirement"), tuple(e.get("synonyms", ())),
            tuple(Phrasing(tuple(p["verbs"]), tuple(p["objects"]), int(p.get("gap", 8)))
                  for p in e.get("phrasings", ()))) for e in built("content_tags")}),
        general_content=general,
        group_content=ro(group_content),
        event_classes=ro({e["id"]: EventClass(e["id"], _text(e["name"]), tuple(e.get("synonyms", ())),
                                              tuple(_entry(s) for s in e.get("subtypes", ())))
                          for e in built("event_classes")}),
        plan_sections=ro({e["id"]: PlanSection(e["id"], _text(e["name"]), tuple(e.get("synonyms", ())),
                                               bool(e["required"]), e.get("requirement"))
                          for e in built("plan_sections")}),
        contact_list=contact_rule,
        zones=ro({e["id"]: _entry(e) for e in built("zones")}),
        postings=ro({e["id"]: _entry(e) for e in built("postings")}),
        amenities=ro({e["id"]: _entry(e) for e in built("amenities")}),
        rating_scale=ro({e["id"]: RatingLevel(e["id"], _text(e["name"]), bool(e["negative"]))
                         for e in built("rating_scale")}),
    )


def _group_content(m: _Merger, refs: _Refs) -> dict[str, tuple[str, ...]]:
    """Group -> required tags, with inheritance resolved (elderly_alone gets elderly's)."""
    own: dict[str, tuple[str, ...]] = {}
    if "group_content" in m.single:
        value, loaded, path = m.single["group_content"]
        for group, codes in value.items():
            refs.need("groups", group, loaded, (*path, group))
            for i, code in enumerate(codes):
                refs.need("content_tags", code, loaded, (*path, group, i))
            own[group] = tuple(codes)
    parents = {e["id"]: e.get("inherits") for e, _, _ in m.entries("groups")}
    result: dict[str, tuple[str, ...]] = {}
    for group in [g for g in GROUP_CODES if g in parents or g in own] + sorted(
            set(parents) - set(GROUP_CODES)):
        tags: list[str] = []
        chain: str | None = group
        seen: set[str] = set()
        while chain is not None and chain not in seen:
            seen.add(chain)
            tags[:0] = [c for c in own.get(chain, ()) if c not in tags]
            chain = parents.get(chain)
        result[group] = tuple(tags)
    return result


@cache
def load_standard(folder: Path | None = None) -> Standard:
    """The standard, every part of `folder` (default: the shipped encoding) merged; cached."""
    root = folder or standard_folder()
    files = sorted(root.glob("*.yaml"))
    if not files:
        raise ConfigError(t("找不到标准编码文件（*.yaml）", "no standard files (*.yaml) found"),
                          file=str(root))
    merger = _Merger()
    for path in files:
        merger.add(load_document(path, "standard"))
    return _build(merger)
