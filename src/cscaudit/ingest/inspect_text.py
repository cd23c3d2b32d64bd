"""The plain-text form of `cscaudit inspect` (bilingual labels, issues masked already)."""

from __future__ import annotations

from cscaudit.i18n import Lang
from cscaudit.ingest.inspect import TableReport

REASONS = {"blank": ("空行", "blank"), "total": ("合计行", "total row"),
           "repeated_header": ("重复表头", "repeated header"), "note": ("说明文字", "note"),
           "example": ("模板示例行", "template example row")}


def _label(zh: str, en: str, lang: Lang) -> str:
    return zh if lang == "zh" else en


def _names(table: str | None, lang: Lang) -> tuple[str, dict[str, str]]:
    """The table's name and its fields' names for people in `lang` (`走访记录`, `走访日期`):
    the Chinese text shows no internal keys; the English keeps the codes."""
    from cscaudit.ingest.dictionary import load_dictionary

    spec = load_dictionary().tables.get(table) if table else None
    if spec is None or lang != "zh":
        return table or "?", {}
    return spec.title.zh, {name: f.title.zh for name, f in spec.fields.items()}


def render_one(report: TableReport, lang: Lang, limit: int | None) -> list[str]:
    where = report.file + (f" [{report.sheet}]" if report.sheet else "")
    lines = [f"{where}"]
    table, fields = _names(report.table, lang)
    lines.append(f"  {_label('表', 'table', lang)}: {table}")
    if report.encoding:
        lines.append(f"  {_label('编码', 'encoding', lang)}: {report.encoding}")
    if report.header_row:
        lines.append(f"  {_label('表头行', 'header row', lang)}: {report.header_row}")
    if report.columns:
        lines.append(f"  {_label('列', 'columns', lang)}:")
        for col in report.columns:
            if not col.header and col.field is None:
                continue
            target = (fields.get(col.field, col.field) if col.field
                      else _label("（未使用）", "(not used)", lang))
            lines.append(f"    {col.letter:>3}  {col.header} -> {target}")
    if report.error is not None:
        lines.append(f"  {_label('无法使用', 'unusable', lang)}: {report.error(lang)}")
        return lines
    skipped = sum(report.rows_skipped.values())
    reasons = ", ".join(f"{_label(*REASONS.get(k, (k, k)), lang)} {v}"
                        for k, v in sorted(report.rows_skipped.items()))
    lines.append(f"  {_label('读取行数', 'rows read', lang)}: {report.rows_read}; "
                 f"{_label('有效记录', 'records', lang)}: {report.rows_parsed}; "
                 f"{_label('跳过', 'skipped', lang)}: {skipped}" + (f" ({reasons})" if reasons else ""))
    for name, found in sorted(report.spellings.items()):
        lines.append(f"  {_label('户的写法', 'household spellings', lang)} "
                     f"({fields.get(name, name)}):")
        for example, key in found:
            canonical = key or _label("（不是门牌地址，按户号原样比对）",
                                      "(not an address: compared as written)", lang)
            lines.append(f"    {example} -> {canonical}")
    if report.issues:
        total = len(report.issues)
        shown = report.issues if limit is None else report.issues[:limit]
        lines.append(f"  {_label('问题', 'issues', lang)} ({total}):")
        for issue in shown:
            cell = f"{issue.column or ''}{issue.row or ''}" or "-"
            raw = f" «{issue.raw}»" if issue.raw else ""
            lines.append(f"    {cell:>7} {issue.header or ''}{raw}: {issue.message(lang)} [{issue.code}]")
        if len(shown) < total:
            lines.append("    " + _label(f"……另有 {total - len(shown)} 条，用 --all 查看全部",
                                        f"... {total - len(shown)} more: use --all to see them", lang))
    else:
        lines.append("  " + _label("没有发现问题", "no issues", lang))
    return lines


def render(reports: list[TableReport], lang: Lang, limit: int | None) -> str:
    out: list[str] = []
    for report in reports:
        if out:
            out.append("")
        out.extend(render_one(report, lang, limit))
    return "\n".join(out)
