"""center.yaml and emergency plans for a generated center.

The configuration follows the center and emergency-plan schemas
(`standards/schema/center.schema.json`, `emergency-plan.schema.json`): zones, wall postings
and amenities of the standard's catalogues, every service item with its basis, materials,
steps and the time limit the ledger promises, posts with holder and AB backup taken from
the staff table. Planted defects: `plan_missing_sections` (a plan without its early-warning
and safeguards sections) and `plan_stale_contacts` (a contact list dated more than 12 months
before the end of the year).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from cscaudit.samples import names
from cscaudit.samples.exports import CenterTables, PlantedRow
from cscaudit.samples.ledger import item_types
from cscaudit.samples.model import CenterSpec
from cscaudit.samples.writers import atomic_write

SCHEMA_URL = "https://cscaudit.github.io/schema/1/{kind}.schema.json"
SECTIONS = ("总则", "组织机构与职责", "预测预警", "信息报告", "应急响应", "后期处置", "保障措施",
            "预案管理", "附则", "应急联系人名单")
DROPPED_SECTIONS = ("预测预警", "保障措施")
PLANS = (("总体应急预案", ("自然灾害", "事故灾难", "公共卫生事件", "社会安全事件")),
         ("停电应急预案", ("事故灾难", "停电")))
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"]


def _catalogues() -> dict[str, list[str]]:
    try:
        from cscaudit.config.standard import load_standard

        standard = load_standard()
        return {"zones": list(standard.zones), "postings": list(standard.postings),
                "amenities": list(standard.amenities)}
    except Exception:  # no usable standard: no catalogue ids to list
        return {"zones": [], "postings": [], "amenities": []}


def _dump(data: dict[str, Any], kind: str) -> bytes:
    header = f"# yaml-language-server: $schema={SCHEMA_URL.format(kind=kind)}\n"
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return (header + body).encode()


def _plan(spec: CenterSpec, n: int, title: str, classes: tuple[str, ...], *, missing: bool,
          stale: bool) -> dict[str, Any]:
    rng = spec.rng(f"plan-{n}")
    sections = [s for s in SECTIONS if not (missing and s in DROPPED_SECTIONS)]
    updated = dt.date(spec.year - (2 if stale else 0), rng.randint(1, 6), rng.randint(1, 28))
    contacts = [{"role": role, "name": names.person_name(rng), "phone": names.phone_number(rng)}
                for role in ("总指挥", "副总指挥", "联络员")]
    return {
        "kind": "emergency-plan", "schema_version": 1, "id": f"{spec.id}-plan-{n}",
        "title": f"{spec.name}{title}", "center": spec.id, "version": f"{spec.year}.1",
        "approved_on": dt.date(spec.year - 1, 12, rng.randint(1, 28)).isoformat(),
        "classes": list(classes),
        "sections": [{"title": s, "summary": f"{spec.name}{s}的具体安排"} for s in sections],
        "contacts": {"updated_on": updated.isoformat(), "entries": contacts},
        "supplies": [{"item": "应急照明灯", "quantity": rng.randint(5, 20), "location": "社区仓库"},
                     {"item": "急救箱", "quantity": rng.randint(2, 5), "location": "服务大厅"}],
        "evacuation": {"assembly_points": ["社区广场"], "routes": ["各楼栋经消防通道至社区广场"]},
    }


def _service_items() -> list[dict[str, Any]]:
    return [{"id": item.id, "name": item.name, "category": item.category_id,
             "basis": f"{item.name}相关政策规定", "materials": ["居民身份证", "户口簿"],
             "steps": ["咨询", "受理", "办理", "办结反馈"], "time_limit_days": item.days,
             "fee": 0, "mode": "即办" if (item.days or 0) <= 1 else "代办"}
            for item in item_types()]


def _posts(built: CenterTables) -> list[dict[str, Any]]:
    staff = built.tables["staff"]
    posts = []
    for i, row in enumerate(staff.rows):
        post = {"id": f"post_{i + 1}", "name": str(row[2]), "holder": str(row[1])}
        if row[3] is not None:
            post["backup"] = str(row[3])
        posts.append(post)
    return posts


def write_center_config(spec: CenterSpec, center_dir: Path,
                        built: CenterTables) -> list[PlantedRow]:
    """Write center.yaml and plans/*.yaml; return the planted plan defects."""
    rng = spec.rng("config")
    planted: list[PlantedRow] = []
    plan_refs: list[dict[str, str]] = []
    for i, (title, classes) in enumerate(PLANS):
        rel = f"plans/plan-{i + 1}.yaml"
        missing = spec.wants("plan_missing_sections") and rng.random() < spec.defect_rate * 2
        stale = spec.wants("plan_stale_contacts") and rng.random() < spec.defect_rate * 2
        plan = _plan(spec, i + 1, title, classes, missing=missing, stale=stale)
        atomic_write(center_dir / rel, _dump(plan, "emergency-plan"))
        if missing:
            planted.append(PlantedRow("plan_missing_sections", "center", rel, None, None,
                                      "、".join(DROPPED_SECTIONS)))
        if stale:
            planted.append(PlantedRow("plan_stale_contacts", "center", rel, None, None,
                                      "contacts.updated_on"))
        plan_refs.append({"file": rel})
    usable = rng.randint(400, 900)
    office = round(usable * 0.08)
    data: dict[str, Any] = {
        "kind": "center", "schema_version": 1, "id": spec.id, "name": spec.name + "便民服务中心",
        "community": spec.name, "street": spec.street, "district": spec.district,
        "city": spec.city, "year": spec.year, "households": built.households,
        "blocks": len(built.workers),
        "areas": {"total": usable + 60, "usable": usable, "service": round(usable * 0.5),
                  "office": office, "activity": usable - round(usable * 0.5) - office},
        "hall": {"open_space": True, "windows": 2, "one_visit": True},
        "opening_hours": [{"days": WEEKDAYS, "open": "08:30", "close": "17:30"},
                          {"days": ["sat"], "open": "09:00", "close": "12:00",
                           "note": "周六上午值班"}],
        **_catalogues(),
        "service_items": _service_items(),
        "posts": _posts(built),
        "staff_count": len(built.tables["staff"].rows),
        "emergency_plans": plan_refs,
        "exports": {"dir": "exports"},
    }
    atomic_write(center_dir / "center.yaml", _dump(data, "center"))
    return planted
