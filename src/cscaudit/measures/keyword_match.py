"""keyword_match: records whose text mentions any of some keywords, e.g. a liability incident.

Meant for veto items read off free text: an incident summary saying 责任事故 or 被追责.
The text is read clause by clause (split at ，。；！？ and line breaks). A keyword does not
count where it is negated (a word of `negations` at most two characters before it:
「经查无责任事故」「无需追究责任」「不属于重大责任事故」) or where its clause names another party
at fault (a word of `other_parties`: 「经查为维保单位责任事故」). As a veto item a hit is a 疑点
to verify, never a veto by itself: the veto applies when the inspection-findings file judges
one of `confirmed_by` (or this indicator itself) `fail`; a `pass` (none failing) clears the
疑点: the veto does not apply.

Params:
- `table` (required), `fields` (required): the text fields to search.
- `keywords` (required): words that mark a record.
- `negations`: words that negate a keyword right after them (default none).
- `other_parties`: parties whose fault a clause may name (default none).
- `confirmed_by`: on-site items whose `fail` confirms a hit (default none besides itself).
- `date_field`: only records dated in the period (default: every record).
- `key_field`: the id shown with the evidence.

Checked: the records searched. Defect: a record mentioning a keyword, not negated, not
another party's fault. The finding names the words that matched, not the whole list. No record: not applicable; the table missing: not applicable too
(nothing recorded, nothing found).
Example: `{table: incidents, fields: [summary], keywords: [责任事故], other_parties: [维保单位]}`:
"燃气泄漏，经查为社区管理责任事故" is 1 defect; "电梯困人，经查为维保单位责任事故" is none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import polars as pl

from cscaudit.config.yamlio.model import YamlMapping
from cscaudit.facts import Facts
from cscaudit.facts.columns import as_text, in_period, per_distinct
from cscaudit.facts.frames import Tables
from cscaudit.i18n import t
from cscaudit.measures.base import TABLE_ORDER, EvidenceCollector, IndicatorSpec
from cscaudit.measures.common import measurement, not_applicable, table_absent, table_title
from cscaudit.measures.inspection_item import cleared_on_site, failed_on_site
from cscaudit.results.context import AuditContext
from cscaudit.results.model import Measurement

ID = "keyword_match"
SUMMARY = t("文字中提到某些关键词的记录，例如责任事故。",
            "records whose text mentions any of some keywords, e.g. a liability incident.")
TABLES: tuple[str, ...] = TABLE_ORDER
PARAMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["table", "fields", "keywords"],
    "properties": {
        "table": {"enum": list(TABLE_ORDER)},
        "fields": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        "keywords": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
        "negations": {"type": "array", "items": {"type": "string", "minLength": 1}, "default": []},
        "other_parties": {"type": "array", "items": {"type": "string", "minLength": 1}, "default": []},
        "confirmed_by": {"type": "array", "items": {"type": "string"}, "default": []},
        "date_field": {"type": "string"},
        "key_field": {"type": "string"},
    },
}
CLAUSE_BREAKS = re.compile(r"[，,。；;！!？?\n]+")
NEGATION_REACH = 2  # characters a negation may stand before its keyword (无重大责任事故)


def _alternatives(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class Mentions:
    """What a text mentions: per clause, the first keyword not negated right before it, in a
    clause that names no other party at fault."""

    keyword_re: re.Pattern[str]
    negated_re: re.Pattern[str] | None
    others: tuple[str, ...]

    @classmethod
    def of(cls, params: YamlMapping) -> Mentions:
        negations = list(params["negations"])
        return cls(re.compile(_alternatives(list(params["keywords"]))),
                   re.compile(f"(?:{_alternatives(negations)}).{{0,{NEGATION_REACH}}}$")
                   if negations else None,
                   tuple(params["other_parties"]))

    def words(self, text: str) -> list[str]:
        """The keywords `text` mentions, one per clause that mentions one, in clause order."""
        return [w for w in map(self._mention, CLAUSE_BREAKS.split(text)) if w is not None]

    def _mention(self, clause: str) -> str | None:
        if any(other in clause for other in self.others):
            return None
        for found in self.keyword_re.finditer(clause):
            before = clause[:found.start()]
            if self.negated_re is None or not self.negated_re.search(before):
                return found.group()
        return None


def reads(spec: IndicatorSpec) -> tuple[str, ...]:
    return (str(spec.params["table"]),)


def _searched(frame: pl.DataFrame, fields: list[str]) -> pl.DataFrame:
    """`frame` with `_text`: its `fields` written out and joined by a space, the empty ones
    left out."""
    written = {name: f"_text_{i}" for i, name in enumerate(dict.fromkeys(fields))}
    for name, alias in written.items():
        frame = as_text(frame, name, alias)
    return frame.with_columns(pl.concat_str([pl.col(written[name]) for name in fields],
                                            separator=" ", ignore_nulls=True).alias("_text"))


def measure(spec: IndicatorSpec, tables: Tables, facts: Facts, ctx: AuditContext) -> Measurement:
    p = spec.params
    table = str(p["table"])
    fields = [str(name) for name in p["fields"]]
    date_field = p.get("date_field")
    records = tables.frame(table, *fields, date_field, p.get("key_field"))  # None: passed over
    if date_field:
        records = records.filter(in_period(records, date_field, ctx.period_start, ctx.period_end))
    if table_absent(ctx, table) or records.height == 0:
        return not_applicable(t(f"{table_title(table).zh}没有记录",
                                f"no records in the {table_title(table).en}"))
    found = per_distinct(_searched(records, fields), "_text", Mentions.of(p).words,
                         pl.List(pl.Utf8()), "_words")
    hit = found.filter(pl.col("_words").list.len() > 0)
    hits = EvidenceCollector()
    hits.add_frame(hit, table, p.get("key_field"))
    matched = hit["_words"].explode().unique(maintain_order=True).to_list()
    findings = []
    if hits.total:
        findings.append(spec.finding(t(
            f"{hits.total} 条记录提及：{'、'.join(matched)}",
            f"{hits.total} records mention: {', '.join(matched)}"), evidence=hits))
    confirmed_by = [spec.id, *p["confirmed_by"]]
    result = measurement(records.height, hits.total, findings=findings,
                         measured=t(f"命中 {hits.total} 条", f"{hits.total} matches"))
    return replace(result, veto_grounds=failed_on_site(ctx, confirmed_by),
                   veto_cleared=cleared_on_site(ctx, confirmed_by))
