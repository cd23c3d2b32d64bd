"""Staff (社工名册), satisfaction surveys (满意度测评) and complaints (接诉即办).

Staff: the social workers who own blocks plus a director and a hall post, each with an AB
backup, most of them certified. Surveys: at least 60 responses, about 80 % ordinary
residents, mostly satisfied. Complaints answered within their urgency's limit (紧急 2 h,
一般 7 days, 复杂 15 days). Planted defects: `post_no_backup`, `small_survey_sample`,
`low_satisfaction`, `complaint_late`.
"""

from __future__ import annotations

import datetime as dt

from cscaudit.samples import names
from cscaudit.samples.days import year_days
from cscaudit.samples.model import CenterSpec, Table
from cscaudit.samples.roster import Community

STAFF_FIELDS = ("staff_id", "name", "post", "backup", "certificate", "education",
                "training_hours", "joined_on", "left_on")
SURVEY_ITEMS = ("服务态度", "办事效率", "环境设施", "走访联系", "活动组织")
SURVEY_FIELDS = ("response_id", "surveyed_on", "respondent_type", "overall",
                 *(f"item:{name}" for name in SURVEY_ITEMS), "remarks")
COMPLAINT_FIELDS = ("ticket_id", "received_at", "urgency", "category", "responded_at",
                    "resolved_at", "rating")
LEVELS = ("非常满意", "满意", "基本满意", "不满意", "非常不满意")
_GOOD = (0.62, 0.33, 0.04, 0.008, 0.002)
_POOR = (0.2, 0.3, 0.2, 0.2, 0.1)
_LIMITS = {"紧急": dt.timedelta(hours=2), "一般": dt.timedelta(days=7),
           "复杂": dt.timedelta(days=15)}
_CATEGORIES = ("物业管理", "环境卫生", "噪音扰民", "停车管理", "供暖供水", "邻里纠纷")


def staff_table(spec: CenterSpec, community: Community) -> Table:
    rng = spec.rng("staff")
    table = Table("staff", STAFF_FIELDS)
    people = [("社区主任", names.person_name(rng)), ("综合窗口", names.person_name(rng))]
    people += [(f"包片社工（{block}）", w) for block, w in zip(community.blocks,
                                                         community.workers, strict=True)]
    while len(people) < (spec.staff or 0):
        people.append(("综合受理岗", names.person_name(rng)))
    for i, (post, name) in enumerate(people):
        backup: str | None = people[(i + 1) % len(people)][1]
        cert = rng.choices(("社会工作师", "助理社会工作师", "高级社会工作师", "无"),
                           (0.45, 0.45, 0.05, 0.05))[0]
        row: list[object] = [f"SG{i + 1:03d}", name, post, backup, cert,
                             rng.choice(("本科", "大专", "硕士")), rng.randint(24, 80),
                             dt.date(rng.randint(spec.year - 12, spec.year - 1),
                                     rng.randint(1, 12), rng.randint(1, 28)), None]
        if spec.wants("post_no_backup") and rng.random() < spec.defect_rate / 2:
            row[3] = None
            table.mark("post_no_backup", i, str(row[0]))
        table.rows.append(row)
    return table


def surveys_table(spec: CenterSpec) -> Table:
    rng = spec.rng("surveys")
    days = year_days(spec.year)
    table = Table("surveys", SURVEY_FIELDS)
    small = spec.wants("small_survey_sample") and rng.random() < spec.defect_rate * 2
    poor = spec.wants("low_satisfaction") and rng.random() < spec.defect_rate * 2
    count = rng.randint(30, 42) if small else rng.randint(60, 80)
    dist = _POOR if poor else _GOOD
    start = dt.date(spec.year, 11, 15)
    for n in range(count):
        kind = rng.choices(("普通居民", "居民代表", "党员"), (0.8, 0.12, 0.08))[0]
        ratings = [rng.choices(LEVELS, dist)[0] for _ in range(1 + len(SURVEY_ITEMS))]
        remark = rng.choice((None, None, "希望多组织老年人活动", "停车难问题希望解决",
                             "社工服务热情", "办事很方便"))
        table.rows.append([f"MY{spec.year}{n + 1:03d}", days.pick(rng, start),
                           kind, *ratings, remark])
    if small:
        table.mark("small_survey_sample", 0, f"{count} responses")
    if poor:
        table.mark("low_satisfaction", 0, "overall")
    return table


def complaints_table(spec: CenterSpec, community: Community) -> Table:
    rng = spec.rng("complaints")
    table = Table("complaints", COMPLAINT_FIELDS)
    count = max(12, len(community.households) // 40)
    for n in range(count):
        urgency = rng.choices(("紧急", "一般", "复杂"), (0.15, 0.7, 0.15))[0]
        day = dt.date(spec.year, rng.randint(1, 12), rng.randint(1, 28))
        received = dt.datetime.combine(day, dt.time(rng.randint(7, 21), rng.randrange(60)))
        limit = _LIMITS[urgency]
        responded = received + limit * rng.uniform(0.05, 0.4)
        resolved = received + limit * rng.uniform(0.3, 0.95)
        key = f"GD{spec.year}{n + 1:04d}"
        if spec.wants("complaint_late") and rng.random() < spec.defect_rate:
            resolved = received + limit * rng.uniform(1.3, 3.0)
            table.mark("complaint_late", n, key)
        table.rows.append([key, received, urgency, rng.choice(_CATEGORIES),
                           _minute(responded), _minute(resolved),
                           rng.choices(LEVELS, _GOOD)[0]])
    return table


def _minute(value: dt.datetime) -> dt.datetime:
    return value.replace(second=0, microsecond=0)

