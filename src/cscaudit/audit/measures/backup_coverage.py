"""backup_coverage: every post has an AB backup (AB岗).

Posts come from the staff table (column 岗位, backup in 备岗/AB岗), from the posts listed in
center.yaml (each with a `backup`), or both; with both, a post is covered when either
source names a backup for it (the two must then name posts alike).

Params:
- `source`: `auto` (default: the posts of center.yaml when it lists any, else the staff
  table), `center`, `staff` or `both`.
- `path`: dotted path of the posts in center.yaml (default `posts`); each entry a mapping
  with a name (`name`, `post` or `id`) and `backup`.

Defect: a post nobody backs up (an empty backup, 无, or the holder backing up themself).
Checked: the posts. No post at all: not applicable.
Example: posts 综合受理 (backup 李四) and 民政 (no backup): 1 defect, 民政.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cscaudit.audit.measures.base import AuditContext, EvidenceCollector, IndicatorSpec
from cscaudit.audit.measures.common import (
    config_evidence,
    config_lookup,
    filled,
    join,
    measurement,
    missing_table,
    not_applicable,
    table_absent,
)
from cscaudit.audit.measures.staff_qualification import on_payroll
from cscaudit.audit.model import Evidence, Measurement
from cscaudit.i18n import t
from cscaudit.ingest.model import Record

ID = "backup_coverage"
SUMMARY = t("每个岗位都有AB岗备岗人员。", "every post has an AB backup (AB岗).")
TABLES: tuple[str, ...] = ("staff",)
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "source": {"enum": ["auto", "staff", "center", "both"], "default": "auto"},
        "path": {"type": "string", "default": "posts"},
    },
}


def _backed(holder: Any, backup: Any) -> bool:
    return filled(backup) and str(backup).strip() != str(holder or "").strip()


class BackupCoverage:
    def __init__(self, spec: IndicatorSpec, ctx: AuditContext) -> None:
        self.spec, self.ctx = spec, ctx
        self.source = str(spec.params["source"])
        self.staff_covered: dict[str, bool] = {}
        self.staff_where: dict[str, Evidence] = {}
        self.covered: dict[str, bool] = {}
        self.where: dict[str, Evidence] = {}

    def _post(self, post: str, backed: bool, where: Evidence, from_staff: bool = False) -> None:
        covered, places = (self.staff_covered, self.staff_where) if from_staff else (self.covered, self.where)
        covered[post] = covered.get(post, False) or backed
        places.setdefault(post, where)

    def add(self, record: Record) -> None:
        v = record.values
        if self.source == "center" or not filled(v.get("post")) or not on_payroll(record, self.ctx):
            return
        post = str(v["post"]).strip()
        where = Evidence(record.source.file, record.source.sheet, record.row, post)
        self._post(post, _backed(v.get("name"), v.get("backup")), where, from_staff=True)

    def _from_center(self) -> None:
        path = str(self.spec.params["path"])
        entries = config_lookup(self.ctx.center, path)
        for i, entry in enumerate(entries if isinstance(entries, list) else []):
            if not isinstance(entry, Mapping):
                continue
            name = entry.get("name") or entry.get("post") or entry.get("id")
            if filled(name):
                where = config_evidence(self.ctx.center, f"{path}.{i}", key=str(name))
                self._post(str(name).strip(), _backed(entry.get("holder"), entry.get("backup")), where)

    def finish(self) -> Measurement:
        if self.source == "staff" and table_absent(self.ctx, "staff"):
            return missing_table("staff")
        if self.source != "staff":
            self._from_center()
        if self.source in ("staff", "both") or (self.source == "auto" and not self.covered):
            for post, ok in self.staff_covered.items():
                self.covered[post] = self.covered.get(post, False) or ok
                self.where.setdefault(post, self.staff_where[post])
        if not self.covered:
            return not_applicable(t("没有登记任何岗位", "no posts recorded"))
        missing = sorted(p for p, ok in self.covered.items() if not ok)
        findings = []
        if missing:
            evidence = EvidenceCollector()
            for post in missing:
                evidence.add_evidence(self.where[post])
            findings.append(self.spec.finding(t(
                f"{len(missing)} 个岗位未设AB岗：{join(missing)}",
                f"{len(missing)} posts without a backup: {', '.join(missing)}"), evidence))
        n = len(self.covered)
        return measurement(n, len(missing), findings,
                           measured=t(f"{n - len(missing)}/{n} 个岗位有B岗", f"{n - len(missing)} of {n} posts backed up"))


def start(spec: IndicatorSpec, ctx: AuditContext) -> BackupCoverage:
    return BackupCoverage(spec, ctx)
