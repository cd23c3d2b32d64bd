"""An emergency plan (应急预案) as read from a plan file or inline in center.yaml.

The plan's headings are kept as written and matched to the standard's plan sections
(synonyms accepted, numbering ignored); its event classes are normalised to the standard's
class ids (a sub-type such as 停电 counts for its class, 事故灾难). Labels that match nothing
stay visible in `unmatched_classes` and in sections whose `section_id` is None, so a validator
or a measure can report them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cscaudit.config.standard_model import Standard
from cscaudit.config.yamlio import JsonPath, LoadedYaml
from cscaudit.config.yamlio.model import YamlMapping

CONTACT_SECTION = "contact_list"


@dataclass(frozen=True, slots=True)
class Contact:
    role: str
    phone: str
    name: str | None = None
    organisation: str | None = None


@dataclass(frozen=True, slots=True)
class PlanContacts:
    """The plan's emergency contact list and the date it was last updated."""

    updated_on: dt.date | None
    entries: tuple[Contact, ...]

    def age_days(self, on: dt.date) -> int | None:
        return None if self.updated_on is None else (on - self.updated_on).days


@dataclass(frozen=True, slots=True)
class FoundSection:
    """A heading of the plan as written, and the standard section it matched (or None)."""

    title: str
    section_id: str | None
    line: int


@dataclass(frozen=True)
class EmergencyPlan:
    path: Path  # the plan file, or center.yaml for an inline plan
    title: str
    classes: tuple[str, ...]  # the standard's event class ids, in first-seen order
    subtypes: tuple[str, ...]  # sub-type ids named (e.g. power_outage)
    unmatched_classes: tuple[str, ...]
    sections: tuple[FoundSection, ...]
    contacts: PlanContacts | None
    data: Mapping[str, Any] = field(repr=False)
    source: LoadedYaml = field(repr=False)
    pointer: JsonPath = ()  # where the plan sits inside `source` (inline plans)
    line: int = 1

    @property
    def inline(self) -> bool:
        return bool(self.pointer)

    @property
    def section_ids(self) -> frozenset[str]:
        """Matched section ids; a non-empty contact list counts as the contact-list section."""
        found = {s.section_id for s in self.sections if s.section_id}
        if self.contacts is not None and self.contacts.entries:
            found.add(CONTACT_SECTION)
        return frozenset(found)

    def missing_sections(self, required: Iterable[str]) -> tuple[str, ...]:
        present = self.section_ids
        return tuple(s for s in required if s not in present)

    def locate(self, path: JsonPath = ()) -> tuple[int, int]:
        """Line and column of a value of this plan (path relative to the plan)."""
        return self.source.locate((*self.pointer, *path))


def _date(value: Any) -> dt.date | None:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _contacts(value: Any) -> PlanContacts | None:
    if not isinstance(value, Mapping):
        return None
    entries = tuple(
        Contact(str(e["role"]), str(e["phone"]), e.get("name"), e.get("organisation"))
        for e in value.get("entries") or () if isinstance(e, Mapping)
    )
    return PlanContacts(_date(value.get("updated_on")), entries)


def _classes(labels: Iterable[str], standard: Standard) -> tuple[list[str], list[str], list[str]]:
    classes: list[str] = []
    subtypes: list[str] = []
    unmatched: list[str] = []
    for label in labels:
        hit = standard.match_event_class(str(label))
        if hit is None:
            unmatched.append(str(label))
            continue
        cls, sub = hit
        if cls not in classes:
            classes.append(cls)
        if sub is not None and sub not in subtypes:
            subtypes.append(sub)
    return classes, subtypes, unmatched


def build_plan(data: YamlMapping, source: LoadedYaml, pointer: JsonPath, path: Path,
               standard: Standard) -> EmergencyPlan:
    """An `EmergencyPlan` from schema-valid plan data located at `pointer` in `source`."""
    classes, subtypes, unmatched = _classes(data.get("classes") or (), standard)
    sections = tuple(
        FoundSection(str(s["title"]), standard.match_section(str(s["title"])),
                     source.locate((*pointer, "sections", i))[0])
        for i, s in enumerate(data.get("sections") or ())
    )
    return EmergencyPlan(
        path=path, title=str(data.get("title", path.stem)), classes=tuple(classes),
        subtypes=tuple(subtypes), unmatched_classes=tuple(unmatched), sections=sections,
        contacts=_contacts(data.get("contacts")), data=data, source=source, pointer=pointer,
        line=source.locate(pointer)[0],
    )
