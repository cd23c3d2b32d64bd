"""The 排名 sheet: one row per center in rank order, then the centers whose inputs are
incomplete (待补正, not ranked, with their causes), then the centers that failed.

The ranked rows' rank, composite and grade are formulas (`ranking_formulas`) over the parts,
a street adjustment a street office may type, and the 计算参数 block under the table."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from openpyxl.styles import Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from cscaudit.engine.district.assessment import Assessment
from cscaudit.i18n import Lang, Text, t
from cscaudit.report.district.ranking_formulas import (
    ADJUST_HEADER,
    C_GRADE,
    C_PEER,
    FORMULA_NOTES,
    RankedRows,
    veto_state_text,
    write_parameters,
    write_row_formulas,
)
from cscaudit.report.district.sheet_kit import FONT_NAME, table, title
from cscaudit.report.labels import cause_line, veto_pending_mark
from cscaudit.scoring.district.model import CenterAudit
from cscaudit.scoring.district.ranking import RankedCenter
from cscaudit.scoring.district.settings import PART_NAMES, AssessSettings

LINK_FONT = Font(name=FONT_NAME, color="0563C1", underline="single")
HEADERS = (t("排名", "Rank"), t("街道", "Street"), t("中心编号", "Center id"),
           t("中心名称", "Center"), t("综合得分", "Composite"), t("街道考核部分", "Street part"),
           ADJUST_HEADER, t("同级互评部分", "Peer part"), t("居民满意部分", "Resident part"),
           t("一票否决", "Veto"), t("等级", "Grade"), t("备注", "Notes"))
PREVIOUS = (t("上年排名", "Last rank"), t("上年综合得分", "Last composite"),
            t("得分变化", "Change"), t("名次变化", "Places gained"))
WIDTHS = (7, 14, 16, 22, 10, 11, 11, 11, 11, 9, 10, 40, 9, 11, 9, 9)
GRADE_WIDTH_WITH_MARK = 21  # 良好（一票否决待核实） on one line: a formula's text is not fitted
FORMATS = {5: "0.00", 6: "0.00", 8: "0.00", 9: "0.00", 14: "0.00"}


def weights_note(assessment: Assessment) -> Text:
    w = assessment.ranking.settings.weights
    parts = [(PART_NAMES[p], getattr(w, p)) for p in ("street", "peer", "resident")
             if getattr(w, p) > 0]
    zh = " + ".join(f"{name.zh} {share * 100:g}%" for name, share in parts)
    en = " + ".join(f"{name.en} {share * 100:g}%" for name, share in parts)
    note = t(f"综合得分 = {zh}；缺少某部分时其余权重按比例放大，并在备注中注明。",
             f"Composite = {en}; when a part is missing the other weights are scaled up and the "
             "notes say so.")
    if w.resident > 0:
        note = note + t(
            "居民满意部分取自中心的满意度测评；为免同一测评计两次，街道考核部分不含满意度指标"
            "（其分值移出分母，与不适用指标同样处理）。",
            " The resident part is the center's satisfaction survey; so that one survey is not "
            "counted twice, the street part leaves the satisfaction indicator out (its points "
            "leave the denominator, as a not-applicable indicator's do).")
    return note


def _notes(row: RankedCenter, lang: Lang, settings: AssessSettings) -> str:
    notes: list[str] = []
    if row.composite.veto:
        notes.append(t("一票否决", "veto")(lang))
    if row.capped:
        notes.append(t(f"达到“{row.composite.grade}”分数线但超出比例上限",
                       f"reached {settings.label(row.composite.grade, 'en')} but outside the "
                       "cap")(lang))
    notes.extend(t("缺少", "no ")(lang) + PART_NAMES[part](lang) for part in row.composite.missing)
    if row.audit.unusable_files:
        notes.append(t("有无法读取的导出文件：", "unreadable exports: ")(lang)
                     + ", ".join(row.audit.unusable_files))
    return "；".join(notes) if lang == "zh" else "; ".join(notes)


def _row(row: RankedCenter, lang: Lang, settings: AssessSettings, *,
         with_previous: bool) -> list[Any]:
    """The row's values; rank, composite and grade (and the changes) become formulas."""
    comp = row.composite
    values: list[Any] = [None, row.audit.street, row.center_id,
                         row.audit.result.center.get("name", ""), None, comp.street, None,
                         comp.peer, comp.resident, veto_state_text(row.audit.result.score, lang),
                         None, _notes(row, lang, settings)]
    if with_previous:
        prev = row.previous
        values += [prev.rank if prev else None, prev.composite if prev else None, None, None]
    return values


