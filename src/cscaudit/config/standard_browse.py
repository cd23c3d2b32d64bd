"""What `cscaudit standard [SECTION]` shows: views of the encoded standard as data and text.

`view(standard, section)` returns a JSON-ready dict (bilingual texts as `{zh, en}`);
`render(standard, section, lang)` returns the same content as text lines. Sections: the
overview (no section), `requirements`, `items`, `processes`, `content`, `plans`, `zones`,
`postings`, `amenities`, or a requirement id or id prefix (`N36735.6.2`). An unknown section
raises `InputError` with the closest name.
"""

from __future__ import annotations

import difflib
import unicodedata
from typing import Any

from cscaudit.config.standard_model import CatalogueEntry, Requirement, Standard
from cscaudit.config.yamlio.model import JsonObject
from cscaudit.errors import InputError
from cscaudit.i18n import Lang, Text, t

SECTIONS: tuple[str, ...] = ("requirements", "items", "processes", "content", "plans",
                             "zones", "postings", "amenities")
_LEVEL = {"shall": t("应", "shall"), "should": t("宜", "should")}
_CONFIDENCE = {"confirmed": t("已确认", "confirmed"), "brief": t("据资料重构", "reconstructed"),
               "inferred": t("推断", "inferred")}
_UNVERIFIED = t("未核实", "unverified")
PROVENANCE = t(
    "说明：未能取得标准正式文本。N36735.* 为本工具的内部编号，不是官方条款号；"
    "“条款”一栏仅在核实后填写。",
    "Note: the official text of the standard could not be obtained. N36735.* ids are internal, "
    "not official clause numbers; the clause column is filled only once verified.")


def _tx(text: Text) -> dict[str, str]:
    return {"zh": text.zh, "en": text.en}


def _req(r: Requirement) -> dict[str, Any]:
    return {"id": r.id, "title": _tx(r.title), "level": r.level, "clause": r.clause,
            "verified": r.verified, "source": r.source, "confidence": r.confidence, "part": r.part}


def _entry(e: CatalogueEntry) -> dict[str, Any]:
    return {"id": e.id, "name": _tx(e.name), "synonyms": list(e.synonyms),
            "required": e.required, "requirement": e.requirement}


def resolve_section(std: Standard, section: str | None) -> str | None:
    """The canonical section name, a requirement id prefix, or None for the overview."""
    if section is None or section.strip() == "":
        return None
    s = section.strip()
    if s.lower() in SECTIONS:
        return s.lower()
    upper = s.upper()
    if upper.startswith("N36735") and any(r == upper or r.startswith(upper + ".")
                                          for r in std.requirements):
        return upper
    close = difflib.get_close_matches(s.lower(), SECTIONS, n=1) or difflib.get_close_matches(
        upper, list(std.requirements) + list(std.sections), n=1)
    hint = t(f"；是否应为 {close[0]}？", f"; did you mean {close[0]}?") if close else t("", "")
    raise InputError(t(f"未知的部分 {section!r}：可选 {'、'.join(SECTIONS)} 或要求编号（如 N36735.6.2）",
                       f"unknown section {section!r}: choose one of {', '.join(SECTIONS)} "
                       "or a requirement id (such as N36735.6.2)") + hint)


def view(std: Standard, section: str | None) -> JsonObject:
    """The JSON-ready content of one section (or the overview)."""
    name = resolve_section(std, section)
    out: dict[str, Any] = {"standard": std.name, "section": name or "overview",
                           "note": _tx(PROVENANCE)}
    if name is None:
        out["parts"] = list(std.parts)
        out["sections"] = [{"id": s.id, "title": _tx(s.title), "requirements": sum(
            1 for r in std.requirements.values() if r.section == s.id)} for s in std.sections.values()]
        out["counts"] = {"requirements": len(std.requirements), "service_items": len(std.service_items),
                         "categories": len(std.categories), "processes": len(std.processes),
                         "content_tags": len(std.content_tags), "plan_sections": len(std.plan_sections),
                         "zones": len(std.zones), "postings": len(std.postings),
                         "amenities": len(std.amenities)}
    elif name == "requirements" or name.startswith("N36735"):
        prefix = "" if name == "requirements" else name
        out["requirements"] = [_req(r) for r in std.requirements.values()
                               if not prefix or r.id == prefix or r.id.startswith(prefix + ".")]
    elif name == "items":
        out["categories"] = [{**_entry(c), "items": [
            {"id": i.id, "name": _tx(i.name), "synonyms": list(i.synonyms)}
            for i in std.service_items.values() if i.category == c.id]} for c in std.categories.values()]
    elif name == "processes":
        out["processes"] = [{"id": p.id, "name": _tx(p.name), "requirement": p.requirement, "steps": [
            {"id": s.id, "name": _tx(s.name), "required": s.required, "requirement": s.requirement,
             "evidence": f"{s.evidence_table}.{s.evidence_field}" if s.evidence_table else None}
            for s in p.steps]} for p in std.processes.values()]
    elif name == "content":
        out["general"] = list(std.general_content)
        out["groups"] = [{"id": g.id, "name": _tx(g.name), "inherits": g.inherits,
                          "content": list(std.required_content(g.id))} for g in std.groups.values()]
        out["tags"] = [{"code": c.code, "label": _tx(c.label), "synonyms": list(c.synonyms),
                        "keywords": list(c.keywords),
                        "phrasings": [{"verbs": list(p.verbs), "objects": list(p.objects),
                                       "gap": p.gap} for p in c.phrasings],
                        "groups": list(c.groups), "requirement": c.requirement}
                       for c in std.content_tags.values()]
    elif name == "plans":
        out["event_classes"] = [{"id": c.id, "name": _tx(c.name), "synonyms": list(c.synonyms),
                                 "subtypes": [_entry(s) for s in c.subtypes]}
                                for c in std.event_classes.values()]
        out["plan_sections"] = [{"id": s.id, "name": _tx(s.name), "synonyms": list(s.synonyms),
                                 "required": s.required, "requirement": s.requirement}
                                for s in std.plan_sections.values()]
        rule = std.contact_list
        out["contact_list"] = {"fields": list(rule.fields), "review_months": rule.review_months,
                               "min_entries": rule.min_entries, "requirement": rule.requirement}
    else:
        out[name] = [_entry(e) for e in std.catalogue(name).values()]
    return out


