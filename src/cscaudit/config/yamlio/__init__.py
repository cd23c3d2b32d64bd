"""Safe YAML loading that remembers where every value came from.

`load_yaml(path)` reads one YAML document with YAML 1.2 core-schema semantics (dates stay
strings, `on`/`yes`/`no` stay strings), builds plain Python data and a map from each JSON path
to its line and column, so that a schema error at `/staff/3/post` can be reported as
`center.yaml:41:9`. It refuses what a hand-edited configuration must never silently do:

- duplicate keys are reported with both locations (the first value is kept);
- YAML 1.1 boolean spellings (`on`, `off`, `yes`, `no`, `y`, `n`) are recorded so a validator
  can flag them;
- aliases (node count and the text they repeat), nesting depth and file size are bounded
  (alias bombs, deep nesting, huge files);
- merge keys (`<<`), unknown tags and several documents in one file are errors;
- no value is read differently than YAML 1.2 reads it: where the parser would, the construct
  is refused with a message saying how to write it (`spec`), and numbers Python cannot hold
  as written are refused (`scalars`).

Fatal problems raise `YamlError` (an `InputError`: the CLI exits 2). Duplicate keys, boolean
spellings and harmless non-standard forms (`yaml-nonstandard`) are `YamlProblem` values on
the result: the document is still usable.

Modules: `model` (the result types), `builder` (parser events to data and positions), `spec`
(YAML 1.2 rules the parser does not keep), `scalars` (core-schema scalar values), `syntax`
(where to report what the parser rejected), `memo` (documents already built from the same
bytes, kept for later processes).
"""

from __future__ import annotations

import errno
from pathlib import Path

from cscaudit.config.yamlio import memo
from cscaudit.config.yamlio.builder import Builder
from cscaudit.config.yamlio.model import JsonPath as JsonPath
from cscaudit.config.yamlio.model import LoadedYaml as LoadedYaml
from cscaudit.config.yamlio.model import YamlError as YamlError
from cscaudit.config.yamlio.model import YamlProblem as YamlProblem
from cscaudit.i18n import t
from cscaudit.input_files import special_file_error, special_kind, symlink_loop_error

MAX_BYTES = 8 * 1024 * 1024


def _decode(raw: bytes, path: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise YamlError(t("UTF-16 编码损坏", "broken UTF-16 encoding"), file=path) from exc
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        hint = t("文件不是 UTF-8 编码", "the file is not UTF-8")
        try:
            raw.decode("gb18030")
            hint = t("文件似乎是 GBK/GB18030 编码", "the file looks GBK/GB18030-encoded")
        except UnicodeDecodeError:
            pass
        raise YamlError(
            hint + t("：请用 UTF-8 另存后重试", ": save it as UTF-8 and try again"),
            file=path, line=line, column=col,
        ) from exc


def load_yaml_text(text: str, path: str = "<string>") -> LoadedYaml:
    """Load one YAML document from text; `path` is used in messages only."""
    return Builder(path).build(text)


def load_yaml(path: str | Path, max_bytes: int = MAX_BYTES) -> LoadedYaml:
    """Read and load one YAML file; raise `YamlError` when it cannot be used."""
    name = str(path)
    special = special_kind(path)
    if special is not None:
        raise YamlError(special_file_error(name, special).message, file=name)
    try:
        with open(path, "rb") as fh:
            raw = fh.read(max_bytes + 1)
    except FileNotFoundError as exc:
        raise YamlError(t("文件不存在", "file not found"), file=name) from exc
    except IsADirectoryError as exc:
        raise YamlError(t("这是一个文件夹，不是文件", "this is a folder, not a file"),
                        file=name) from exc
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise YamlError(symlink_loop_error(name).message, file=name) from exc
        raise YamlError(t(f"无法读取文件：{exc.strerror}", f"cannot read file: {exc.strerror}"),
                        file=name) from exc
    if len(raw) > max_bytes:
        raise YamlError(
            t(f"文件超过 {max_bytes // 1024 // 1024} MiB 上限：请拆分",
              f"file exceeds the {max_bytes // 1024 // 1024} MiB limit: split it"),
            file=name,
        )
    if b"\x00" in raw and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise YamlError(t("这是二进制文件，不是 YAML", "this is a binary file, not YAML"),
                        file=name)
    place = memo.place_of(raw)  # the bytes hashed once, for both
    kept = memo.recall(place, name)
    if kept is not None:
        return kept
    loaded = Builder(name).build(_decode(raw, name))
    memo.keep(place, loaded)
    return loaded
