"""Remember loaded documents, so a process does not rebuild the same bytes again.

Every `cscaudit audit` loads some twenty documents (the standard, the checklist, the field
dictionary, the calendar, the schemas) before it reads an export, and building each one's data
and position map event by event is most of a short run's start. A document is the same
`LoadedYaml` whenever its bytes, the loader's source code and the Python that runs it are the
same: `load_yaml` keeps the built document in a file named by the SHA-256 of all three and of
the cscaudit version, and later processes read it back instead of parsing.

- Only what the loader built without error is kept: a file that cannot be loaded is parsed,
  and reported, every time.
- The key holds the loader's own source (`yamlio/*.py`), so a change to how YAML is read
  never meets a document built the old way, even in a checkout whose version did not move.
- The file holds plain values only (`marshal`: dicts, lists, tuples, strings, numbers, None;
  never code that runs); a file that cannot be read back as such is ignored and rebuilt.
- Where: the folder of `schema_memo.cache_dir` (`$CSCAUDIT_CACHE_DIR`; `off` turns both off),
  under `yaml/`. A folder that cannot be written is ignored.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
from functools import cache
from pathlib import Path

from cscaudit import __version__
from cscaudit.config.yamlio.model import LoadedYaml, YamlProblem
from cscaudit.i18n import Text

FORMAT = 1  # the layout of a kept document below; bump it when that layout changes


@cache
def _loader_digest() -> bytes:
    """The SHA-256 of the loader's source files, read once per process."""
    digest = hashlib.sha256()
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes() + b"\0")
    return digest.digest()


def place_of(raw: bytes) -> Path | None:
    """Where the document built from these bytes is kept; None when caching is off."""
    from cscaudit.config.schema_memo import cache_dir

    folder = cache_dir()
    if folder is None:
        return None
    digest = hashlib.sha256(f"{__version__}\0{FORMAT}\0{sys.version_info[:2]}\0"
                            f"{marshal.version}\0".encode())
    digest.update(_loader_digest())
    digest.update(raw)
    key = digest.hexdigest()
    return folder / "yaml" / key[:2] / key


def recall(place: Path | None, path: str) -> LoadedYaml | None:
    """The document kept at `place` (`place_of` its bytes), shown as `path`; None when none
    was kept (or caching is off, or the kept file is unreadable)."""
    if place is None:
        return None
    try:
        kept = marshal.loads(place.read_bytes())
        fmt, data, positions, key_positions, problems, bools = kept
        if fmt != FORMAT:
            return None
        return LoadedYaml(path, data, positions, key_positions,
                          tuple(YamlProblem(code, tuple(at), line, column, Text(zh, en))
                                for code, at, line, column, zh, en in problems),
                          frozenset(bools))
    except (OSError, EOFError, ValueError, TypeError):
        return None


def keep(place: Path | None, loaded: LoadedYaml) -> None:
    """Keep the document at `place` (`place_of` its bytes) for later processes (best
    effort)."""
    if place is None:
        return
    problems = tuple((p.code, p.path, p.line, p.column, p.message.zh, p.message.en)
                     for p in loaded.problems)
    try:
        blob = marshal.dumps((FORMAT, loaded.data, loaded.positions, loaded.key_positions,
                              problems, loaded.yaml11_bools))
    except ValueError:  # a value marshal cannot hold: not kept
        return
    import tempfile

    try:
        place.parent.mkdir(parents=True, exist_ok=True)
        fd, staged = tempfile.mkstemp(dir=place.parent, prefix=".staged-")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
        os.replace(staged, place)  # a reader sees the whole file or none
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(staged)
