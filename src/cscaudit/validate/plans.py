"""Emergency-plan sections against the standard's required set (synonyms accepted).

A plan lists its sections by heading. Each heading is matched to a section of the standard
(`Standard.match_section`, which accepts the synonyms the standard lists). A required section
that no heading matches is a warning naming it (`--strict` makes it fail the run); a heading that matches nothing is a warning
(it may be a local addition, or a misspelt required section).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from cscaudit.config.documents import DocProblem
from cscaudit.config.yamlio import JsonPath, LoadedYaml
from cscaudit.i18n import t
from cscaudit.suggest import did_you_mean

_HEADING_KEYS = ("title", "heading", "name")
# A plan without a required section is still a usable document: the audit scores the gap
# (plan_completeness). So validate warns (and `--strict` fails the run) rather than rejecting
# the file; sample centers deliberately carry such gaps.
MISSING_SECTION_SEVERITY = "warning"


def _headings(sections: Any, base: JsonPath) -> Iterator[tuple[JsonPath, str]]:
    if isinstance(sections, list):
        for i, item in enumerate(sections):
            if isinstance(item, str):
                yield (*base, i), item
            elif isinstance(item, dict):
                for key in _HEADING_KEYS:
                    value = item.get(key)
                    if isinstance(value, dict):
                        value = value.get("zh")
                    if isinstance(value, str):
                        yield (*base, i, key), value
                        break
    elif isinstance(sections, dict):
        for key in sections:
            yield (*base, key), str(key)


def _names(section: Any) -> tuple[str, str]:
    name = getattr(section, "name", None)
    zh = getattr(name, "zh", None)
    en = getattr(name, "en", None)
    ident = str(getattr(section, "id", ""))
    return (zh if isinstance(zh, str) else ident, en if isinstance(en, str) else ident)


def check_plan_sections(loaded: LoadedYaml, plan: Mapping[str, Any], base: JsonPath,
                        standard: Any) -> list[DocProblem]:
    """Missing required sections (errors) and unknown headings (warnings) of one plan."""
    sections_by_id = getattr(standard, "plan_sections", None) if standard is not None else None
    match = getattr(standard, "match_section", None) if standard is not None else None
    if not isinstance(sections_by_id, Mapping) or match is None or "sections" not in plan:
        return []
    found: set[str] = set()
    problems: list[DocProblem] = []
    all_names: list[str] = []
    for section in sections_by_id.values():
        all_names.extend([_names(section)[0], *getattr(section, "synonyms", ())])
    for i, section in enumerate(plan["sections"] if isinstance(plan["sections"], list) else []):
        subs = section.get("subsections") if isinstance(section, dict) else None
        for _, heading in _headings(subs, (*base, "sections", i, "subsections")):
            sub_id = match(heading)
            if sub_id is not None:
                found.add(sub_id)
    for path, heading in _headings(plan["sections"], (*base, "sections")):
        section_id = match(heading)
        if section_id is None:
            line, col = loaded.locate(path)
            problems.append(DocProblem(
                loaded.path, line, col, path,
                t(f"章节 “{heading}” 不对应标准要求的任何章节", f"section '{heading}' matches no "
                  "section the standard asks for") + did_you_mean(heading, all_names),
                "plan-unknown-section", "warning"))
        else:
            found.add(section_id)
    contacts = plan.get("contacts")
    if isinstance(contacts, dict) and contacts.get("entries"):
        found.add("contact_list")  # a structured, non-empty contact list is that section
    missing = [s for sid, s in sections_by_id.items()
               if getattr(s, "required", False) and sid not in found]
    if missing:
        path = (*base, "sections")
        line, col = loaded.locate_key(path) if path in loaded.key_positions else loaded.locate(path)
        for section in missing:
            zh, en = _names(section)
            problems.append(DocProblem(
                loaded.path, line, col, path,
                t(f"预案缺少必备章节 “{zh}”：请补写（同义标题也可）",
                  f"the plan lacks the required section '{en}': add it (a synonym heading is fine)"),
                "plan-missing-section", MISSING_SECTION_SEVERITY))
    problems.extend(_check_classes(loaded, plan, base, standard))
    return problems


def _check_classes(loaded: LoadedYaml, plan: Mapping[str, Any], base: JsonPath,
                   standard: Any) -> list[DocProblem]:
    """Event classes a plan covers must be classes or sub-types the standard knows."""
    match = getattr(standard, "match_event_class", None)
    classes = getattr(standard, "event_classes", None)
    if match is None or not isinstance(classes, Mapping):
        return []
    names: list[str] = []
    for cls in classes.values():
        names.extend([cls.id, cls.name.zh, *cls.synonyms])
        for sub in cls.subtypes:
            names.extend([sub.id, sub.name.zh, *sub.synonyms])
    problems: list[DocProblem] = []
    values = plan.get("classes")
    for i, label in enumerate(values if isinstance(values, list) else []):
        if isinstance(label, str) and match(label) is None:
            path = (*base, "classes", i)
            line, col = loaded.locate(path)
            problems.append(DocProblem(
                loaded.path, line, col, path,
                t(f"未知的突发事件类别 “{label}”", f"unknown event class '{label}'")
                + did_you_mean(label, names),
                "unknown-event-class"))
    return problems
