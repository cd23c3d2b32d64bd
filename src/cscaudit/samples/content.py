"""Visit content as social workers write it: the standard's content, phrased several ways.

The tag codes and what each resident group requires come from the encoded standard
(`cscaudit.config.standard.load_standard()`); the labels written into the export are the standard's
own Chinese labels or one of their keywords (standard and field dictionary), so the reader
recognises every one while texts vary from visit to visit. When the standard
cannot be loaded (a broken checkout) the generator falls back to the contract's labels.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache

from cscaudit.samples.model import pick

GENERAL = ("policy_publicity", "info_collection", "community_info", "communication")
_ELDERLY = ("health_status", "children_contact", "care_services", "medical_services",
            "psychological_support")
GROUP_TAGS: dict[str, tuple[str, ...]] = {
    "temporary": ("landlord_info", "employment_status"),
    "elderly": _ELDERLY, "elderly_alone": _ELDERLY, "elderly_high_risk": _ELDERLY,
    "disabled": ("physical_condition", "family_living", "medical_care_info"),
    "unemployed": ("employment_verification", "reemployment_info", "employment_platform"),
    "low_income": ("assistance_info", "school_aid", "support_policies"),
    "general": (),
}
LABELS: dict[str, str] = {
    "policy_publicity": "政策宣传", "info_collection": "信息采集",
    "community_info": "社区信息", "communication": "沟通交流",
    "landlord_info": "房东信息", "employment_status": "就业情况",
    "health_status": "健康状况", "children_contact": "子女联系方式",
    "care_services": "养老服务信息", "medical_services": "医疗服务信息",
    "psychological_support": "心理疏导",
    "physical_condition": "身体状况", "family_living": "家庭生活状况",
    "medical_care_info": "医疗保健信息",
    "employment_verification": "就业状况核实", "reemployment_info": "再就业信息",
    "employment_platform": "就业平台登记",
    "assistance_info": "救助信息", "school_aid": "助学信息", "support_policies": "扶持政策",
}
SEPARATORS = ("、", "、", "、", "；", "，")


@dataclass(frozen=True, slots=True)
class ContentCatalogue:
    general: tuple[str, ...]
    by_group: dict[str, tuple[str, ...]]
    labels: dict[str, str]
    variants: dict[str, tuple[str, ...]]  # ways of writing each tag (label first)

    def required(self, group: str) -> tuple[str, ...]:
        return self.general + self.by_group.get(group, ())


def _variants(labels: dict[str, str], keywords: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    """The label and longer keywords that belong to that tag alone.

    A phrase shared by two tags (身体状况 is both elderly health and a disabled resident's
    condition) would be read as one of them only, so it is never used.
    """
    owners: dict[str, set[str]] = {}
    for code, label in labels.items():
        owners.setdefault(label, set()).add(code)
    for code, words in keywords.items():
        for word in words:
            owners.setdefault(word, set()).add(code)
    out: dict[str, tuple[str, ...]] = {}
    for code, label in labels.items():
        candidates = [label, *(k for k in keywords.get(code, []) if len(k) >= 3)]
        unique = tuple(dict.fromkeys(k for k in candidates if owners[k] == {code}))
        out[code] = unique or (label,)
    return out


def _dictionary_keywords() -> dict[str, list[str]]:
    try:
        from cscaudit.ingest import load_dictionary

        dictionary = load_dictionary()
        return {code: list(words) for code, words in dictionary.content_keywords.items()}
    except Exception:  # the reader's dictionary is unavailable: labels only
        return {}


@cache
def catalogue() -> ContentCatalogue:
    """The content each group's visits must cover, with the phrases to write."""
    keywords = _dictionary_keywords()
    try:
        from cscaudit.config.standard import load_standard

        standard = load_standard()
        general = tuple(standard.general_content)
        by_group = {g: tuple(tags) for g, tags in standard.group_content.items()}
        labels = {code: tag.label.zh for code, tag in standard.content_tags.items()}
        for code, tag in standard.content_tags.items():
            keywords.setdefault(code, []).extend(tag.keywords)
        if general and by_group and all(c in labels for c in general):
            for tags in by_group.values():
                for code in tags:
                    labels.setdefault(code, LABELS.get(code, code))
            return ContentCatalogue(general, by_group, labels, _variants(labels, keywords))
    except Exception:  # no usable standard: use the contract's labels
        pass
    return ContentCatalogue(GENERAL, GROUP_TAGS, LABELS, _variants(LABELS, keywords))


def content_text(rng: random.Random, tags: list[str]) -> str:
    """Each tag written one of its ways, in a shuffled order, with the system's separator."""
    cat = catalogue()
    phrases = [pick(rng, cat.variants[code]) if code in cat.variants else cat.labels.get(code, code)
               for code in tags]
    rng.shuffle(phrases)
    return pick(rng, SEPARATORS).join(phrases)
