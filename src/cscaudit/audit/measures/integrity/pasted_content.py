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

import re
import unicodedata
from collections.abc import Hashable, Iterator
from typing import Any, Generic, TypeVar

from cscaudit.audit.measures.base import AuditContext, EvidenceCollector, IndicatorSpec
from cscaudit.audit.measures.common import filled, measurement, not_applicable
from cscaudit.audit.model import Evidence, Finding, Measurement
from cscaudit.i18n import t
from cscaudit.ingest.model import Record, SourceRef

SAMPLE_ROWS = 10  # rows kept per repeated text: every repeated text is a candidate
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

_WORD = re.compile(r"[^\W_]+")
TAG_LIST_SEPARATORS = re.compile(r"[；;、，,/|\s]+")
_NOTE = re.compile(r"[(（][^()（）]*[)）]")  # 政策宣传（医保）: a tag with a note


def normalise(text: str) -> str:
    """Letters and digits only: `入户走访， 了解情况。` -> `入户走访了解情况`.

    Pasted text is the same text; dropping spaces and punctuation is enough to see through
    a re-typed separator, and cheap enough for every visit."""
    return "".join(_WORD.findall(text))  # the same as deleting [\W_]+, about twice as fast


def tag_terms(standard: Any) -> frozenset[str]:
    """The normalised words that name a content tag of the standard."""
    return frozenset(normalise(unicodedata.normalize("NFKC", term))
                     for tag in standard.content_tags.values() for term in tag.terms)


def is_tag_list(text: str, terms: frozenset[str], max_label: int = 8, min_known: float = 1.0) -> bool:
    """Whether `text` is a multi-select, not free text: every piece names a content tag, or
    (one separator throughout, every piece at most `max_label` characters) at least
    `min_known` of the pieces do. The module docstring gives the rule."""
    folded = _NOTE.sub("", unicodedata.normalize("NFKC", text))  # full-width forms, notes
    pieces = [p for p in (normalise(p) for p in TAG_LIST_SEPARATORS.split(folded.strip())) if p]
    if not pieces:
        return False
    known = sum(p in terms for p in pieces)
    if known == len(pieces):
        return True
    separators = set(TAG_LIST_SEPARATORS.findall(folded.strip()))
    return (len(separators) == 1 and all(len(p) <= max_label for p in pieces)
            and known / len(pieces) >= min_known)


K = TypeVar("K", bound=Hashable)


class TextCounter(Generic[K]):
    """How often each text recurs under a key, with the rows of those that recur."""

    def __init__(self, max_texts: int) -> None:
        self.max_texts = max_texts
        self.counts: dict[K, int] = {}
        self.first: dict[K, tuple[SourceRef, int]] = {}  # until the text recurs
        self.rows: dict[K, EvidenceCollector] = {}

    def add(self, key: K, record: Record) -> None:
        count = self.counts.get(key, 0) + 1
        if count == 1 and len(self.counts) >= self.max_texts:
            return
        self.counts[key] = count
        if count == 1:
            self.first[key] = (record.source, record.row)
            return
        if count == 2:
            source, row = self.first.pop(key)
            self.rows[key] = EvidenceCollector(cap=SAMPLE_ROWS)
            self.rows[key].add_evidence(Evidence(source.file, source.sheet, row))
        self.rows[key].add(record)

    def flagged(self, need: float) -> list[K]:
        """The keys seen at least `need` times, most frequent first."""
        return sorted((k for k, n in self.counts.items() if n >= need and n >= 2),
                      key=lambda k: -self.counts[k])


