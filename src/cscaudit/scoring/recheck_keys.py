"""How the 整改复核 names a row across two audits."""

from __future__ import annotations


def row_key(key: str) -> str:
    """A row's key without its bracketed note (`H001（0/2）` -> `H001`): the note counts
    what is missing and changes as the center rectifies."""
    return key.split("（", 1)[0].split(" (", 1)[0].strip()


DATE_SEP = "\x1f"  # the unit separator: no household, case or worker id carries it


def row_id(key: str, date: str | None) -> str:
    """A row across two audits: its key and, when it has one, its own date. A household or
    worker key alone repeats (two open issues of one household), so rows are told apart by
    date as well, and counted as a multiset."""
    return f"{row_key(key)}{DATE_SEP}{date}" if date else row_key(key)


def key_of(row: str) -> str:
    """The key part of a `row_id`."""
    return row.split(DATE_SEP, 1)[0]
