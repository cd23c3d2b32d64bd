"""Plain views of checklists for `cscaudit checklist`: rows and labels, no printing.

Each function returns data (titles, headers, rows of strings) that `checklist_cmd` prints as a
rich table on a terminal or as aligned plain text otherwise.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cscaudit.checklist.resolved import ResolvedChecklist
from cscaudit.i18n import Lang, Text, t
from cscaudit.measures.base import FrameKind


@dataclass(frozen=True)
class Table:
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def scoring_label(scoring: Mapping[str, Any], lang: Lang) -> str:
    s = scoring
    labels = {
        "deduct": lambda: t(f"每项扣 {s.get('per_defect', 0):g}", f"−{s.get('per_defect', 0):g} each"),
        "ratio": lambda: t(f"比率 {s.get('zero_at', 0):.0%}→{s.get('full_at', 0):.0%}",
                           f"ratio {s.get('zero_at', 0):.0%}→{s.get('full_at', 0):.0%}"),
        "tiers": lambda: t("阶梯 ", "tiers ") + t(*(["/".join(
            f"≥{x['min']:.0%}−{x['lose']:g}" for x in s.get("tiers", []))] * 2)),
        "binary": lambda: t("全有或全无", "all or nothing"),
        "bonus": lambda: t(f"加分 {s.get('per_unit', 0):g}/项，上限 {s.get('cap', 0):g}",
                           f"bonus {s.get('per_unit', 0):g} each, cap {s.get('cap', 0):g}"),
        "veto": lambda: t(f"一票否决（{s.get('threshold', 1)} 项）",
                          f"veto (at {s.get('threshold', 1)})"),
    }
    method = str(s.get("method"))
    return labels[method]()(lang) if method in labels else method


def _value(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _changed_by(resolved: ResolvedChecklist, iid: str) -> str:
    root = resolved.layers[0]
    prefix = f"indicators/{iid}"
    layers = {o.layer for k, o in resolved.provenance.items()
              if (k == prefix or k.startswith(prefix + "/")) and o.layer != root}
    return ", ".join(layer for layer in resolved.layers if layer in layers)


def indicator_table(resolved: ResolvedChecklist, lang: Lang, *, provenance: bool) -> Table:
    headers = [t("指标", "id"), t("领域", "area"), t("名称", "title"), t("度量类型", "kind"),
               t("分值", "points"), t("计分", "scoring"), t("状态", "status")]
    if provenance:
        headers.append(t("配置修改", "changed by"))
    rows = []
    for spec in resolved.indicators:
        status = (t("停用：", "deselected: ")(lang) + spec.deselected(lang)
                  if spec.deselected else "")
        row = [spec.id, spec.area, spec.title(lang), spec.kind, f"{spec.points:g}",
               scoring_label(spec.scoring, lang), status]
        if provenance:
            row.append(_changed_by(resolved, spec.id))
        rows.append(tuple(row))
    title = f"{resolved.title(lang)} — {resolved.id}@{resolved.version}"
    if resolved.profile_id:
        title += " + " + " → ".join(resolved.layers[1:])
    return Table(title, tuple(h(lang) for h in headers), tuple(rows))


def provenance_table(resolved: ResolvedChecklist, lang: Lang) -> Table:
    """Every value a profile set, with the file, line and column that set it."""
    root = resolved.layers[0]
    rows = []
    for key, origin in sorted(resolved.provenance.items()):
        if origin.layer == root:
            continue
        value = _lookup(resolved, key, lang)
        rows.append((key, value, origin.layer, str(origin)))
    headers = (t("设置项", "setting"), t("值", "value"), t("配置", "profile"),
               t("位置", "where"))
    return Table(t("配置修改的设置及其来源", "settings a profile changed, and where")(lang),
                 tuple(h(lang) for h in headers), tuple(rows))


def _set_by(resolved: ResolvedChecklist, iid: str, path: str) -> Text:
    """Who set a parameter: the kind's default (its PARAMS_SCHEMA, filled in at resolution)
    or the id of the checklist or profile that wrote it."""
    spec = resolved.indicator(iid)
    parts = path.split("/")
    if any("/".join(parts[:n]) in spec.param_defaults for n in range(1, len(parts) + 1)):
        return t("度量类型默认值", "kind's default")
    origin = resolved.origin(f"indicators/{iid}/params/{path}")
    return t(*[origin.layer if origin is not None else "—"] * 2)


def param_sources_table(resolved: ResolvedChecklist, lang: Lang) -> Table:
    """Every number and frequency the indicators use (given or a kind's default), its value,
    who set it and where it comes from, with the confidence of that source."""
    from cscaudit.measures.param_sources import covering, sourced_leaves
    from cscaudit.measures.registry import REGISTRY

    rows = []
    for spec in resolved.indicators:
        schema = getattr(REGISTRY.get(spec.kind), "PARAMS_SCHEMA", {})
        for path, value in sourced_leaves(spec.params, schema):
            key = covering(path, spec.param_sources)
            found = spec.param_sources.get(key) if key is not None else None
            rows.append((spec.id, path, _value(value), _set_by(resolved, spec.id, path)(lang),
                         found.source if found else "—",
                         found.confidence if found else "—",
                         found.note(lang) if found and found.note else ""))
    headers = (t("指标", "indicator"), t("参数", "parameter"), t("值", "value"),
               t("设定者", "set by"), t("来源", "source"), t("可信度", "confidence"), t("说明", "note"))
    return Table(t("数值与频次参数的出处", "where each number and frequency comes from")(lang),
                 tuple(h(lang) for h in headers), tuple(rows))


def _lookup(resolved: ResolvedChecklist, key: str, lang: Lang) -> str:
    parts = key.split("/")
    if parts[0] == "indicators" and len(parts) >= 2:
        spec = resolved.indicator(parts[1])
        if len(parts) == 2:
            return spec.title(lang)
        field = parts[2]
        if field == "params":
            node: Any = spec.params
            for part in parts[3:]:
                node = node.get(part) if isinstance(node, Mapping) else None
            return "—" if node is None else _value(node)
        if field == "param_sources":
            found = spec.param_sources.get("/".join(parts[3:]))
            return found.label()(lang) if found else ""
        if field == "deselected":
            return spec.deselected(lang) if spec.deselected else ""
        if field == "scoring":
            return _value(dict(spec.scoring))
        if field == "severity":
            return spec.severity.value
        return _value(getattr(spec, field, ""))
    if parts[0] == "areas":
        area = next((a for a in resolved.areas if a.id == parts[1]), None)
        return f"{area.title(lang)} {area.points:g}" if area else ""
    if parts[0] == "grades":
        return grades_label(resolved, lang)
    if parts[0] == "composite":
        return _value(dict(resolved.composite))
    return _value(getattr(resolved, parts[0], ""))


def grades_label(resolved: ResolvedChecklist, lang: Lang) -> str:
    """`优秀≥90 / 良好≥80 …` in Chinese, `excellent≥90 / good≥80 …` in English."""
    return " / ".join(f"{g.name if lang == 'zh' else g.name_en}≥{g.min:g}"
                      for g in resolved.grades)


def summary_lines(resolved: ResolvedChecklist, lang: Lang) -> list[str]:
    grades = grades_label(resolved, lang)
    from cscaudit.scoring.district.settings import PART_NAMES

    weights = ", ".join(f"{PART_NAMES[k](lang) if k in PART_NAMES else k} {v:.0%}"
                        for k, v in resolved.composite.items()) or "—"
    cap = f"{resolved.excellent_cap:.0%}" if resolved.excellent_cap is not None else "—"
    lines = [
        t(f"满分 {resolved.max_points:g}；等级 {grades}", f"max {resolved.max_points:g}; grades "
          f"{grades}")(lang),
        t(f"综合权重 {weights}；优秀比例上限 {cap}", f"composite {weights}; excellent cap {cap}")(lang),
        required_line(resolved, lang),
    ]
    lines += [t("警告：", "warning: ")(lang) + w(lang) for w in resolved.warnings]
    return lines


def required_line(resolved: ResolvedChecklist, lang: Lang) -> str:
    """The tables a center must provide, and who set the list (the schema's default when no
    checklist or profile did)."""
    names = "、".join(resolved.required_tables) if lang == "zh" else \
        ", ".join(resolved.required_tables)
    origin = resolved.provenance.get("required_tables")
    where = str(origin) if origin is not None else t("默认", "default")(lang)
    return t(f"必须提供的表：{names or '无'}（{where}）",
             f"tables required: {names or 'none'} ({where})")(lang)


def kinds_table(registry: Mapping[str, FrameKind], lang: Lang) -> Table:
    from cscaudit.ingest.dictionary import load_dictionary

    dictionary = load_dictionary()
    separator = "、" if lang == "zh" else ", "
    rows = []
    for kid in sorted(registry):
        module = registry[kid]
        tables = separator.join(dictionary.tables[name].title(lang) for name in module.TABLES)
        summary: Text = module.SUMMARY
        rows.append((kid, tables or t("中心配置", "center.yaml")(lang), summary(lang)))
    headers = (t("度量类型", "kind"), t("读取", "reads"), t("说明", "what it measures"))
    return Table(t("度量类型", "measure kinds")(lang), tuple(h(lang) for h in headers),
                 tuple(rows))


def kinds_json(registry: Mapping[str, FrameKind]) -> list[dict[str, Any]]:
    return [{"id": kid, "tables": list(registry[kid].TABLES),
             "summary": {"zh": registry[kid].SUMMARY.zh, "en": registry[kid].SUMMARY.en},
             "doc": (registry[kid].__doc__ or "").strip(),
             "params_schema": registry[kid].PARAMS_SCHEMA}
            for kid in sorted(registry)]


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def plain(table: Table) -> str:
    """The table as aligned plain text (wide CJK characters count double)."""
    cols = list(zip(table.headers, *table.rows, strict=False)) if table.rows else \
        [(h,) for h in table.headers]
    widths = [max(_width(c) for c in col) for col in cols]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(c + " " * (w - _width(c)) for c, w in zip(cells, widths, strict=True))

    out = [table.title, line(table.headers), line(["-" * w for w in widths])]
    out += [line(row) for row in table.rows]
    return "\n".join(s.rstrip() for s in out)
