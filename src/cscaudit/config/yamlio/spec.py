"""YAML 1.2 rules the PyYAML/libyaml parser does not keep, checked against the source text.

The parser reads a few constructs differently from YAML 1.2, or accepts forms 1.2 rejects
whose meaning a reader could take two ways. The loader asks `SpecChecks` about each parser
event; a construct is then either read as YAML 1.2 reads it (the loader's part) or refused
(`Refused` with a place and a message saying how to write it unambiguously):

- `?` glued to a flow key (`{ ?foo: bar }`, `[?x]`): 1.2 reads the text `?foo`, the parser a
  key `foo`. Refused: quote it (`"?foo"`) or put a space after `?` for an explicit key.
- an anchor or alias name followed by `:` or `?` (`&an:chor value`): 1.2 reads one name
  `an:chor`, the parser the name `an` and the value `:chor value`. Refused.
- a `#` glued to what precedes it (`"value"# note`, `[a,#b]`): 1.2 starts a comment only after
  a space. After a quote, `,`, `[`, `{`, `:` or `?` it may have been meant as text (a colour
  `#fff`, a note inside the quotes): refused. After a closing `]` or `}` nothing but a comment
  can follow, so it stays accepted, with a warning (`glued_comments`).
- a lone `-` in a flow collection (`[a, -]`): 1.2 rejects it, the parser reads the text `-`.
  Refused: quote it.
- flow collections and quoted scalars continued on a line indented no more than the block
  collection they belong to: 1.2 rejects them, the parser reads on, swallowing the next keys
  when a bracket or quote was left open. Refused.

Two constructs the builder reads as YAML 1.2 does instead: the non-specific tag `!` (`- ! 12`
is the text "12"), and a keep-chomped block scalar (`|+`) ending the file with a line of only
spaces, whose line break the parser drops (`builder._end_blank_line`).
"""

from __future__ import annotations

import bisect
import re
from typing import Any, Protocol, TypeAlias

from cscaudit.config.yamlio.scalars import Refused, clip
from cscaudit.i18n import t

_GLUED = re.compile(r"""[\[\]{},:?"']#""")
_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_PROPERTIES = re.compile(r"(?:[&!]\S*|\s+|#[^\r\n]*)*")
_NAME_GLUED = "?:"  # characters that end an anchor for the parser but not for YAML 1.2
_BLANKS = ("", " ", "\t", "\r", "\n", "\x85", "\u2028", "\u2029")
_NAME = re.compile(r"[^\s,\[\]{}]*")


def position(text: str, index: int) -> tuple[int, int]:
    """(line, column), 1-based, of the character at `index` of `text`."""
    index = max(0, min(index, len(text)))
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


# An event of PyYAML's parser (or of its C loader) as the loader hands it over: the stubs make
# every event's marks optional, but the parser always sets them on the events checked here.
ParserEvent: TypeAlias = Any


class ParserMark(Protocol):
    """A place the parser marks: PyYAML's `yaml.error.Mark`, or the C loader's own `Mark`
    (not a subclass of it); both count from 0."""

    line: int
    column: int
    index: int


def mark_position(m: ParserMark) -> tuple[int, int]:
    """(line, column), 1-based, of a parser mark."""
    return (m.line + 1, m.column + 1)


