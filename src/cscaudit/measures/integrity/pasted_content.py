"""pasted_content: the same free-text visit content pasted across many visits.

Only free text is judged. A content cell is a tag list (the way many 走访 systems export a
multi-select), and identical lists are expected and not counted, when it splits (on
`；;、，,/|` and spaces) into pieces, a parenthetical note dropped from each
(«政策宣传（医保）» is 政策宣传), and either
- every piece names a content tag of the standard — its label, a keyword or a synonym, as
  `cscaudit standard` lists them («政策宣传；信息采集；健康状况»), or
- the cell is joined by one separator throughout, every piece is label-like (at most
  `tag_label_max_length` characters) and at least `tag_list_min_known` of the pieces name a
  tag: a local option beside the standard's («政策宣传；信息采集；节日慰问»).
Prose mixes its punctuation («入户走访，政策宣传、信息采集») or runs longer than a label, and
stays free text.

Free text is normalised (spaces and punctuation dropped) and compared twice:
- per center: a text recurring at least `min_repeats` times and on at least `min_share`
  of the center's free-text visits is flagged (a template every worker types differs in
  details; a pasted paragraph does not);
- per worker: one worker's text recurring at least `worker_min_repeats` times and on at
  least `worker_min_share` of that worker's own free-text visits is flagged, even when it
  is a small share of the center's.

Params:
- `min_repeats` (default 30), `min_share` (default 0.05).
- `worker_min_repeats` (default 10), `worker_min_share` (default 0.3). Source: inferred,
  no published norm: a third of one worker's visits word for word is no longer a habit of
  phrasing, and ten repeats keep a worker with few visits from being judged on chance.
- `min_length`: shorter texts (e.g. 正常) are not judged (default 8 characters).
- `max_texts`: distinct texts tracked, bounding memory (default 200000).
- `min_rows`: visits carrying a flagged text that make this check count towards the veto
  (default 1).
- `tag_label_max_length` (default 8) and `tag_list_min_known` (default 0.6). Source: inferred:
  the standard's tag labels run 4 to 6 characters (子女联系方式) and a local option is as short
  (节日慰问); more than half the pieces must be the standard's own, so a list of local words
  is not taken for a multi-select of the standard's.

Checked: visits with free-text content. Defect: a visit carrying a flagged text. Needs the
raw text: without it (content given as codes only, or tag lists only) not applicable.
Example: "入户走访，了解家庭基本情况，宣传相关政策。" on 212 of 3,000 visits: flagged;
"政策宣传；信息采集；健康状况" on all of them: not counted.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from cscaudit.facts import Facts
from cscaudit.facts.columns import filled
from cscaudit.facts.frames import Tables
from cscaudit.i18n import t
from cscaudit.measures.base import EvidenceCollector, IndicatorSpec
from cscaudit.measures.common import measurement, not_applicable
from cscaudit.measures.integrity.tag_lists import read_texts, tag_terms
from cscaudit.results.context import AuditContext
from cscaudit.results.model import Evidence, Finding, Measurement

SAMPLE_ROWS = 10  # evidence rows shown per repeated text (the total is every row)
ID = "pasted_content"
SUMMARY = t("同一段走访内容被复制粘贴到多条走访记录中。", "the same free-text visit content pasted across many visits.")
TABLES: tuple[str, ...] = ("visits",)
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "min_repeats": {"type": "integer", "minimum": 2, "default": 30},
        "min_share": {"type": "number", "minimum": 0, "maximum": 1, "default": 0.05},
        "worker_min_repeats": {"type": "integer", "minimum": 2, "default": 10},
        "worker_min_share": {"type": "number", "minimum": 0, "maximum": 1, "default": 0.3},
        "min_length": {"type": "integer", "minimum": 1, "default": 8},
        "max_texts": {"type": "integer", "minimum": 1, "default": 200000},
        "min_rows": {"type": "integer", "minimum": 1, "default": 1},
        "tag_label_max_length": {"type": "integer", "minimum": 1, "default": 8},
        "tag_list_min_known": {"type": "number", "exclusiveMinimum": 0, "maximum": 1, "default": 0.6},
    },
}


def reads(spec: IndicatorSpec) -> tuple[str, ...]:
    return TABLES


def _read(visits: pl.DataFrame, spec: IndicatorSpec, ctx: AuditContext) -> tuple[pl.DataFrame, int]:
    """The visits with free-text content, each with `_key` (the text's normal form) and
    `_preview` (its first 40 characters), and how many visits carry a tag list: worked out
    once per distinct text (`tag_lists.read_texts`). Only the free texts are joined back
    (the tag lists are counted only when there is no free text), so the join's table is
    the few free texts, not every text; with none, no join."""
    if visits.schema["content_text"] != pl.Utf8():  # no text at all (a column of nulls)
        return visits.clear().with_columns(pl.lit("").alias("_key"), pl.lit("").alias("_preview")), 0
    max_label, min_known = int(spec.params["tag_label_max_length"]), float(spec.params["tag_list_min_known"])
    info = read_texts(visits.get_column("content_text"), tag_terms(ctx.standard), max_label, min_known)
    free = info.filter(~pl.col("_tag")).drop("_tag")
    if free.height:  # every free text is some visit's: the join keeps at least one
        return visits.join(free, on="content_text", how="inner", maintain_order="left"), 0
    return visits.clear(), int(visits.get_column("content_text").is_in(info.get_column("content_text").implode()).sum())


def _repeats(keyed: pl.DataFrame, by: list[str], max_texts: int, need: float) -> pl.DataFrame:
    """How often each text recurs under `by` (the first `max_texts` texts seen are counted,
    bounding the texts tracked), the groups recurring at least `need` times, most frequent
    first, ties in the order first seen."""
    counts = keyed.group_by(by).agg(pl.len().alias("_n"), pl.col("_i").min().alias("_first"),
                                    pl.col("_preview").first(),
                                    pl.when(pl.col("_who").n_unique() == 1).then(pl.col("_who").first())
                                    .otherwise(pl.lit("")).alias("_writer"))
    counted = counts.sort("_first").head(max_texts) if counts.height > max_texts else counts
    recurring = counted.filter((pl.col("_n") >= need) & (pl.col("_n") >= 2))
    return recurring.sort(["_n", "_first"], descending=[True, False]) if recurring.height > 1 else recurring


def _evidence(rows: pl.DataFrame) -> EvidenceCollector:
    """Every row of a repeated text counted, the first `SAMPLE_ROWS` listed (the first of them
    by its place only, as when it was not yet known to recur)."""
    evidence = EvidenceCollector(cap=SAMPLE_ROWS)
    file, sheet, row = rows.select("_file", "_sheet", "_row").row(0)
    evidence.add_evidence(Evidence(file, sheet, row))
    evidence.add_frame(rows.slice(1), "visits")
    return evidence


def measure(spec: IndicatorSpec, tables: Tables, facts: Facts, ctx: AuditContext) -> Measurement:
    visits = tables.frame("visits", "content_text", "worker")
    free, tag_lists = _read(visits, spec, ctx)
    if free.height == 0:
        return not_applicable(t(f"走访内容均为标签勾选（{tag_lists} 条），没有自由文本可比对",
                                f"the visit content is tag lists only ({tag_lists}): no free text to compare")
                              if tag_lists else t("走访记录没有原始内容文本", "visits carry no content text"))
    checked = free.height
    free = free.with_columns(pl.when(filled(free, "worker")).then(pl.col("worker").str.strip_chars())
                             .otherwise(pl.lit("")).alias("_who"))
    keyed = free.filter(pl.col("_key").str.len_chars() >= int(spec.params["min_length"])).with_row_index("_i")
    max_texts = int(spec.params["max_texts"])
    center = _repeats(keyed, ["_key"], max_texts,
                      max(int(spec.params["min_repeats"]), float(spec.params["min_share"]) * checked))
    by_worker = _repeats(keyed.filter(pl.col("_who") != ""), ["_who", "_key"], max_texts,
                         int(spec.params["worker_min_repeats"]))
    if by_worker.height:
        own = free.filter(pl.col("_who") != "").group_by("_who").len("_own")
        pasted = set(center.get_column("_key").to_list())
        worker_share = float(spec.params["worker_min_share"])
        by_worker = by_worker.join(own, on="_who", how="left", maintain_order="left").filter(
            ~pl.col("_key").is_in(list(pasted)) & (pl.col("_n") / pl.col("_own") >= worker_share))
    rows = keyed.join(center.select("_key"), on="_key", how="semi", maintain_order="left") \
        .partition_by("_key", as_dict=True) if center.height else {}
    worker_rows = keyed.join(by_worker.select("_who", "_key"), on=["_who", "_key"], how="semi",
                             maintain_order="left").partition_by("_who", "_key", as_dict=True) \
        if by_worker.height else {}
    findings: list[Finding] = []
    for key, n, _, preview, writer in center.iter_rows():
        who = writer or None
        by = t(f"，均为 {who} 所记", f", all written by {who}") if who else t("", "")
        findings.append(spec.finding(t(
            f"同一段走访内容「{preview}」出现在 {n} 条记录中（占自由文本走访记录的 {n / checked:.1%}）",
            f"the same visit text '{preview}' appears on {n} visits ({n / checked:.1%} of the "
            "visits with free-text content)") + by, evidence=_evidence(rows[(key,)]), worker=who))
    for worker, key, n, _, preview, _, visits_of_worker in by_worker.iter_rows():
        share = n / visits_of_worker
        findings.append(spec.finding(t(
            f"{worker} 的走访内容「{preview}」出现在其本人 {n} 条记录中（占其 {share:.1%}）",
            f"{worker}'s visit text '{preview}' appears on {n} of their own visits "
            f"({share:.1%})"), evidence=_evidence(worker_rows[(worker, key)]), worker=worker))
    defects = int(center.get_column("_n").sum()) + int(by_worker.get_column("_n").sum())
    return measurement(checked, defects, findings=findings)
