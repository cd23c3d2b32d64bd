"""Small helpers shared by the measure kinds: values, dates, config lookups, summaries.

Nothing here knows about a particular indicator; each kind stays a short module that reads
like its docstring.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Protocol

from cscaudit.i18n import Text, t
from cscaudit.ingest.model import CellValue
from cscaudit.results.model import Evidence, Finding, Measurement
from cscaudit.rules.cell_words import NONE_WORD_MAX, NONE_WORDS, YES_WORDS

if TYPE_CHECKING:
    from cscaudit.config.center import Center
    from cscaudit.config.standard_model import Standard
    from cscaudit.config.yamlio.model import YamlValue
    from cscaudit.results.context import AuditContext



def filled(value: CellValue) -> bool:
    """True when a cell or config value holds something (not None, blank or an empty list)."""
    if value is None:
        return False
    if type(value) is str:  # the hot path: most cells are text
        stripped = value.strip()
        return stripped != "" and (len(stripped) > NONE_WORD_MAX or stripped.lower() not in NONE_WORDS)
    if isinstance(value, (list, tuple, set, frozenset, dict)):
        return len(value) > 0
    return True


def as_date(value: CellValue) -> dt.date | None:
    """A date from a date or datetime value; anything else gives None."""
    kind = type(value)
    if kind is dt.date:
        return value  # type: ignore[no-any-return]
    if kind is dt.datetime:
        return value.date()  # type: ignore[no-any-return]
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None


def as_datetime(value: CellValue, *, end_of_day: bool = False) -> dt.datetime | None:
    """A datetime from a datetime or a date (midnight, or 23:59:59 with `end_of_day`)."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date):
        at = dt.time(23, 59, 59) if end_of_day else dt.time(0, 0)
        return dt.datetime.combine(value, at)
    return None


def codes(value: CellValue) -> tuple[str, ...]:
    """Tag codes of a value: a tuple of codes stays, a single code becomes a 1-tuple."""
    if value is None:
        return ()
    if type(value) is tuple:  # the reader's tags: already a tuple of codes
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        return tuple(str(v) for v in value)
    return (str(value),)


def in_period(day: dt.date | None, start: dt.date, end: dt.date) -> bool:
    return day is not None and start <= day <= end


def percent(part: int, whole: int) -> Text:
    """`96.2%（481/500）`: the rate with its counts, the same in both languages."""
    if whole == 0:
        return t("无可计数据", "nothing to count")
    text = f"{100.0 * part / whole:.1f}%（{part}/{whole}）"
    return Text(text, text.replace("（", " (").replace("）", ")"))


