"""A canonical, realistic `AuditResult` every reporter test reads.

It has several areas, every outcome, a waived indicator, a triggered veto, a bonus,
findings with evidence (file/sheet/row/key) and more rows than the evidence cap, workers,
data issues whose raw values hold personal data, and input text starting with = + - @.
Its score is consistent with the row scores the way the scorecard's formulas recompute it.
"""

from __future__ import annotations

import dataclasses
import re

import pytest

from cscaudit.i18n import t
from cscaudit.ingest.model import DataIssue
from cscaudit.results.grades import Grade
from cscaudit.results.model import (
    AreaScore,
    AuditResult,
    Evidence,
    Finding,
    IndicatorResult,
    InputFile,
    Outcome,
    Score,
    Severity,
    VetoState,
    WaiverUse,
    WorkerCard,
)

RAW_IDS = ("110101199001011234", "32050219851203002X")
RAW_MOBILES = ("13812345678", "15900001111", "18611112222")
ID_RE = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
MOBILE_RE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
FORMULA_STARTS = ("=", "+", "-", "@", "＝", "＋", "－", "＠")  # full-width too
_EXCLUDED = (Outcome.NOT_APPLICABLE, Outcome.NOT_REVIEWED)
GRADES = (Grade("优秀", "excellent", 90), Grade("良好", "good", 62), Grade("合格", "pass", 60),
          Grade("不合格", "fail", 0))


def _ind(id_: str, area: str, title: str, points: float, lost: float, outcome: Outcome,
         method: str = "deduct", measured: str | None = None, reason: str = "",
         evidence: int = 0, **extra: object) -> IndicatorResult:
    return IndicatorResult(
        id=id_, area=area, title=t(title, f"{title} (en)"), requirements=(f"N36735.{area}.1",),
        method=method, points=points, lost=lost, score=round(points - lost, 2), outcome=outcome,
        measured=t(measured, measured) if measured else None,
        reason=t(reason or "符合要求", reason or "meets the requirement"),
        evidence_count=evidence, **extra,  # type: ignore[arg-type]
    )