class SpecChecks:
    """The checks for one text; the loader calls them per event, then `glued_comments`."""

    def __init__(self, text: str) -> None:
        self.text = text
        # Candidate glued comments: a '#' right after an indicator or a quote. Rare, so the
        # scalar spans that may contain them are recorded only when there are any.
        self.glued = [m.end() - 1 for m in _GLUED.finditer(text)]
        self.spans: list[tuple[int, int]] = []

    def node_start(self, ev: ParserEvent) -> None:
        """A scalar or collection begins: `?` glued to it; its anchor's name."""
        self._glued_key(ev)
        if ev.anchor is not None:
            at = self.text.find("&" + ev.anchor, ev.start_mark.index)
            if at >= 0:
                self._name_end(at + 1 + len(ev.anchor), "&", ev.anchor)

    def alias(self, ev: ParserEvent) -> None:
        self._glued_key(ev)
        self._name_end(ev.end_mark.index, "*", ev.anchor)

    def flow_pair(self, ev: ParserEvent) -> None:
        """A one-pair mapping inside a flow sequence (`[? x : y]`): begun by '?' glued to
        what follows, YAML 1.2 reads a text, or rejects it (`[?]`)."""
        index = ev.start_mark.index
        if self.text.startswith("?", index) and self.text[index + 1:index + 2] not in _BLANKS:
            self._refuse_glued_key(ev.start_mark.line + 1, ev.start_mark.column + 1)

    def _glued_key(self, ev: ParserEvent) -> None:
        index = ev.start_mark.index
        if index and self.text[index - 1] == "?":
            self._refuse_glued_key(ev.start_mark.line + 1, ev.start_mark.column)

    def _refuse_glued_key(self, line: int, column: int) -> None:
        raise Refused(t(
            "“?” 紧贴在键前：YAML 1.2 把它读作文字的一部分，本工具无法照此读取。如果 “?” 是"
            "文字，请给整个键加引号（如 \"?foo\"）；如果是显式键标记，请在 “?” 后加空格",
            "'?' is glued to this key: YAML 1.2 reads it as part of the text, which this "
            "loader cannot. If '?' is text, quote the whole key (e.g. \"?foo\"); if it "
            "marks an explicit key, put a space after it",
        ), (line, column))

    def _name_end(self, end: int, sigil: str, name: str) -> None:
        if 0 <= end < len(self.text) and self.text[end] in _NAME_GLUED:
            rest = _NAME.match(self.text, end)
            shown = clip(sigil + name + (rest.group() if rest else ""))
            line, col = position(self.text, end)
            raise Refused(t(
                f"锚点/别名名称 {shown} 含有 “{self.text[end]}”：YAML 1.2 把它读作名称的一部分，"
                f"本工具无法照此读取。名称请只用字母、数字、- 和 _，并在名称后加空格",
                f"the anchor/alias name {shown} contains '{self.text[end]}': YAML 1.2 reads it "
                "as part of the name, which this loader cannot. Use only letters, digits, - "
                "and _ in names and put a space after the name",
            ), (line, col))

    def lone_dash(self, ev: ParserEvent) -> None:
        raise Refused(t(
            "流式集合中单独的 “-” 不是合法的 YAML 1.2：如果是文字，请加引号写成 \"-\"；"
            "如果想写列表项，请去掉它",
            "a lone '-' inside a flow collection is not valid YAML 1.2: if it is text, quote "
            "it as \"-\"; if it was meant as a list item, remove it",
        ), mark_position(ev.start_mark))

    def continued(self, start: ParserMark, end: ParserMark, indent: int, what: str) -> None:
        """A flow collection or quoted scalar spanning lines, inside a block collection
        indented `indent`: each continuation line must be indented more (comment and blank
        lines excepted in a flow collection; blank lines in a quoted scalar)."""
        lines = _BREAKS.split(self.text[start.index:end.index])
        for offset, line in enumerate(lines[1:], start=1):
            body = line.lstrip(" \t")
            if not body or (what == "flow" and body.startswith("#")):
                continue
            if len(line) - len(body) <= indent:
                opened = ("[ 或 {", "[ or {") if what == "flow" else ("引号", "quote")
                raise Refused(t(
                    f"第 {start.line + 1} 行开始的{opened[0]}在此续行，但续行缩进不超过所属的键"
                    f"（第 {indent + 1} 列）：YAML 1.2 不接受，且常是漏了闭合的括号或引号。请把"
                    f"续行缩进到第 {indent + 2} 列或更右，或写在一行内",
                    f"the {opened[1]} opened on line {start.line + 1} continues here, indented "
                    f"no more than the key it belongs to (column {indent + 1}): YAML 1.2 rejects "
                    "this, and it is often a bracket or quote left open. Indent the continuation "
                    f"to column {indent + 2} or more, or write it on one line",
                ), (start.line + 1 + offset, len(line) - len(body) + 1))

    def block_indent(self, start_index: int) -> int:
        """The indentation (0-based column) of a block collection whose event starts at
        `start_index`: where its first key or `-` stands, past any anchor, tag or comment."""
        at = _PROPERTIES.match(self.text, start_index)
        pos = at.end() if at else start_index
        line_start = max(self.text.rfind("\n", 0, pos), self.text.rfind("\r", 0, pos)) + 1
        return pos - line_start

    def glued_comments(self, scanned: int | None = None) -> list[tuple[int, str]]:
        """Each '#' that the parser took as a comment although it follows a non-space
        character, with that character; the refused ones raise `Refused`. After a syntax
        error, only the '#' before `scanned`, where the parser stopped, are known."""
        found: list[tuple[int, str]] = []
        starts = [s for s, _ in self.spans]
        for index in self.glued:
            if scanned is not None and index >= scanned:
                break
            if self._in_scalar(index, starts) or self._after_comment(index, starts):
                continue
            before = self.text[index - 1]
            if before not in "]}":
                raise Refused(t(
                    f"“#” 紧跟在 “{before}” 之后：YAML 1.2 只把前面有空格的 “#” 当作注释。如果 “#…” 是"
                    "文字（如颜色 #fff 或引号内的说明），请把它写进引号；如果是注释，请在 “#” 前加空格",
                    f"'#' right after '{before}': YAML 1.2 starts a comment only after a space. If "
                    "'#…' is text (a colour like #fff, a note meant inside the quotes), put it in "
                    "quotes; if it is a comment, put a space before '#'",
                ), position(self.text, index))
            found.append((index, before))
        return found

    def _in_scalar(self, index: int, starts: list[int]) -> bool:
        i = bisect.bisect_right(starts, index) - 1
        return i >= 0 and self.spans[i][0] <= index < self.spans[i][1]

    def _after_comment(self, index: int, starts: list[int]) -> bool:
        """Whether an earlier '#' on the same line, outside any scalar, began a comment."""
        line_start = max(self.text.rfind("\n", 0, index), self.text.rfind("\r", 0, index)) + 1
        at = self.text.find("#", line_start, index)
        while at != -1:
            if not self._in_scalar(at, starts):
                return True
            at = self.text.find("#", at + 1, index)
        return False

