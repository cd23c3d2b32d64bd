"""Bilingual labels every reporter shares: outcomes, severities, scoring methods, grades."""

from __future__ import annotations

from collections.abc import Callable

from cscaudit.i18n import Lang, Text, t
from cscaudit.results.model import INCOMPLETE_GRADE, Cause, Outcome, Score, Severity, VetoState

OUTCOME_LABELS: dict[Outcome, Text] = {
    Outcome.PASS: t("达标", "pass"),
    Outcome.PARTIAL: t("部分达标", "partial"),
    Outcome.FAIL: t("不达标", "fail"),
    Outcome.NOT_APPLICABLE: t("不适用", "not applicable"),
    Outcome.NOT_REVIEWED: t("待现场核查", "not reviewed"),
    Outcome.ERROR: t("无法评定", "error"),
}

SEVERITY_LABELS: dict[Severity, Text] = {
    Severity.CRITICAL: t("严重", "critical"),
    Severity.MAJOR: t("较重", "major"),
    Severity.MINOR: t("一般", "minor"),
    Severity.INFO: t("提示", "info"),
}

METHOD_LABELS: dict[str, Text] = {
    "deduct": t("扣分", "deduct"),
    "ratio": t("比例", "ratio"),
    "tiers": t("分档", "tiers"),
    "binary": t("全有全无", "all or nothing"),
    "bonus": t("加分", "bonus"),
    "veto": t("一票否决", "veto"),
}

VETO_LABELS: dict[VetoState, Text] = {
    VetoState.NONE: t("否", "no"),
    VetoState.PENDING: t("待核实", "pending"),
    VetoState.APPLIED: t("成立（等级定为最低档）", "applied (lowest grade)"),
}

VETO_PENDING = t("（一票否决待核实）", " (veto pending)")
VETO_APPLIED = t("（一票否决）", " (vetoed)")

# The default grade names and their English; a profile's own names fall back to themselves.
GRADE_LABELS: dict[str, Text] = {
    "优秀": t("优秀", "excellent"),
    "良好": t("良好", "good"),
    "合格": t("合格", "pass"),
    "基本合格": t("基本合格", "basic pass"),
    "不合格": t("不合格", "fail"),
    INCOMPLETE_GRADE: t(INCOMPLETE_GRADE, "no grade (inputs incomplete)"),
}

# A worker's role (`WorkerCard.role`, from the staff table's 岗位); None: not on the list.
ROLES: dict[str | None, Text] = {
    "window": t("窗口", "window"), "block": t("包片", "block"), "head": t("站长", "head"),
    "other": t("其他", "other"), None: t("未在名册", "not on the staff list"),
}


def outcome_label(outcome: Outcome, lang: Lang) -> str:
    return OUTCOME_LABELS[outcome](lang)


def severity_label(severity: Severity, lang: Lang) -> str:
    return SEVERITY_LABELS[severity](lang)


def method_label(method: str, lang: Lang) -> str:
    label = METHOD_LABELS.get(method)
    return label(lang) if label else method


def grade_label(grade: str, lang: Lang) -> str:
    label = GRADE_LABELS.get(grade)
    return label(lang) if label else grade


def cause_line(cause: Cause, lang: Lang, scrub: Callable[[str], str]) -> str:
    """One cause that withholds the grade, as every reporter prints it: `file：what；todo`
    (`file: what; todo` in English)."""
    colon, sep = ("：", "；") if lang == "zh" else (": ", "; ")
    where = f"{scrub(cause.file)}{colon}" if cause.file else ""
    return f"{where}{scrub(cause.what(lang))}{sep}{cause.todo(lang)}"


def veto_line(score: Score, lang: Lang, scrub: Callable[[str], str]) -> str | None:
    """The veto in one line with its reason («成立（等级定为最低档）：V1 …», «疑点 8 项，待核实；…»),
    or None without a veto; with none, the reason when 疑点 were verified on site and not
    confirmed («V1 …：疑点经现场核实未发现造假…»). The reason may quote an inspector's note: it is
    scrubbed."""
    if score.veto_state is VetoState.NONE:
        return scrub(score.veto_reason(lang)) if score.veto_reason else None
    reason = scrub(score.veto_reason(lang)) if score.veto_reason else ""
    if score.veto_state is VetoState.PENDING and reason:
        return reason  # «疑点 N 项，待核实；核实属实的按一票否决处理» says it all
    return VETO_LABELS[score.veto_state](lang) + (t("：", ": ")(lang) + reason if reason else "")


def veto_pending_mark(score: Score, lang: Lang) -> str:
    """What follows a grade whose veto is pending («（一票否决待核实）»), else nothing."""
    return VETO_PENDING(lang) if score.veto_state is VetoState.PENDING else ""


def veto_mark(score: Score, lang: Lang) -> str:
    """What follows a grade with a veto: «（一票否决）» applied, «（一票否决待核实）» pending."""
    if score.veto_state is VetoState.APPLIED:
        return VETO_APPLIED(lang)
    return veto_pending_mark(score, lang)


def grade_with_veto(score: Score, lang: Lang) -> str:
    """The grade, marked when a veto is pending («合格（一票否决待核实）»)."""
    return grade_label(score.grade, lang) + veto_pending_mark(score, lang)
