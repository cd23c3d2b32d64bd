"""Text from inputs on a terminal: control characters are shown, never obeyed.

A center name holding `ESC [2J` would clear the screen, a right-to-left override (U+202E)
would show a file name backwards, a carriage return would overwrite the line. Every
console sink passes the text it prints through `escape_controls`, which writes each such
character as a visible escape (`\\u001b`, `\\u202e`: valid inside JSON strings too) and leaves everything else as it is:

- C0 controls (U+0000-U+001F) except the line feed and the tab, DEL and the C1 controls
  (U+007F-U+009F);
- the bidirectional marks, embeddings, overrides and isolates: U+061C, U+200E, U+200F,
  U+202A-U+202E, U+2066-U+2069.

The sinks: `cli.common.echo_err` (every error), `cli.common.echo_out` (plain command
output), the rich summary of `audit` (`report.console`, through its scrubber) and the text
reporters of `validate`.
"""

from __future__ import annotations

import re

_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """`text` with every terminal control character written as a visible escape."""
    return _CONTROLS.sub(_visible, text) if text else text
