"""How an output is written: its language, and whether personal data shows unmasked.

Every writer of the audit's and the district's outputs (scorecard, JSON, PDF, console summary,
district workbooks, run JSON) takes one `OutputOptions`, built once by the command from
`--lang` and `--show-pii`, instead of a language and a positional flag each.
"""

from __future__ import annotations

from dataclasses import dataclass

from cscaudit.i18n import Lang


@dataclass(frozen=True)
class OutputOptions:
    lang: Lang = "zh"
    show_pii: bool = False  # --show-pii: personal data unmasked (masked by default)
