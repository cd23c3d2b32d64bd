"""User-facing text in two languages: Chinese by default, English with `--lang en`.

Core code never decides the language. It builds `Text` values (both languages at once)
and the CLI or a reporter renders them with the language the user chose.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")


@dataclass(frozen=True, slots=True)
class Text:
    """A message in Chinese and English; `{name}` placeholders are filled by `format`."""

    zh: str
    en: str

    def __call__(self, lang: Lang) -> str:
        return self.zh if lang == "zh" else self.en

    def format(self, **values: object) -> Text:
        return Text(self.zh.format(**values), self.en.format(**values))

    def __add__(self, other: Text) -> Text:
        return Text(self.zh + other.zh, self.en + other.en)


def t(zh: str, en: str) -> Text:
    """Shorthand constructor: `t("缺少文件", "file missing")`."""
    return Text(zh, en)


def parse_lang(value: str) -> Lang:
    """Map a `--lang` value to a `Lang`; raise ValueError for anything else."""
    v = value.strip().lower()
    if v in ("zh", "zh-cn", "zh_cn", "cn", "chinese", "中文"):
        return "zh"
    if v in ("en", "en-us", "en_us", "english"):
        return "en"
    raise ValueError(value)


MESSAGE_VALUE_CHARS = 40  # how much of a value (an id, a path) a message quotes


def clip(text: str, limit: int = MESSAGE_VALUE_CHARS) -> str:
    """`text` cut to `limit` characters (with an ellipsis) for a message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
