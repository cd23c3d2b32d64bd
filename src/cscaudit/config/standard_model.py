"""The encoded GB/T 36735-2018 as frozen data: requirements, catalogues, processes, visit content.

Built by `cscaudit.config.standard.load_standard()`; every mapping is read-only. Requirement ids are
internal (`N36735.6.2.4`) and never an official clause number: `Requirement.clause` holds the
verified clause, or None while the official text has not been checked.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from cscaudit.i18n import Text

GROUP_CODES: tuple[str, ...] = (
    "elderly", "elderly_alone", "elderly_high_risk", "disabled", "unemployed",
    "low_income", "temporary", "general",
)


@dataclass(frozen=True, slots=True)
class Requirement:
    """One requirement of the standard as encoded here."""

    id: str
    title: Text
    level: str  # "shall" | "should"
    clause: str | None
    source: str  # "seed:002", a URL, or "inferred"
    confidence: str  # "confirmed" | "brief" | "inferred"
    part: str
    note: Text | None = None

    @property
    def verified(self) -> bool:
        return self.clause is not None

    @property
    def section(self) -> str:
        """The id of the section this requirement belongs to (`N36735.6.2`)."""
        return self.id.rsplit(".", 1)[0]


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    title: Text


@dataclass(frozen=True, slots=True)
class CatalogueEntry:
    """A functional zone, wall posting, amenity, category or event sub-type."""

    id: str
    name: Text
    synonyms: tuple[str, ...] = ()
    required: bool = False
    requirement: str | None = None


@dataclass(frozen=True, slots=True)
class ServiceItem:
    id: str
    category: str
    name: Text
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ProcessStep:
    id: str
    name: Text
    required: bool
    requirement: str | None = None
    evidence_table: str | None = None
    evidence_field: str | None = None


@dataclass(frozen=True, slots=True)
class Process:
    """A service process as ordered steps."""

    id: str
    name: Text
    requirement: str | None
    steps: tuple[ProcessStep, ...]


@dataclass(frozen=True, slots=True)
class Group:
    id: str
    name: Text
    inherits: str | None = None
    requirement: str | None = None


@dataclass(frozen=True, slots=True)
class Phrasing:
    """A family of free-text phrasings: one of `verbs`, then within `gap` characters one of
    `objects` (讲解…政策, 了解…身体). The verbs and objects are kept short and general."""

    verbs: tuple[str, ...]
    objects: tuple[str, ...]
    gap: int = 8

    def pattern(self) -> str:
        def alternatives(words: tuple[str, ...]) -> str:
            return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        return f"(?:{alternatives(self.verbs)}).{{0,{self.gap}}}?(?:{alternatives(self.objects)})"


@dataclass(frozen=True, slots=True)
class ContentTag:
    """A visit content tag. `groups` lists the groups that require it (empty: general content,
    required of every visit); `synonyms` are other words an exported tag list uses for it;
    `keywords` and `phrasings` recognise it in free text."""

    code: str
    label: Text
    keywords: tuple[str, ...]
    groups: tuple[str, ...]
    requirement: str | None = None
    synonyms: tuple[str, ...] = ()
    phrasings: tuple[Phrasing, ...] = ()

    @property
    def tag_words(self) -> tuple[str, ...]:
        """The words that, alone in a piece of an exported tag list, mean this tag."""
        return (self.label.zh, *self.synonyms)

    @property
    def general(self) -> bool:
        return not self.groups

    @property
    def terms(self) -> tuple[str, ...]:
        """Every word that names this tag on its own: its label, synonyms and keywords (a cell
        made only of such words is a tag list, not free text)."""
        return (*self.tag_words, *self.keywords)


@dataclass(frozen=True, slots=True)
class EventClass:
    id: str
    name: Text
    synonyms: tuple[str, ...]
    subtypes: tuple[CatalogueEntry, ...]


@dataclass(frozen=True, slots=True)
class PlanSection:
    id: str
    name: Text
    synonyms: tuple[str, ...]
    required: bool
    requirement: str | None = None


@dataclass(frozen=True, slots=True)
class ContactListRule:
    fields: tuple[str, ...] = ("role", "name", "phone")
    review_months: int = 12
    min_entries: int = 1
    requirement: str | None = None


@dataclass(frozen=True, slots=True)
class RatingLevel:
    id: str
    name: Text
    negative: bool


_NUMBERING = re.compile(
    r"^(?:第[一二三四五六七八九十百零〇0-9]+[章节条部分篇]"
    r"|[一二三四五六七八九十]+[、.．]"
    r"|[（(][一二三四五六七八九十0-9]+[）)]"
    r"|[0-9]+(?:[.．][0-9]+)*[、.．]?)"
)
def tag_word_key(word: str) -> str:
    """A tag word compared without width, case or spaces (ＡＢ岗 = AB岗, 政策 宣传 = 政策宣传)."""
    return "".join(unicodedata.normalize("NFKC", word).split()).lower()


_NOISE = re.compile(r"[\s　:：、，,。.．;；\"“”'‘’《》〈〉【】\[\]]+")


def normalise_heading(title: str) -> str:
    """A heading without its numbering, spaces and punctuation (`二、 组织机构` -> `组织机构`)."""
    text = title.strip()
    while True:
        stripped = _NUMBERING.sub("", text, count=1).lstrip()
        if stripped == text:
            break
        text = stripped
    return _NOISE.sub("", text)


def _needles(entries: Mapping[str, PlanSection]) -> tuple[tuple[str, str], ...]:
    pairs = {(normalise_heading(s), e.id) for e in entries.values() for s in (e.name.zh, *e.synonyms)}
    return tuple(sorted(pairs, key=lambda p: (-len(p[0]), p[0])))


CATALOGUES = ("zones", "postings", "amenities", "categories")  # what `Standard.catalogue` names


@dataclass(frozen=True)
class Standard:
    """GB/T 36735-2018 as encoded in `standards/gbt36735-2018/*.yaml`, all parts merged."""

    name: str
    parts: tuple[str, ...]
    files: tuple[str, ...]
    sections: Mapping[str, Section]
    requirements: Mapping[str, Requirement]
    item_fields: Mapping[str, Text]
    categories: Mapping[str, CatalogueEntry]
    service_items: Mapping[str, ServiceItem]
    processes: Mapping[str, Process]
    groups: Mapping[str, Group]
    content_tags: Mapping[str, ContentTag]
    general_content: tuple[str, ...]
    group_content: Mapping[str, tuple[str, ...]]
    event_classes: Mapping[str, EventClass]
    plan_sections: Mapping[str, PlanSection]
    contact_list: ContactListRule
    zones: Mapping[str, CatalogueEntry]
    postings: Mapping[str, CatalogueEntry]
    amenities: Mapping[str, CatalogueEntry]
    rating_scale: Mapping[str, RatingLevel] = field(default_factory=dict)

    @cached_property
    def _section_needles(self) -> tuple[tuple[str, str], ...]:
        return _needles(self.plan_sections)

    def match_section(self, title: str) -> str | None:
        """The plan section id a heading stands for (synonyms accepted), or None."""
        text = normalise_heading(title)
        if not text:
            return None
        for needle, section_id in self._section_needles:
            if needle and needle in text:
                return section_id
        return None

    def match_event_class(self, label: str) -> tuple[str, str | None] | None:
        """(class id, sub-type id or None) for a class or sub-type name, id or synonym."""
        text = normalise_heading(label)
        for cls in self.event_classes.values():
            if text in {cls.id, normalise_heading(cls.name.zh), *map(normalise_heading, cls.synonyms)}:
                return cls.id, None
        for cls in self.event_classes.values():
            for sub in cls.subtypes:
                names = {sub.id, normalise_heading(sub.name.zh), *map(normalise_heading, sub.synonyms)}
                if text in names:
                    return cls.id, sub.id
        return None

    @cached_property
    def _tag_words(self) -> Mapping[str, tuple[str, ...]]:
        words: dict[str, list[str]] = {}
        for tag in self.content_tags.values():
            for word in (tag.code, *tag.tag_words):
                codes = words.setdefault(tag_word_key(word), [])
                if tag.code not in codes:
                    codes.append(tag.code)
        return {word: tuple(codes) for word, codes in words.items()}

    def content_tags_for(self, word: str) -> tuple[str, ...]:
        """The content tags an exported tag word stands for (宣传政策 -> policy_publicity;
        居家养老和医疗服务 -> care_services and medical_services); () for a word that is not a
        tag. The one place that says what a tag list may contain: the readers, the visit
        content measure and the pasted-content check all ask here."""
        return self._tag_words.get(tag_word_key(word), ())

    def required_content(self, group: str) -> tuple[str, ...]:
        """Content tags a visit to `group` must cover: general content plus the group's own."""
        own = self.group_content.get(group, ())
        return self.general_content + tuple(c for c in own if c not in self.general_content)

    def catalogue(self, name: str) -> Mapping[str, CatalogueEntry]:
        """One of `zones`, `postings`, `amenities`, `categories` by name; KeyError otherwise."""
        if name not in CATALOGUES:
            raise KeyError(name)
        value: Mapping[str, CatalogueEntry] = getattr(self, name)
        return value

    def required_sections(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.plan_sections.values() if s.required)
