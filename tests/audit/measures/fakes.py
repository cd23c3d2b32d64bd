"""Small stand-ins for the Center, Standard and WorkCalendar a measure consults.

Golden cases describe them in YAML; these dataclasses give them the attributes the real
models expose, so the measure kinds are tested without loading real files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cscaudit.config.standard_model import CATALOGUES
from cscaudit.i18n import Text

GENERAL = ("policy_publicity", "info_collection", "community_info", "communication")
ELDERLY = ("health_status", "children_contact", "care_services", "medical_services", "psychological_support")
GROUP_CONTENT = {
    "temporary": ("landlord_info", "employment_status"),
    "elderly": ELDERLY, "elderly_alone": ELDERLY, "elderly_high_risk": ELDERLY,
    "disabled": ("physical_condition", "family_living", "medical_care_info"),
    "unemployed": ("employment_verification", "reemployment_info", "employment_platform"),
    "low_income": ("assistance_info", "school_aid", "support_policies"),
    "general": (),
}


@dataclass(frozen=True)
class Entry:
    id: str
    name: Text
    required: bool = False
    category: str | None = None


@dataclass(frozen=True)
class Tag:
    code: str
    label: Text
    keywords: tuple[str, ...] = ()
    synonyms: tuple[str, ...] = ()

    @property
    def terms(self) -> tuple[str, ...]:
        return (self.label.zh, *self.synonyms, *self.keywords)


def _entries(raw: Mapping[str, Any]) -> dict[str, Entry]:
    """`{id: {name: 名称, required: true, category: c}}` or `{id: 名称}`."""
    out = {}
    for key, value in raw.items():
        spec = value if isinstance(value, Mapping) else {"name": value}
        name = str(spec.get("name", key))
        out[key] = Entry(key, Text(name, key), bool(spec.get("required", False)), spec.get("category"))
    return out


@dataclass(frozen=True)
class FakeStandard:
    general_content: tuple[str, ...] = GENERAL
    group_content: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: dict(GROUP_CONTENT))
    content_tags: Mapping[str, Tag] = field(default_factory=dict)
    categories: Mapping[str, Entry] = field(default_factory=dict)
    service_items: Mapping[str, Entry] = field(default_factory=dict)
    zones: Mapping[str, Entry] = field(default_factory=dict)
    postings: Mapping[str, Entry] = field(default_factory=dict)
    amenities: Mapping[str, Entry] = field(default_factory=dict)
    event_classes: Mapping[str, Entry] = field(default_factory=dict)
    plan_sections: Mapping[str, Entry] = field(default_factory=dict)
    item_fields: Mapping[str, Text] = field(default_factory=dict)

    def catalogue(self, name: str) -> Mapping[str, Entry]:
        if name not in CATALOGUES:
            raise KeyError(name)
        value: Mapping[str, Entry] = getattr(self, name)
        return value


def _tag(code: str, raw: Any) -> Tag:
    """`code: 标签` or `code: {label: 标签, keywords: [关键词], synonyms: [同义词]}`."""
    if isinstance(raw, Mapping):
        return Tag(code, Text(str(raw["label"]), code), tuple(raw.get("keywords", ())),
                   tuple(raw.get("synonyms", ())))
    return Tag(code, Text(str(raw), code))


def fake_standard(raw: Mapping[str, Any] | None) -> FakeStandard:
    raw = dict(raw or {})
    kwargs: dict[str, Any] = {}
    for name in ("categories", "service_items", "zones", "postings", "amenities", "event_classes",
                 "plan_sections"):
        if name in raw:
            kwargs[name] = _entries(raw[name])
    if "general_content" in raw:
        kwargs["general_content"] = tuple(raw["general_content"])
    if "group_content" in raw:
        kwargs["group_content"] = {k: tuple(v) for k, v in raw["group_content"].items()}
    if "content_tags" in raw:
        kwargs["content_tags"] = {k: _tag(k, v) for k, v in raw["content_tags"].items()}
    return FakeStandard(**kwargs)


@dataclass(frozen=True)
class FakeContacts:
    updated_on: dt.date | None
    entries: tuple[str, ...]


@dataclass(frozen=True)
class FakeSection:
    title: str
    section_id: str | None
    line: int = 1


@dataclass(frozen=True)
class FakePlan:
    title: str
    classes: tuple[str, ...] = ()
    subtypes: tuple[str, ...] = ()
    sections: tuple[FakeSection, ...] = ()
    contacts: FakeContacts | None = None
    path: str = "center.yaml"  # an inline plan's
    line: int = 1


@dataclass(frozen=True)
class FakeCenter:
    data: Mapping[str, Any]
    plans: tuple[FakePlan, ...] = ()
    root: None = None
    source: None = None


def fake_center(raw: Mapping[str, Any] | None) -> FakeCenter:
    raw = dict(raw or {})
    plans = []
    for p in raw.get("plans", ()):
        contacts = p.get("contacts")
        plans.append(FakePlan(
            title=p["title"], classes=tuple(p.get("classes", ())), subtypes=tuple(p.get("subtypes", ())),
            sections=tuple(FakeSection(s, s) for s in p.get("sections", ())),
            contacts=None if contacts is None else FakeContacts(contacts.get("updated_on"),
                                                                tuple(contacts.get("entries", ("x",)))),
            path=p.get("path", "center.yaml"),
        ))
    return FakeCenter(data=raw.get("data", {}), plans=tuple(plans))


class FakeCalendar:
    """Monday to Friday, minus `holidays`, plus make-up `workdays`; the official rule for N
    working days (counted from the day after receipt)."""

    def __init__(self, holidays: list[dt.date] | None = None, workdays: list[dt.date] | None = None) -> None:
        self.holidays = set(holidays or ())
        self.workdays = set(workdays or ())

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def add_working_days(self, received: dt.date, n: int) -> dt.date:
        day, left = received, n
        while left > 0:
            day += dt.timedelta(days=1)
            left -= self.is_working_day(day)
        return day

    def on_time(self, received: dt.date, completed: dt.date, n: int) -> bool:
        return completed <= self.add_working_days(received, n)
