"""Scans every output for personal data that escaped masking."""

from __future__ import annotations

import re

ID_RE = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
MOBILE_RE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
RESIDENT_NAMES = ("张三",)


def leaks(text: str) -> list[str]:
    """Unmasked ID numbers and mobiles in `text`."""
    return ID_RE.findall(text) + MOBILE_RE.findall(text)
