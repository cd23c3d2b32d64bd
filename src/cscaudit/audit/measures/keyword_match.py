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
from dataclasses import replace
from typing import Any

from cscaudit.audit.measures.base import TABLE_ORDER, AuditContext, EvidenceCollector, IndicatorSpec
from cscaudit.audit.measures.common import (
    as_date,
    in_period,
    measurement,
    not_applicable,
    table_absent,
    table_title,
)
from cscaudit.audit.measures.inspection_item import cleared_on_site, failed_on_site
from cscaudit.audit.model import Measurement
from cscaudit.i18n import t
from cscaudit.ingest.model import Record

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


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


class KeywordMatch:
    def __init__(self, spec: IndicatorSpec, ctx: AuditContext) -> None:
        p = spec.params
        self.spec, self.ctx = spec, ctx
        self.table = str(p["table"])
        self.tables: tuple[str, ...] = (self.table,)
        self.fields = list(p["fields"])
        self.keywords = list(p["keywords"])
        self.keyword_re = re.compile(_alternatives(self.keywords))
        negations = list(p["negations"])
        self.negated_re = (re.compile(f"(?:{_alternatives(negations)}).{{0,{NEGATION_REACH}}}$")
                           if negations else None)
        self.others = list(p["other_parties"])
        self.confirmed_by = [spec.id, *p["confirmed_by"]]
        self.date_field = p.get("date_field")
        self.key = p.get("key_field")
        self.checked = 0
        self.hits = EvidenceCollector()
        self.matched: dict[str, None] = {}  # the words that matched, in order of first hit

    def add(self, record: Record) -> None:
        if record.table != self.table:
            return
        v = record.values
        if self.date_field and not in_period(as_date(v.get(self.date_field)), self.ctx.period_start,
                                             self.ctx.period_end):
            return
        self.checked += 1
        text = " ".join(str(v.get(f)) for f in self.fields if v.get(f) is not None)
        words = [w for w in map(self._mention, CLAUSE_BREAKS.split(text)) if w is not None]
        if words:
            self.hits.add(record, self.key)
            self.matched.update(dict.fromkeys(words))

    def _mention(self, clause: str) -> str | None:
        """The keyword `clause` mentions, not negated and not another party's fault; else None."""
        if any(other in clause for other in self.others):
            return None
        for found in self.keyword_re.finditer(clause):
            before = clause[:found.start()]
            if self.negated_re is None or not self.negated_re.search(before):
                return found.group()
        return None

    def finish(self) -> Measurement:
        if table_absent(self.ctx, self.table) or self.checked == 0:
            return not_applicable(t(f"{table_title(self.table).zh}没有记录",
                                    f"no records in the {table_title(self.table).en}"))
        findings = []
        if self.hits.total:
            findings.append(self.spec.finding(t(
                f"{self.hits.total} 条记录提及：{'、'.join(self.matched)}",
                f"{self.hits.total} records mention: {', '.join(self.matched)}"), self.hits))
        found = measurement(self.checked, self.hits.total, findings,
                            measured=t(f"命中 {self.hits.total} 条", f"{self.hits.total} matches"))
        return replace(found, veto_grounds=failed_on_site(self.ctx, self.confirmed_by),
                       veto_cleared=cleared_on_site(self.ctx, self.confirmed_by))


def start(spec: IndicatorSpec, ctx: AuditContext) -> KeywordMatch:
    return KeywordMatch(spec, ctx)