def _pad(text: str, columns: int) -> str:
    """`text` padded to `columns` display columns (CJK characters take two)."""
    width = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(1, columns - width)


def _req_line(r: Requirement, lang: Lang) -> str:
    clause = r.clause if r.clause else _UNVERIFIED(lang)
    return (_pad(r.id, 15) + _pad(_LEVEL[r.level](lang), 7) + _pad(_CONFIDENCE[r.confidence](lang), 14)
            + _pad(clause, 11) + r.title(lang))


def _entry_line(e: CatalogueEntry, lang: Lang) -> str:
    mark = "*" if e.required else " "
    syn = f"  ({'、'.join(e.synonyms)})" if e.synonyms and lang == "zh" else ""
    return f"  {mark} {e.id:<24} {e.name(lang)}{syn}"


def render(std: Standard, section: str | None, lang: Lang) -> list[str]:
    """The section as text lines in `lang`."""
    name = resolve_section(std, section)
    lines = [f"{std.name} — {PROVENANCE(lang)}", ""]
    if name is None:
        lines.append(t("部分：", "parts: ")(lang) + ", ".join(std.parts))
        for s in std.sections.values():
            n = sum(1 for r in std.requirements.values() if r.section == s.id)
            lines.append(f"  {s.id:<12} {s.title(lang)}" + (f"  [{n}]" if n else ""))
        lines += ["", t("可查看：", "browse: ")(lang) + " | ".join(SECTIONS)
                  + t("，或要求编号前缀（如 N36735.6.2）", ", or a requirement id prefix (N36735.6.2)")(lang)]
    elif name == "requirements" or name.startswith("N36735"):
        head = (t("编号", "id"), t("级别", "level"), t("可信度", "confidence"), t("条款", "clause"))
        lines.append("".join(_pad(h(lang), w) for h, w in zip(head, (15, 7, 14, 11), strict=True))
                     + t("要求", "requirement")(lang))
        for r in view(std, name)["requirements"]:
            lines.append(_req_line(std.requirements[r["id"]], lang))
    elif name == "items":
        for c in std.categories.values():
            lines.append(f"{'*' if c.required else ' '} {c.id:<12} {c.name(lang)}")
            lines += [f"      {i.id:<36} {i.name(lang)}" for i in std.service_items.values()
                      if i.category == c.id]
    elif name == "processes":
        for p in std.processes.values():
            lines.append(f"{p.id} — {p.name(lang)}")
            for n, step in enumerate(p.steps, 1):
                ev = f"  ← {step.evidence_table}.{step.evidence_field}" if step.evidence_table else ""
                optional = "" if step.required else t("（可选）", " (optional)")(lang)
                lines.append(f"  {n}. {step.name(lang)}{optional}{ev}")
    elif name == "content":
        tags = std.content_tags
        lines.append(t("每次走访（任一项即可）：", "every visit (any one of): ")(lang)
                     + ", ".join(tags[c].label(lang) for c in std.general_content))
        for g in std.groups.values():
            own = [tags[c].label(lang) for c in std.group_content.get(g.id, ())]
            lines.append(f"  {g.id:<18} {g.name(lang)}: " + (", ".join(own) or "—"))
        lines.append("")
        lines.append(t("标签（同义写法 | 自由文本关键词 | 说法）：",
                       "tags (synonyms | free-text keywords | phrasings):")(lang))
        for tag in tags.values():
            phrasings = "；".join(f"{'/'.join(p.verbs)}…{'/'.join(p.objects)}" for p in tag.phrasings)
            lines.append(f"  {tag.code:<24} {tag.label(lang)}: {'、'.join(tag.synonyms) or '—'} | "
                         f"{'、'.join(tag.keywords)} | {phrasings or '—'}")
    elif name == "plans":
        for cls in std.event_classes.values():
            subs = ", ".join(s.name(lang) for s in cls.subtypes)
            lines.append(f"  {cls.id:<18} {cls.name(lang)}: {subs}")
        lines.append("")
        for ps in std.plan_sections.values():
            syn = f"  ({'、'.join(ps.synonyms)})" if ps.synonyms else ""
            lines.append(f"  {'*' if ps.required else ' '} {ps.id:<20} {ps.name(lang)}{syn}")
        lines.append(t(f"应急联系人名单须在 {std.contact_list.review_months} 个月内更新",
                       f"contact list updated within {std.contact_list.review_months} months")(lang))
    else:
        lines += [_entry_line(e, lang) for e in std.catalogue(name).values()]
    if name in ("items", "plans", "zones", "postings", "amenities"):
        lines += ["", t("* 表示全国基线要求", "* required by the national baseline")(lang)]
    return lines