class PastedContent:
    def __init__(self, spec: IndicatorSpec, ctx: AuditContext) -> None:
        p = spec.params
        self.spec, self.ctx = spec, ctx
        self.min_repeats = int(p["min_repeats"])
        self.min_share = float(p["min_share"])
        self.worker_repeats = int(p["worker_min_repeats"])
        self.worker_share = float(p["worker_min_share"])
        self.min_length = int(p["min_length"])
        self.max_label = int(p["tag_label_max_length"])
        self.min_known = float(p["tag_list_min_known"])
        max_texts = int(p["max_texts"])
        self.terms = tag_terms(ctx.standard)
        self.checked = 0
        self.tag_lists = 0
        self.center: TextCounter[str] = TextCounter(max_texts)
        self.by_worker: TextCounter[tuple[str, str]] = TextCounter(max_texts)
        self.worker_visits: dict[str, int] = {}
        self.preview: dict[str, str] = {}
        self.writer: dict[str, str] = {}  # text -> its only worker so far ("" once a second writes it)

    def add(self, record: Record) -> None:
        raw = record.values.get("content_text")
        if not isinstance(raw, str) or not raw.strip():
            return
        if is_tag_list(raw, self.terms, self.max_label, self.min_known):
            self.tag_lists += 1
            return
        self.checked += 1
        worker = record.values.get("worker")
        who = str(worker).strip() if filled(worker) else ""
        if who:
            self.worker_visits[who] = self.worker_visits.get(who, 0) + 1
        key = normalise(raw)
        if len(key) < self.min_length:
            return
        self.preview.setdefault(key, raw.strip()[:40])
        if self.writer.setdefault(key, who) != who:
            self.writer[key] = ""
        self.center.add(key, record)
        if who:
            self.by_worker.add((who, key), record)

    def finish(self) -> Measurement:
        if self.checked == 0:
            why = (t(f"走访内容均为标签勾选（{self.tag_lists} 条），没有自由文本可比对",
                     f"the visit content is tag lists only ({self.tag_lists}): no free text to compare")
                   if self.tag_lists else t("走访记录没有原始内容文本", "visits carry no content text"))
            return not_applicable(why)
        center_texts = self.center.flagged(max(self.min_repeats, self.min_share * self.checked))
        findings = [self._center_finding(key) for key in center_texts]
        rows = sum(self.center.counts[k] for k in center_texts)
        pasted = set(center_texts)
        for worker, key in self._worker_texts(pasted):
            findings.append(self._worker_finding(worker, key))
            rows += self.by_worker.counts[(worker, key)]
        return measurement(self.checked, rows, findings)

    def _worker_texts(self, already: set[str]) -> Iterator[tuple[str, str]]:
        for worker, key in self.by_worker.flagged(self.worker_repeats):
            share = self.by_worker.counts[(worker, key)] / self.worker_visits[worker]
            if key not in already and share >= self.worker_share:
                yield worker, key

    def _center_finding(self, key: str) -> Finding:
        """The text, how many free-text visits carry it and their share; the worker when every
        one of them is that worker's."""
        n, share = self.center.counts[key], self.center.counts[key] / self.checked
        who = self.writer.get(key) or None
        by = t(f"，均为 {who} 所记", f", all written by {who}") if who else t("", "")
        return self.spec.finding(t(
            f"同一段走访内容「{self.preview[key]}」出现在 {n} 条记录中（占自由文本走访记录的 {share:.1%}）",
            f"the same visit text '{self.preview[key]}' appears on {n} visits ({share:.1%} of the "
            "visits with free-text content)") + by, self.center.rows[key], worker=who)

    def _worker_finding(self, worker: str, key: str) -> Finding:
        n, own = self.by_worker.counts[(worker, key)], self.worker_visits[worker]
        return self.spec.finding(t(
            f"{worker} 的走访内容「{self.preview[key]}」出现在其本人 {n} 条记录中（占其 {n / own:.1%}）",
            f"{worker}'s visit text '{self.preview[key]}' appears on {n} of their own visits "
            f"({n / own:.1%})"), self.by_worker.rows[(worker, key)], worker=worker)


def start(spec: IndicatorSpec, ctx: AuditContext) -> PastedContent:
    return PastedContent(spec, ctx)