PENDING = t("待补正", "to be completed")


def causes_text(audit: CenterAudit, lang: Lang, scrub: Callable[[str], str]) -> str:
    """The causes that withhold a center's grade, as one cell (file: what; todo)."""
    return "\n".join(cause_line(c, lang, scrub) for c in audit.result.completeness.causes)


def _pending_row(audit: CenterAudit, lang: Lang, scrub: Callable[[str], str]) -> list[Any]:
    score = audit.result.score
    provisional = t(f"暂定清单得分 {score.total:.2f}（不排名）。",
                    f"provisional checklist score {score.total:.2f} (not ranked). ")(lang)
    return ["—", audit.street, audit.center_id, audit.result.center.get("name", ""), None,
            None, None, None, None, None, PENDING(lang),
            provisional + causes_text(audit, lang, scrub)]


def write_ranking(ws: Worksheet, assessment: Assessment, lang: Lang,
                  scrub: Callable[[str], str], *, links: Mapping[str, str],
                  notes: Sequence[str] = ()) -> None:
    """Fill `ws`; `links` maps a center path (entry.rel) to its sheet name; `notes` go
    under the title after the ranking rule."""
    ranking = assessment.ranking
    name = assessment.district.name or ""
    top = title(ws, t(f"{name} {assessment.period} 年度考核排名", f"{name} {assessment.period} "
                      "annual assessment ranking")(lang).strip(),
                [ranking.rule(lang), weights_note(assessment)(lang), *notes,
                 *(note(lang) for note in (FORMULA_NOTES if ranking.ranked else ()))])
    with_previous = assessment.has_previous
    headers = [h(lang) for h in HEADERS + (PREVIOUS if with_previous else ())]
    rows = [_row(r, lang, ranking.settings, with_previous=with_previous) for r in ranking.ranked]
    rows += [_pending_row(a, lang, scrub) for a in ranking.pending]
    rows += [["—", f.street, f.center_id, "", None, None, None, None, None, None,
              t("未评", "not rated")(lang),
              t("无法审核：", "cannot be audited: ")(lang) + scrub(f.reason(lang))
              + (f" ({f.where})" if f.where else "")] for f in ranking.failed]
    last = table(ws, top, headers, rows, WIDTHS, lang=lang, formats=FORMATS)
    ranked = (RankedRows(top + 1, top + len(ranking.ranked)) if ranking.ranked else None)
    params = write_parameters(ws, ranking.settings, ranked, lang, top=last + 2)
    if ranked is not None:
        write_row_formulas(ws, ranked, params, lang, with_previous=with_previous)
    if any(veto_pending_mark(r.audit.result.score, lang) for r in ranking.ranked):
        ws.column_dimensions[get_column_letter(C_GRADE)].width = GRADE_WIDTH_WITH_MARK
    named = [r.audit.entry.rel for r in ranking.ranked] + [a.entry.rel for a in ranking.pending]
    rels = named + [f.entry.rel for f in ranking.failed]
    for offset, rel in enumerate(rels, start=top + 1):
        sheet = links.get(rel)
        if sheet and offset <= last:
            cell = ws.cell(row=offset, column=4 if offset - top <= len(named) else 3)
            cell.hyperlink = Hyperlink(ref=cell.coordinate,
                                       location=f"{quote_sheetname(sheet)}!A1")  # ' doubled
            cell.font = LINK_FONT
    if ranking.settings.weights.peer <= 0 and all(r.composite.peer is None for r in ranking.ranked):
        ws.column_dimensions[get_column_letter(C_PEER)].hidden = True
