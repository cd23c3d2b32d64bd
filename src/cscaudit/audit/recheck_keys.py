"""How the 整改复核 names a row across two audits."""

from __future__ import annotations


def row_key(key: str) -> str:
    """A row's key without its bracketed note (`H001（0/2）` -> `H001`): the note counts
    what is missing and changes as the center rectifies."""
    return key.split("（", 1)[0].split(" (", 1)[0].strip()
