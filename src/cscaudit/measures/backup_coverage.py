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

import polars as pl

from cscaudit.facts import Facts
from cscaudit.facts.columns import filled
from cscaudit.facts.frames import Tables
from cscaudit.i18n import t
from cscaudit.measures.base import EvidenceCollector, IndicatorSpec
from cscaudit.measures.common import (
    config_evidence,
    config_lookup,
    join,
    measurement,
    missing_table,
    not_applicable,
    table_absent,
)
from cscaudit.measures.common import filled as filled_value
from cscaudit.measures.staff_qualification import on_payroll
from cscaudit.results.context import AuditContext
from cscaudit.results.model import Evidence, Finding, Measurement

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


Posts = dict[str, tuple[bool, Evidence]]  # post -> (backed up, where it is first named)


def reads(spec: IndicatorSpec) -> tuple[str, ...]:
    return TABLES


def _backed(holder: Any, backup: Any) -> bool:
    return filled_value(backup) and str(backup).strip() != str(holder or "").strip()


def _add(posts: Posts, post: str, backed: bool, where: Evidence) -> None:
    known = posts.get(post)
    posts[post] = (backed, where) if known is None else (known[0] or backed, known[1])


def _staff_posts(tables: Tables, ctx: AuditContext) -> Posts:
    """Each post the staff on the payroll hold, in the order first named: backed up when
    any holder names a backup other than themself."""
    frame = tables.frame("staff", "post", "name", "backup", "joined_on", "left_on")
    text = {name: pl.col(name).cast(pl.Utf8()).str.strip_chars() for name in ("post", "name", "backup")}
    backed = filled(frame, "backup") & (text["backup"] != text["name"].fill_null(""))
    posts = (frame.filter(filled(frame, "post") & on_payroll(frame, ctx))
             .group_by(text["post"].alias("_post"), maintain_order=True)
             .agg(backed.any().alias("_backed"), pl.col("_file").first(),
                  pl.col("_sheet").first(), pl.col("_row").first()))
    return {post: (ok, Evidence(file, sheet, row, post))
            for post, ok, file, sheet, row in posts.iter_rows()}


def _center_posts(spec: IndicatorSpec, ctx: AuditContext) -> Posts:
    path = str(spec.params["path"])
    entries = config_lookup(ctx.center, path)
    posts: Posts = {}
    for i, entry in enumerate(entries if isinstance(entries, list) else []):
        if not isinstance(entry, Mapping):
            continue
        name = entry.get("name") or entry.get("post") or entry.get("id")
        if filled_value(name):
            where = config_evidence(ctx.center, f"{path}.{i}", key=str(name))
            _add(posts, str(name).strip(), _backed(entry.get("holder"), entry.get("backup")), where)
    return posts


def measure(spec: IndicatorSpec, tables: Tables, facts: Facts, ctx: AuditContext) -> Measurement:
    source = str(spec.params["source"])
    if source == "staff" and table_absent(ctx, "staff"):
        return missing_table("staff")
    posts = _center_posts(spec, ctx) if source != "staff" else {}
    if source in ("staff", "both") or (source == "auto" and not posts):
        for post, (ok, where) in _staff_posts(tables, ctx).items():
            _add(posts, post, ok, where)
    if not posts:
        return not_applicable(t("没有登记任何岗位", "no posts recorded"))
    missing = sorted(post for post, (ok, _) in posts.items() if not ok)
    findings: list[Finding] = []
    if missing:
        evidence = EvidenceCollector()
        for post in missing:
            evidence.add_evidence(posts[post][1])
        findings.append(spec.finding(t(
            f"{len(missing)} 个岗位未设AB岗：{join(missing)}",
            f"{len(missing)} posts without a backup: {', '.join(missing)}"), evidence=evidence))
    n = len(posts)
    return measurement(n, len(missing), findings=findings,
                       measured=t(f"{n - len(missing)}/{n} 个岗位有B岗", f"{n - len(missing)} of {n} posts backed up"))
