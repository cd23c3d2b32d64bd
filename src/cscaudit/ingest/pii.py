"""Masking of personal data in what the readers report (issue raw values, inspect output).

One masking policy for the whole project lives in `cscaudit.report.masking`; the readers mask
a PII field's value whole (by the field's `pii` kind in the dictionary) and scrub any other
value as free text (ID or phone numbers typed into a remark).
"""

from __future__ import annotations

from cscaudit.report.masking import mask_value


def mask(value: str | None, pii: str | None) -> str | None:
    """`value` with personal data masked (see module docstring)."""
    return mask_value(value, pii)
