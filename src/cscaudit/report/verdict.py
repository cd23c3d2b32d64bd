"""The verdict in sentences, for the 总览 and the PDF: the veto and its reason, and whether
every indicator could be scored."""

from __future__ import annotations

from collections.abc import Callable

from cscaudit.i18n import Lang, t
from cscaudit.report.labels import VETO_LABELS, veto_line
from cscaudit.results.model import AuditResult, Outcome

COMPLETE = t("评分完整：全部指标均已评定。", "Complete: every indicator was scored.")
INCOMPLETE = t("评分不完整：{parts}；补齐后得分与等级可能变化。",
               "Incomplete: {parts}; the score and grade may change once they are supplied.")
ERRORS = t("{n} 项指标无法评定（{ids}）", "{n} indicators could not be scored ({ids})")
NOT_REVIEWED = t("{n} 项待现场核查（{ids}）", "{n} await the site visit ({ids})")
WITHHELD = t("输入不完整，无法评定等级，待补正（{n} 项原因）；总分暂定。",
             "Inputs incomplete: no grade until they are completed ({n} causes); the total is "
             "provisional.")


def veto_sentence(result: AuditResult, lang: Lang, scrub: Callable[[str], str]) -> str:
    """The veto and its reason in one line, as every reporter says it (`veto_line`):
    «成立（等级定为最低档）：V1 …», «疑点 8 项，待核实；…», or «否»."""
    score = result.score
    return veto_line(score, lang, scrub) or VETO_LABELS[score.veto_state](lang)


def completeness_sentence(result: AuditResult, lang: Lang) -> str:
    """Whether the inputs allow a grade (the causes are listed beside it), else whether every
    indicator was scored: which could not be and which await a visit."""
    if result.completeness.causes:
        return WITHHELD.format(n=len(result.completeness.causes))(lang)
    sep = "、" if lang == "zh" else ", "
    parts = []
    for outcome, text in ((Outcome.ERROR, ERRORS), (Outcome.NOT_REVIEWED, NOT_REVIEWED)):
        ids = [i.id for i in result.indicators if i.outcome is outcome]
        if ids:
            parts.append(text.format(n=len(ids), ids=sep.join(ids))(lang))
    if not parts:
        return COMPLETE(lang)
    return INCOMPLETE.format(parts=("，" if lang == "zh" else "; ").join(parts))(lang)
