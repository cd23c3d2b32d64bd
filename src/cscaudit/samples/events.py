"""Major community activities, emergencies (突发事件) and emergency drills.

Activities follow plan → report (报备) → held → summary, each with a safety plan.
Incidents (停电, 停水, 暴雨…) are reported within the hour and closed. Two drills a year
record their problems and improvements. Planted defects: `activity_missing_summary`,
`activity_no_safety_plan`, `activity_reported_late`, `incident_reported_late`,
`incident_not_closed`, `no_drill` (the only drill was held the year before),
`drill_missing_improvements`.
"""

from __future__ import annotations

import datetime as dt
import random

from cscaudit.samples.days import year_days
from cscaudit.samples.model import CenterSpec, Table

ACTIVITY_FIELDS = ("activity_id", "name", "held_on", "participants", "plan_on", "reported_on",
                   "safety_plan", "summary_on")
INCIDENT_FIELDS = ("incident_id", "occurred_at", "type", "reported_at", "plan_used",
                   "closed_at", "summary")
DRILL_FIELDS = ("drill_id", "plan", "held_on", "kind", "participants", "problems",
                "improvements")
ACTIVITIES = ("新春联欢会", "元宵猜灯谜", "学雷锋志愿服务日", "清明文明祭扫宣传", "邻里节",
              "端午包粽子", "消夏纳凉晚会", "重阳敬老宴", "国庆文艺汇演", "冬季运动会",
              "垃圾分类宣传周", "反诈宣传进社区")
INCIDENTS = (("停电", "事故灾难", "启动停电应急预案，联系供电公司抢修，走访独居老人"),
             ("停水", "事故灾难", "联系自来水公司，设置临时供水点"),
             ("暴雨", "自然灾害", "转移地下车库车辆，疏通排水"),
             ("火灾", "事故灾难", "物业微型消防站处置，疏散楼内居民"),
             ("食物中毒", "公共卫生", "送医并报告卫生院"),
             ("治安事件", "社会安全", "网格员劝解，民警到场调解"))
DRILLS = (("社区突发事件总体应急预案", "消防疏散演练"), ("停电应急预案", "停电应急处置演练"),
          ("防汛防台应急预案", "防汛桌面推演"))


def activities_table(spec: CenterSpec) -> Table:
    rng = spec.rng("activities")
    days = year_days(spec.year)
    table = Table("activities", ACTIVITY_FIELDS)
    chosen = sorted(rng.sample(range(len(ACTIVITIES)), rng.randint(6, 10)))
    for n, i in enumerate(chosen):
        month = min(12, 1 + i)
        held = days.pick(rng, dt.date(spec.year, month, 3), dt.date(spec.year, month, 25))
        row: list[object] = [
            f"HD{spec.year}{n + 1:03d}", ACTIVITIES[i], held, rng.randint(30, 300),
            held - dt.timedelta(days=rng.randint(12, 25)),
            held - dt.timedelta(days=rng.randint(4, 10)), "是",
            held + dt.timedelta(days=rng.randint(1, 5)),
        ]
        key = str(row[0])
        if spec.wants("activity_missing_summary") and rng.random() < spec.defect_rate:
            row[7] = None
            table.mark("activity_missing_summary", n, key)
        elif spec.wants("activity_no_safety_plan") and rng.random() < spec.defect_rate:
            row[6] = "否"
            table.mark("activity_no_safety_plan", n, key)
        elif spec.wants("activity_reported_late") and rng.random() < spec.defect_rate:
            row[5] = held + dt.timedelta(days=rng.randint(1, 4))
            table.mark("activity_reported_late", n, key)
        table.rows.append(row)
    return table


def incidents_table(spec: CenterSpec) -> Table:
    rng = spec.rng("incidents")
    table = Table("incidents", INCIDENT_FIELDS)
    for n in range(rng.randint(2, 5)):
        sub, cls, summary = rng.choice(INCIDENTS)
        day = dt.date(spec.year, rng.randint(1, 12), rng.randint(1, 28))
        occurred = dt.datetime.combine(day, dt.time(rng.randint(0, 22), rng.randrange(60)))
        reported = occurred + dt.timedelta(minutes=rng.randint(10, 55))
        closed: dt.datetime | None = occurred + dt.timedelta(hours=rng.randint(2, 30))
        key = f"SJ{spec.year}{n + 1:03d}"
        if spec.wants("incident_reported_late") and rng.random() < spec.defect_rate:
            reported = occurred + dt.timedelta(hours=rng.randint(8, 48))
            table.mark("incident_reported_late", n, key)
        elif spec.wants("incident_not_closed") and rng.random() < spec.defect_rate:
            closed = None
            table.mark("incident_not_closed", n, key)
        table.rows.append([key, occurred, cls if rng.random() < 0.3 else sub,
                           reported, "是", closed, summary])
    return table


def drills_table(spec: CenterSpec, rng: random.Random | None = None) -> Table:
    rng = rng or spec.rng("drills")
    days = year_days(spec.year)
    table = Table("drills", DRILL_FIELDS)
    if spec.wants("no_drill") and rng.random() < spec.defect_rate * 2:
        held = dt.date(spec.year - 1, 11, rng.randint(1, 28))
        table.rows.append(["YL-01", DRILLS[0][0], held, "实战", 45, "疏散通道有杂物", "已清理"])
        table.mark("no_drill", 0, "YL-01")
        return table
    for n, month in enumerate((5, 10)):
        plan, _name = DRILLS[(n + rng.randrange(3)) % 3]
        held = days.pick(rng, dt.date(spec.year, month, 1), dt.date(spec.year, month, 28))
        kind = "桌面" if "桌面" in _name else "实战"
        row: list[object] = [f"YL{spec.year}-{n + 1:02d}", plan, held, kind, rng.randint(20, 80),
                             "部分居民不熟悉疏散路线", "在楼道增设疏散指示并开展宣传"]
        if spec.wants("drill_missing_improvements") and rng.random() < spec.defect_rate:
            row[6] = None
            table.mark("drill_missing_improvements", n, str(row[0]))
        table.rows.append(row)
    return table
