"""The text normalisation the pasted-content check compares texts by."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from cscaudit.measures.integrity.tag_lists import normalise


@given(st.text(max_size=200))
def test_normalise_drops_exactly_what_is_not_a_letter_or_digit(text: str) -> None:
    assert normalise(text) == re.sub(r"[\W_]+", "", text)
