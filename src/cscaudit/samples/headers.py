"""How different systems spell tables and columns: accepted headers from the input contract.

Each generated center picks one spelling per column (seeded), so a district exercises the
readers' header mapping the way real exports do. Only spellings the contract accepts are
used; `unknown` columns that the dictionary does not know (such as 居住地址) are kept.
"""

from __future__ import annotations

import random

TABLE_NAMES: dict[str, tuple[str, ...]] = {
    "service_ledger": ("办件台账", "办件登记", "服务台账", "service_ledger"),
    "roster": ("联户名册", "重点人群名册", "包片名册", "roster"),
    "visits": ("走访记录", "入户走访登记表", "民情日志", "visits"),
    "staff": ("社工名册", "staff"),
    "activities": ("社区重大活动", "activities"),
    "incidents": ("突发事件", "incidents"),
    "drills": ("应急演练记录", "drills"),
    "surveys": ("满意度测评", "surveys"),
    "complaints": ("诉求投诉", "complaints"),
}
TITLES: dict[str, str] = {
    "service_ledger": "办件台账", "roster": "联户名册", "visits": "走访记录",
    "staff": "社工名册", "activities": "社区重大活动登记", "incidents": "突发事件登记",
    "drills": "应急演练记录", "surveys": "居民满意度测评", "complaints": "诉求工单",
}
HEADERS: dict[str, dict[str, tuple[str, ...]]] = {
    "service_ledger": {
        "case_id": ("办件编号", "受理编号", "编号"),
        "received_at": ("受理日期", "受理时间", "登记日期"),
        "item": ("事项名称", "办理事项", "服务事项", "业务名称"),
        "category": ("事项类别", "业务类别", "条线"),
        "handler": ("受理人", "经办人", "办理人", "承办社工"),
        "mode": ("办理方式",),
        "promised_days": ("承诺时限(工作日)", "办理时限", "时限"),
        "completed_at": ("办结日期", "办结时间", "完成日期"),
        "status": ("办理状态", "状态", "办理结果"),
        "one_visit": ("一次办结", "是否一次办结", "最多跑一次"),
        "notified_once": ("一次性告知", "是否一次性告知"),
        "applicant": ("申请人", "申请人姓名", "办事人"),
        "id_number": ("身份证号", "身份证号码", "证件号码"),
        "phone": ("联系电话", "手机号", "电话"),
        "rating": ("满意度", "满意度评价", "评价"),
        "revisited_at": ("回访日期", "回访时间"),
    },
    "roster": {
        "household_id": ("户号", "户编号", "住户编号"),
        "resident": ("姓名", "户主姓名"),
        "id_number": ("身份证号码", "身份证号"),
        "group": ("人群类别", "人员类别", "类别"),
        "block": ("网格", "片区", "所属网格"),
        "worker": ("包片社工", "联户社工", "责任社工", "网格员"),
        "registered_on": ("登记日期", "入住日期"),
        "left_on": ("注销日期", "迁出日期"),
        "status": ("状态",),
        "address": ("居住地址",),
    },
    "visits": {
        "visit_id": ("走访编号", "记录编号"),
        "visited_on": ("走访日期", "走访时间"),
        "worker": ("走访人", "走访社工", "走访人员"),
        "household_id": ("户号", "户编号"),
        "group": ("人群类别",),
        "method": ("走访方式",),
        "content": ("走访内容", "走访事项", "服务内容"),
        "issue": ("发现问题", "群众诉求", "诉求与建议"),
        "action": ("处理情况", "处理措施"),
        "closed_on": ("办结日期", "反馈日期", "解决日期"),
    },
    "staff": {
        "staff_id": ("工号", "编号"), "name": ("姓名",), "post": ("岗位",),
        "backup": ("备岗", "AB岗"), "certificate": ("职业资格",), "education": ("学历",),
        "training_hours": ("培训学时",), "joined_on": ("入职日期",), "left_on": ("离职日期",),
    },
    "activities": {
        "activity_id": ("活动编号",), "name": ("活动名称",), "held_on": ("活动日期",),
        "participants": ("参与人数",), "plan_on": ("方案日期",), "reported_on": ("报备日期",),
        "safety_plan": ("安全预案",), "summary_on": ("总结日期",),
    },
    "incidents": {
        "incident_id": ("事件编号",), "occurred_at": ("发生时间",), "type": ("事件类别",),
        "reported_at": ("上报时间",), "plan_used": ("启动预案",),
        "closed_at": ("处置完毕时间",), "summary": ("处置情况",),
    },
    "drills": {
        "drill_id": ("演练编号",), "plan": ("预案名称",), "held_on": ("演练时间",),
        "kind": ("演练类别",), "participants": ("参演人数",), "problems": ("存在问题",),
        "improvements": ("改进措施",),
    },
    "surveys": {
        "response_id": ("问卷编号",), "surveyed_on": ("测评日期",),
        "respondent_type": ("受访者类别",), "overall": ("总体满意度",), "remarks": ("意见建议",),
    },
    "complaints": {
        "ticket_id": ("工单编号",), "received_at": ("受理时间",), "urgency": ("紧急程度",),
        "category": ("诉求类别",), "responded_at": ("响应时间",), "resolved_at": ("办结时间",),
        "rating": ("评价",),
    },
}


def header_for(table: str, field: str, rng: random.Random) -> str:
    """One accepted spelling of a column header (item columns keep their question text)."""
    if field.startswith("item:"):
        return "题目：" + field[5:]
    options = HEADERS[table][field]
    return options[0] if len(options) == 1 else rng.choice(options)


def headers_for(table: str, fields: tuple[str, ...], rng: random.Random) -> list[str]:
    return [header_for(table, f, rng) for f in fields]