def rate_of(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def table_title(table: str) -> Text:
    """The table's name for people (`办件台账 / service ledger`), from the field dictionary."""
    from cscaudit.ingest import load_dictionary

    spec = load_dictionary().tables.get(table)
    return spec.title if spec is not None else t(table, table)


def field_title(table: str, field: str) -> Text:
    """A field's name for people (`受理人 / handler`), from the field dictionary."""
    from cscaudit.ingest import load_dictionary

    spec = load_dictionary().tables.get(table)
    found = spec.fields.get(field) if spec is not None else None
    return found.title if found is not None else t(field, field)


def not_applicable(reason: Text) -> Measurement:
    return Measurement(checked=0, defects=0, applicable=False, reason=reason)


def missing_table(table: str) -> Measurement:
    """The table was not among the exports at all: the indicator cannot be measured."""
    return Measurement(
        checked=0, defects=0, error=True,
        reason=t(f"未找到{table_title(table).zh}（{table}）的导出文件；请在 exports/ 中提供，"
                 "或在 center.yaml 的 exports.tables 中指明",
                 f"no export of the {table_title(table).en} table ({table}) found; put it in "
                 "exports/ or map it under exports.tables in center.yaml"),
    )


def empty_table(table: str) -> Measurement:
    title = table_title(table)
    return not_applicable(t(f"{title.zh}在考核期内没有记录",
                            f"the {title.en} table has no records in the period"))


def table_absent(ctx: AuditContext, table: str) -> bool:
    return table not in ctx.tables_present


# ---------------------------------------------------------------- center configuration
def config_lookup(center: Center | None, path: str) -> YamlValue:
    """The value at a dotted path of center.yaml (`areas.office`), or None."""
    node: Any = center.data if center is not None else {}
    for part in path.split("."):
        if isinstance(node, Mapping) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
    return node


def config_title(path: str) -> Text:
    """A center.yaml section's name for people (`上墙内容 / postings on the wall`), from the
    center schema's titles; the dotted path itself when it has none."""
    import re

    from cscaudit.config.schemas import schema_for

    node: Any = schema_for("center")
    for part in path.split("."):
        props = node.get("properties", {}) if isinstance(node, Mapping) else {}
        node = props.get(part) or (node.get("items") if isinstance(node, Mapping) else None)
    title = node.get("title") if isinstance(node, Mapping) else None
    if not isinstance(title, str) or " / " not in title:
        return t(path, path)
    zh, en = title.split(" / ", 1)
    return t(re.sub(r"（[^）]*）$", "", zh), re.sub(r" \([^)]*\)$", "", en))


def config_evidence(center: Center | None, path: str, key: str | None = None) -> Evidence:
    """Where a config value stands: center.yaml and its line (the nearest existing key)."""
    source = center.source if center is not None else None
    if source is None:  # no center, or one not read from a file
        return Evidence(file="center.yaml", sheet=None, row=None, key=key or path)
    json_path = tuple(int(p) if p.isdigit() else p for p in path.split("."))
    return Evidence(file=shown_path(center, source.path), sheet=None,
                    row=source.locate_key(json_path)[0], key=key or path)


def shown_path(center: Center | None, path: str) -> str:
    """`path` as evidence shows it: relative to the center's folder, else its file name."""
    root = center.root if center is not None else None
    if root is not None:
        from pathlib import Path

        try:
            return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
        except (ValueError, OSError):
            pass
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def entry_ids(value: CellValue, key: str = "id") -> list[str]:
    """Ids of a config list: plain strings, or mappings carrying `key`."""
    ids: list[str] = []
    if isinstance(value, Mapping):
        return [str(k) for k in value]
    if not isinstance(value, list):
        return ids
    for entry in value:
        if isinstance(entry, Mapping):
            if filled(entry.get(key)):
                ids.append(str(entry[key]))
        elif filled(entry):
            ids.append(str(entry))
    return ids


def catalogue_name(ctx: AuditContext, catalogue: str | None, entry_id: str) -> str:
    """The Chinese name of a catalogue entry of the standard, else the id itself."""
    if not catalogue:
        return entry_id
    entry = named_entries(ctx.standard, catalogue).get(entry_id)
    return entry.name.zh if entry is not None else entry_id


class Named(Protocol):
    """An entry of one of the standard's catalogues: it has a name."""

    @property
    def name(self) -> Text: ...


def named_entries(standard: Standard, catalogue: str) -> Mapping[str, Named]:
    """One of the standard's named catalogues by name: `event_classes`, `plan_sections`, or
    what `Standard.catalogue` gives (`zones`, `postings`, `amenities`, `categories`)."""
    if catalogue == "event_classes":
        return standard.event_classes
    if catalogue == "plan_sections":
        return standard.plan_sections
    return standard.catalogue(catalogue)


def join(items: Iterable[str], limit: int = 12) -> str:
    items = list(items)
    more = f" …（+{len(items) - limit}）" if len(items) > limit else ""
    return "、".join(items[:limit]) + more


def bool_true(value: CellValue) -> bool:
    return value is True or (isinstance(value, str) and value.strip() in YES_WORDS)


def measurement(checked: int, defects: int, *, findings: Iterable[Finding] = (),
                rate: float | None = None, measured: Text | None = None,
                reason: Text | None = None) -> Measurement:
    """A measurement with the usual summary: the rate of good things when there is one.
    The two counts are positional (`measurement(checked, defects, findings=..., rate=...)`);
    everything else is named, so an optional summary is never taken for another."""
    if measured is None and rate is not None:
        measured = percent(checked - defects, checked)
    return Measurement(checked=checked, defects=defects, rate=rate, measured=measured,
                       reason=reason, findings=tuple(findings))

