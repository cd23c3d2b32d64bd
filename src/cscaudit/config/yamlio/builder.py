"""Parser events to plain data and position maps, bounding depth and alias growth.

The builder is iterative (driven by parser events), so deep input cannot overflow the stack.
Each event is also put to `SpecChecks` (the YAML 1.2 rules the parser does not keep) and its
scalars to the core schema (`scalars`); their refusals become a located `YamlError`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml

from cscaudit.config.yamlio.model import JsonPath, LoadedYaml, YamlError, YamlProblem
from cscaudit.config.yamlio.scalars import (
    YAML11_BOOLS,
    Refused,
    clip,
    resolve_plain,
    resolve_tagged,
)
from cscaudit.config.yamlio.spec import SpecChecks, position
from cscaudit.config.yamlio.spec import mark_position as _mark
from cscaudit.config.yamlio.syntax import reader_position, scanned_until, syntax_error
from cscaudit.i18n import Text, t

MAX_DEPTH = 64
MAX_NODES = 500_000
MAX_ALIAS_CHARS = 1024 * 1024  # text that aliases may repeat, in all (characters)
_TAG = "tag:yaml.org,2002:"

_CParser = getattr(yaml, "CSafeLoader", None)
_LOADER: Any = _CParser or yaml.SafeLoader


@dataclass
class _Frame:
    container: dict[str, Any] | list[Any]
    path: JsonPath
    anchor: str | None
    pending_key: str | None = None
    pending_key_mark: tuple[int, int] | None = None
    size: int = 1
    chars: int = 0  # scalar text inside, aliases expanded (bounds what aliases repeat)
    flow: bool = False
    start: Any = None  # the parser's mark where the collection begins


def _end_blank_line(text: str) -> str:
    """The text with a line break after a last line of only spaces or tabs: the parser
    drops such a line from a keep-chomped block scalar (`|+`), YAML 1.2 keeps its break."""
    last = max(text.rfind("\n"), text.rfind("\r")) + 1
    tail = text[last:]
    return text + "\n" if tail and not tail.strip(" \t") else text


class Builder:
    """Turns parser events into data plus position maps, bounding depth and alias growth."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.positions: dict[JsonPath, tuple[int, int]] = {}
        self.key_positions: dict[JsonPath, tuple[int, int]] = {}
        self.problems: list[YamlProblem] = []
        self.bools: set[JsonPath] = set()
        self.anchors: dict[str, tuple[Any, int, int]] = {}  # value, nodes, characters
        self.nodes = 0
        self.alias_chars = 0
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.have_root = False
        self.docs = 0
        self.last_mark: tuple[int, int] = (1, 1)

    def _err(self, message: Text, mark: tuple[int, int] | None = None) -> YamlError:
        line, col = mark or self.last_mark
        return YamlError(message, file=self.path, line=line, column=col)

    def _events(self, text: str) -> Iterator[Any]:
        try:
            yield from yaml.parse(text, Loader=_LOADER)
        except yaml.MarkedYAMLError as exc:
            self.spec.glued_comments(scanned_until(exc))  # a glued '#' may be the cause
            where, problem = syntax_error(exc, text)
            raise self._err(
                t(f"YAML 语法错误：{problem}；请检查缩进、冒号和引号",
                  f"YAML syntax error: {problem}; check indentation, colons and quotes"),
                where or self.last_mark,
            ) from exc
        except yaml.reader.ReaderError as exc:
            line, col = reader_position(text, exc)
            code = f"U+{exc.character:04X}" if isinstance(exc.character, int) else "?"
            raise self._err(
                t(f"此处有 YAML 不允许的控制字符 {code}：请删除它（或在双引号中写成转义，如 \\x07）",
                  f"a control character YAML does not allow ({code}) is here: delete it (or "
                  "escape it inside double quotes, e.g. \\x07)"),
                (line, col),
            ) from exc
        except yaml.YAMLError as exc:
            raise self._err(t(f"YAML 无法解析：{exc}", f"YAML cannot be parsed: {exc}")) from exc

    def build(self, text: str) -> LoadedYaml:
        text = _end_blank_line(text)
        self.spec = SpecChecks(text)
        self.keys_to_check = "?" in text  # a '?' glued to a key (rare: checked only then)
        try:
            for ev in self._events(text):
                self.last_mark = _mark(ev.start_mark)
                self._on_event(ev)
            glued = self.spec.glued_comments()
        except Refused as exc:
            raise self._err(exc.message, exc.mark) from exc
        for index, before in glued:
            line, col = position(text, index)
            self.problems.append(YamlProblem(
                "yaml-nonstandard", (), line, col,
                t(f"“#” 紧跟在 “{before}” 之后：本工具把它读作注释，但 YAML 1.2 工具会拒绝此文件。"
                  "请在 “#” 前加一个空格",
                  f"'#' right after '{before}': read as a comment here, but YAML 1.2 tools "
                  "reject the file. Put a space before '#'"),
            ))
        if not self.have_root:
            raise self._err(t("文件为空：没有任何 YAML 内容", "the file is empty: no YAML content"))
        return LoadedYaml(
            self.path, self.root, self.positions, self.key_positions,
            tuple(self.problems), frozenset(self.bools),
        )

    def _child_path(self) -> JsonPath | None:
        """The path the next node will take, or None when it is a mapping key."""
        if not self.stack:
            return ()
        top = self.stack[-1]
        if isinstance(top.container, list):
            return (*top.path, len(top.container))
        if top.pending_key is None:
            return None
        return (*top.path, top.pending_key)

    def _on_event(self, ev: Any) -> None:
        if isinstance(ev, yaml.DocumentStartEvent):
            self.docs += 1
            if self.docs > 1:
                raise self._err(t("一个文件只能有一个 YAML 文档（多余的 ---）",
                                  "one YAML document per file (extra ---)"))
        elif isinstance(ev, yaml.ScalarEvent):
            self._on_scalar(ev)
        elif isinstance(ev, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self._on_start(ev)
        elif isinstance(ev, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            frame = self.stack.pop()
            if frame.anchor is not None:
                self.anchors[frame.anchor] = (frame.container, frame.size, frame.chars)
            end: Any = ev.end_mark
            if frame.flow and frame.start.line != end.line:
                self._check_continued(frame.start, end, "flow")
            if self.stack:
                self.stack[-1].size += frame.size
                self.stack[-1].chars += frame.chars
        elif isinstance(ev, yaml.AliasEvent):
            self._on_alias(ev)

    def _count(self, n: int) -> None:
        self.nodes += n
        if self.nodes > MAX_NODES:
            raise self._err(t(
                f"文档展开后超过 {MAX_NODES} 个节点（别名炸弹？）：请减少别名引用",
                f"the document expands past {MAX_NODES} nodes (alias bomb?): use fewer aliases",
            ))

    def _check_continued(self, start: Any, end: Any, what: str) -> None:
        """A flow collection or quoted scalar spanning lines, if it sits in a block
        collection (inside a flow collection, the outermost one is checked)."""
        if self.stack and not self.stack[-1].flow:
            parent = self.stack[-1]
            self.spec.continued(start, end, self.spec.block_indent(parent.start.index), what)

    def _place(self, value: Any, mark: tuple[int, int], size: int, chars: int) -> None:
        """Put a finished value where the parser is: root, list item, key or mapping value."""
        self._count(size)
        if not self.stack:
            self.root, self.have_root = value, True
            self.positions[()] = mark
            return
        top = self.stack[-1]
        top.size += size
        top.chars += chars
        if isinstance(top.container, list):
            self.positions[(*top.path, len(top.container))] = mark
            top.container.append(value)
            return
        if top.pending_key is None:
            self._take_key(top, value, mark)
            return
        key, top.pending_key = top.pending_key, None
        vpath = (*top.path, key)
        if key in top.container:
            return  # duplicate already reported; the first value is kept
        self.positions[vpath] = mark
        top.container[key] = value

    def _take_key(self, top: _Frame, value: Any, mark: tuple[int, int]) -> None:
        if isinstance(value, (dict, list)):
            raise self._err(t("不支持复杂键（键必须是文字）", "complex keys are not supported"), mark)
        key = "null" if value is None else str(value).lower() if isinstance(value, bool) \
            else str(value)
        if key == "<<":
            raise self._err(t("不支持合并键 <<：请把键逐一写出",
                              "merge keys (<<) are not supported: write the keys out"), mark)
        assert isinstance(top.container, dict)
        kpath = (*top.path, key)
        if key in top.container or kpath in self.key_positions:
            first = self.key_positions[kpath]
            shown = clip(key)
            self.problems.append(YamlProblem(
                "duplicate-key", kpath, mark[0], mark[1],
                t(f"键 “{shown}” 重复（第一次出现在第 {first[0]} 行第 {first[1]} 列）：请删除或合并其中一个",
                  f"duplicate key '{shown}' (first at line {first[0]}, column {first[1]}): "
                  "remove or merge one of them"),
            ))
        else:
            self.key_positions[kpath] = mark
        top.pending_key = key
        top.pending_key_mark = mark

    def _on_scalar(self, ev: Any) -> None:
        mark = _mark(ev.start_mark)
        if self.keys_to_check or ev.anchor is not None:
            self.spec.node_start(ev)
        plain = ev.style is None or ev.style == ""
        if self.spec.glued:
            self.spec.spans.append((ev.start_mark.index, ev.end_mark.index))
        if ev.tag == "!":
            value = ev.value  # the non-specific tag: a string, whatever it looks like
        elif ev.tag and not (plain and ev.implicit[0]):
            value = resolve_tagged(ev.tag, ev.value)
        elif plain:
            if ev.value == "-":
                self.spec.lone_dash(ev)
            value = resolve_plain(ev.value)
            if ev.value in YAML11_BOOLS:
                path = self._child_path()
                if path is not None:
                    self.bools.add(path)
                else:
                    self.bools.add((*self.stack[-1].path, ev.value))
        else:
            value = ev.value
            if ev.start_mark.line != ev.end_mark.line and ev.style in ("'", '"'):
                self._check_continued(ev.start_mark, ev.end_mark, "quoted")
        chars = len(ev.value)
        if ev.anchor is not None:
            self.anchors[ev.anchor] = (value, 1, chars)
        self._place(value, mark, 1, chars)

    def _on_start(self, ev: Any) -> None:
        mark = _mark(ev.start_mark)
        if self.keys_to_check or ev.anchor is not None:
            self.spec.node_start(ev)
            if self.keys_to_check and self.stack and self.stack[-1].flow:
                self.spec.flow_pair(ev)
        if ev.tag and ev.tag not in ("!", _TAG + "map", _TAG + "seq"):
            raise self._err(t(f"不支持的 YAML 标签 {ev.tag}：请删除标签",
                              f"unsupported YAML tag {ev.tag}: remove it"), mark)
        if len(self.stack) >= MAX_DEPTH:
            raise self._err(t(f"嵌套超过 {MAX_DEPTH} 层：请简化结构",
                              f"nesting deeper than {MAX_DEPTH} levels: flatten the structure"),
                            mark)
        path = self._child_path()
        if path is None:
            raise self._err(t("不支持复杂键（键必须是文字）", "complex keys are not supported"), mark)
        container: dict[str, Any] | list[Any] = (
            {} if isinstance(ev, yaml.MappingStartEvent) else []
        )
        # Attach now so children see the right path; size is counted when the frame closes.
        self._count(1)
        if not self.stack:
            self.root, self.have_root = container, True
            self.positions[()] = mark
        else:
            top = self.stack[-1]
            if isinstance(top.container, list):
                self.positions[path] = mark
                top.container.append(container)
            else:
                key, top.pending_key = top.pending_key, None
                assert key is not None
                if key not in top.container:
                    self.positions[path] = mark
                    top.container[key] = container
                else:
                    path = (*path[:-1], f"{key}\u0000dup")  # duplicate: build, then drop
        self.stack.append(_Frame(container, path, ev.anchor, flow=bool(ev.flow_style),
                                 start=ev.start_mark))

    def _on_alias(self, ev: Any) -> None:
        mark = _mark(ev.start_mark)
        self.spec.alias(ev)
        if ev.anchor not in self.anchors:
            name = clip(ev.anchor)
            raise self._err(t(f"别名 *{name} 未定义", f"alias *{name} is not defined"), mark)
        value, size, chars = self.anchors[ev.anchor]
        self.alias_chars += chars
        if self.alias_chars > MAX_ALIAS_CHARS:
            limit = MAX_ALIAS_CHARS // 1024
            raise self._err(t(
                f"别名重复的文字超过 {limit} KiB（别名炸弹？）：请减少对长值的别名引用",
                f"aliases repeat more than {limit} KiB of text (alias bomb?): refer to long "
                "values fewer times",
            ), mark)
        self._place(value, mark, size, chars)
