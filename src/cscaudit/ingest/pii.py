"""Masking of personal data in what the readers report (issue raw values, inspect output).

One masking policy for the whole project lives in `cscaudit.masking`; the readers mask
a PII field's value whole (by the field's `pii` kind in the dictionary) and scrub any other
value as free text (ID or phone numbers typed into a remark).
"""

from __future__ import annotations

from collections.abc import Iterable

from cscaudit.i18n import Text
from cscaudit.masking import mask_names, mask_value, scrub_text


def mask(value: str | None, pii: str | None) -> str | None:
    """`value` with personal data masked (see module docstring)."""
    return mask_value(value, pii)


def scrub(value: str) -> str:
    """ID and phone numbers inside free text (a header, a message) masked."""
    return scrub_text(value)


def scrub_message(message: Text) -> Text:
    """A message in both languages with ID and phone numbers masked (a message may quote
    the values it could not read)."""
    return Text(scrub_text(message.zh), scrub_text(message.en))


def hide_names(value: str, names: Iterable[str]) -> str:
    """`value` (a file or sheet name) with the residents' `names` in it masked."""
    return mask_names(value, names)