def make_result() -> AuditResult:
    indicators = (
        _ind("A1", "A", "功能区设置齐全", 5, 0, Outcome.PASS, measured="6/6"),
        _ind("A2", "A", "制度上墙", 4, 1.5, Outcome.PARTIAL, reason="缺少 3 项制度",
             evidence=3),
        _ind("C1", "C", "按时办结率", 8, 2.4, Outcome.PARTIAL, method="ratio",
             measured="88.0%（440/500）", reason="按时办结率 88.0%，低于 95%", evidence=60,
             rate=0.88),
        _ind("C2", "C", "差评回访", 4, 4, Outcome.FAIL, method="binary",
             reason="2 条差评未在 1 个工作日内回访（居民电话13812345678）", evidence=2),
        _ind("D1", "D", "重点人群走访频次", 6, 6, Outcome.NOT_APPLICABLE,
             reason="本年度无重点人群户"),  # the engine scores N/A 0 with nothing lost
        _ind("D2", "D", "现场核查联户公示", 3, 3, Outcome.NOT_REVIEWED, method="binary",
             reason="需现场核查"),
        _ind("D3", "D", "走访内容完整", 4, 1, Outcome.PARTIAL, method="ratio",
             reason="走访内容完整率 85%"),
        _ind("F1", "F", "应急预案要素", 5, 5, Outcome.ERROR,
             reason="无法读取 预案/防汛.yaml"),
        _ind("G1", "G", "满意度调查样本", 5, 3, Outcome.PARTIAL, method="tiers",
             reason="样本不足 50 份", waived_by="W-2024-01", rate=0.9),
        _ind("H1", "H", "创新加分", 2, 1, Outcome.PARTIAL, method="bonus",
             reason="获区级表彰 1 项"),
        _ind("V1", "V", "台账真实性", 0, 0, Outcome.FAIL, method="veto",
             reason="发现 3 处疑似补录台账", evidence=3, veto_state=VetoState.APPLIED,
             suspicions=1),
        _ind("V2", "V", "重大责任事故", 0, 0, Outcome.PASS, method="veto"),
    )
    indicators = tuple(
        dataclasses.replace(i, lost=0.0, score=0.0) if i.outcome in _EXCLUDED else i
        for i in indicators)
    counted = [i for i in indicators
               if i.outcome not in _EXCLUDED and i.method not in ("bonus", "veto")]
    plain = sum(i.score for i in counted)
    raw = plain + 3  # the waived G1 counts at full marks
    denominator = sum(i.points for i in counted)
    total = round(raw / denominator * 100 + 1, 2)
    without = round(plain / denominator * 100 + 1, 2)
    findings = (
        Finding("V1", "V", ("N36735.V.1",), Severity.CRITICAL,
                t("走访日期早于入户登记日期", "visit dated before the household joined"),
                (Evidence("exports/走访.xlsx", "走访记录", 12, "H-0012"),
                 Evidence("exports/走访.xlsx", "走访记录", 57, RAW_IDS[0]),
                 Evidence("exports/走访.xlsx", "走访记录", 301, "=HYPERLINK(\"x\")")),
                3, t("核实并更正台账", "verify and correct the ledger"), "王芳"),
        Finding("C2", "C", ("N36735.C.1", "N36735.C.2"), Severity.MAJOR,
                t(f"差评未及时回访，居民电话{RAW_MOBILES[1]}",
                  f"bad rating not revisited, resident phone {RAW_MOBILES[1]}"),
                (Evidence("exports/评价.csv", None, 8, "CASE-0008"),
                 Evidence("exports/评价.csv", None, 19, "@SUM(A1)")),
                2, t("1 个工作日内回访差评", "revisit bad ratings within 1 working day")),
        Finding("C1", "C", ("N36735.C.1",), Severity.MAJOR,
                t("办件超期 60 件", "60 cases completed late"),
                tuple(Evidence("exports/办件台账.xlsx", "2024", 100 + n, f"CASE-{n:04d}")
                      for n in range(5)),
                60, t("按承诺时限办结", "complete cases within the promised time")),
        Finding("A2", "A", ("N36735.A.1",), Severity.MINOR,
                t("缺少制度：+首问负责制", "missing rule: +first-contact responsibility"),
                (Evidence("center.yaml", None, 23, "postings[2]"),), 1, None),
    )
    workers = (
        WorkerCard("王芳", 120, 480, 452, 0.9125, 35, 0.9714, 1, 14, 12),
        WorkerCard("李强", 95, 380, 380, None, 0, None, 0, 0, 0),
        WorkerCard("=1+1", 1, 4, 0, 0.0, 2, 0.5, 2, 1, 0),
    )
    issues = (
        DataIssue("exports/走访.xlsx", "走访记录", 33, "F", "身份证号", "id_number",
                  RAW_IDS[1], t("身份证号校验位错误", "ID number check digit is wrong"),
                  "bad-id-number", "warning", "visits"),
        DataIssue("exports/联户名册.csv", None, 7, "D", "联系电话", "phone",
                  f"+86 {RAW_MOBILES[2]}", t("电话号码格式不对", "malformed phone number"),
                  "bad-phone", "error", "roster"),
        DataIssue("exports/走访.xlsx", "走访记录", 41, "C", "走访日期", "visited_on",
                  "=DATE(2024,1,1)", t("日期无法识别", "unreadable date"), "bad-date"),
        DataIssue("exports/办件台账.xlsx", None, None, None,
                  "＝HYPERLINK(\"http://x\",\"点此\")", "received_on", None,
                  t("缺少列：受理日期", "missing column: received on"), "missing-column"),
        DataIssue("exports/走访.xlsx", "走访记录", 90, "G", "走访内容", "content",
                  f"-张三 {RAW_MOBILES[0]}", t("内容过短", "content too short"),
                  "short-text", "warning"),
    )
    areas = (
        AreaScore("A", t("基本要求", "basic requirements"), 9, 7.5),
        AreaScore("C", t("服务大厅", "service hall"), 12, 5.6),
        AreaScore("D", t("包片联户", "block contact"), 4, 3),
        AreaScore("F", t("应急管理", "emergencies"), 5, 0),
        AreaScore("G", t("服务评价", "evaluation"), 5, 5),
    )
    assert sum(a.points for a in areas) == denominator and sum(a.score for a in areas) == raw
    return AuditResult(
        tool="cscaudit 0.1.0", standard="GB/T 36735-2018", checklist="gbt36735-annual@2024.1",
        profile="beijing", center={"id": "bj-xinyuan", "name": "新苑社区便民服务中心",
                                   "street": "城北街道", "district": "昌平区"},
        period="2024",
        inputs=(InputFile("center.yaml", "a" * 64), InputFile("exports/走访.xlsx", "b" * 64),
                InputFile("=exports/evil.csv", "c" * 64)),
        score=Score(total=total, max=100, raw=raw, denominator=denominator, bonus=1,
                    grade="不合格", total_without_waivers=without,
                    grade_without_waivers="不合格", areas=areas, veto_state=VetoState.APPLIED,
                    veto_reason=t("V1 台账真实性：现场核查 R2 核实属实",
                                  "V1 ledger integrity: confirmed by on-site check R2")),
        indicators=indicators, findings=findings, workers=workers, data_issues=issues,
        waivers=(WaiverUse("W-2024-01", "G1", "城北街道办 张主任", "城北发〔2024〕12号",
                           "2025-06-30", True, t("样本不足", "sample too small")),
                 WaiverUse("W-2023-07", "C1", "城北街道办", "城北发〔2023〕3号", "2023-12-31",
                           False, t("已过期", "expired"))),
        warnings=(t("2024 年节假日数据齐全", "2024 holiday data present"),),
        grades=GRADES,
    )


@pytest.fixture
def result() -> AuditResult:
    return make_result()
