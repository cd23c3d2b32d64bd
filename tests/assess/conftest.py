"""Hand-built compact audit results for the assessment's pure parts (no engine needed)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from cscaudit.engine.audit import AuditOptions
from cscaudit.engine.district import assessment as assessment_module
from cscaudit.engine.district import backend as backend_module
from cscaudit.i18n import t
from cscaudit.results.model import (
    AuditResult,
    Evidence,
    Finding,
    IndicatorResult,
    InputFile,
    Outcome,
    Score,
    Severity,
    VetoState,
    WorkerCard,
)
from cscaudit.scoring.district.model import CenterAudit, CenterEntry, CenterFailure
from cscaudit.scoring.district.settings import AssessSettings


def make_result(center_id: str, total: float, *, name: str | None = None, street: str = "东街道",
                veto: bool = False, pending: bool = False, workers: tuple[WorkerCard, ...] = (),
                findings: tuple[Finding, ...] = (), profile: str | None = None) -> AuditResult:
    score = Score(total=total, max=100, raw=total, denominator=100, bonus=0,
                  grade="优秀" if total >= 90 else "合格", total_without_waivers=total,
                  grade_without_waivers="合格",
                  veto_state=(VetoState.APPLIED if veto else
                              VetoState.PENDING if pending else VetoState.NONE))
    indicator = IndicatorResult(
        id="G2", area="G", title=t("满意度", "satisfaction"), requirements=("N36735.9.1",),
        method="tiers", points=10, lost=0, score=10, outcome=Outcome.PASS,
        measured=t("95%", "95%"), reason=t("达标", "met"), evidence_count=0, rate=0.95)
    return AuditResult(
        tool="cscaudit 0.1.0", standard="GB/T 36735-2018", checklist="gbt36735-annual@2024.1",
        profile=profile, center={"id": center_id, "name": name or f"{center_id}社区",
                                 "street": street, "district": "测试区"},
        period="2024", inputs=(InputFile("center.yaml", "ab" * 32),), score=score,
        indicators=(indicator,), findings=findings, workers=workers)


def make_audit(center_id: str, total: float, satisfaction: float | None, *,
               street: str = "东街道", rel: str | None = None, order: int = 0,
               **kwargs: object) -> CenterAudit:
    entry = CenterEntry(path=Path("/nowhere") / (rel or center_id), rel=rel or center_id,
                        street=street, order=order)
    result = make_result(center_id, total, street=street, **kwargs)  # type: ignore[arg-type]
    return CenterAudit(entry=entry, result=result, satisfaction=satisfaction, data_issue_total=0,
                       unusable_files=())


def make_failure(rel: str, order: int = 99) -> CenterFailure:
    entry = CenterEntry(path=Path("/nowhere") / rel, rel=rel, street="西街道", order=order)
    return CenterFailure(entry=entry, reason=t("center.yaml 无效", "center.yaml is invalid"),
                         where="center.yaml:3:5")


def make_district(root: Path, names: list[str]) -> Path:
    for name in names:
        (root / "s" / name).mkdir(parents=True)
        (root / "s" / name / "center.yaml").write_text("kind: center\n", encoding="utf-8")
    return root


@pytest.fixture
def fake_audit(monkeypatch: pytest.MonkeyPatch) -> None:
    def audit_entry(entry: CenterEntry, options: AuditOptions) -> Any:
        name = entry.path.name
        if name == "broken":
            return make_failure(entry.rel, entry.order)
        total = {"good": 95.0, "weak": 55.0}[name]
        return make_audit(name, total, 0.9, rel=entry.rel, order=entry.order)

    def run_centers(entries: Sequence[CenterEntry], options: AuditOptions, workers: int,
                    progress: object = None) -> tuple[Any, ...]:
        return tuple(audit_entry(entry, options) for entry in entries)  # in this process

    monkeypatch.setattr(backend_module, "run_centers", run_centers)
    monkeypatch.setattr(assessment_module, "settings_for", lambda *_: AssessSettings())


def card(worker: str, households: int, required: int, done: int, **kw: object) -> WorkerCard:
    values: dict[str, object] = {"content_complete_rate": 0.9, "cases": 10, "on_time_rate": 0.95,
                                 "bad_ratings": 0, "issues_raised": 2, "issues_closed": 2}
    values.update(kw)
    return WorkerCard(worker=worker, households=households, required_visits=required,
                      visits_done=done, **values)  # type: ignore[arg-type]


def finding(indicator: str, area: str, message: str, rows: int = 3) -> Finding:
    evidence = tuple(Evidence("exports/走访.csv", None, 10 + i, f"H{i:03d}") for i in range(rows))
    return Finding(indicator=indicator, area=area, requirements=("N36735.7.2",),
                   severity=Severity.MAJOR, message=t(message, message), evidence=evidence,
                   evidence_total=rows, worker="王芳")


@pytest.fixture
def outcomes() -> tuple[CenterAudit | CenterFailure, ...]:
    return (
        make_audit("C01", 95.0, 0.92, order=0, workers=(card("王芳", 120, 480, 470),
                                                      card("李强", 100, 400, 300))),
        make_audit("C02", 88.0, 0.97, order=1, street="西街道",
                   findings=(finding("D2", "D", "=HYPERLINK(\"x\") 走访不足"),),
                   workers=(card("赵敏", 90, 360, 360, bad_ratings=2),)),
        make_audit("C03", 70.0, None, order=2),
        make_failure("west/C04", order=3),
    )


def make_assessment(outcomes: tuple[CenterAudit | CenterFailure, ...],
                    settings: object = None, previous: object = None) -> object:
    from cscaudit.engine.district.assessment import Assessment
    from cscaudit.engine.district.discover import District
    from cscaudit.scoring.district.ranking import rank_centers
    from cscaudit.scoring.district.settings import AssessSettings

    chosen = settings if isinstance(settings, AssessSettings) else AssessSettings()
    ranking = rank_centers(outcomes, chosen, previous=previous)  # type: ignore[arg-type]
    district = District(root=Path("/nowhere"), entries=tuple(o.entry for o in outcomes),
                        name="测试区")
    return Assessment(district=district, outcomes=outcomes, ranking=ranking, period="2024",
                      has_previous=previous is not None)
