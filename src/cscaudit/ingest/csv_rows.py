"""CSV files as rows of text: encoding decided, delimiter sniffed, line numbers kept.

Encoding order: a byte-order mark; else UTF-8 (decided on the first MB when it holds
non-ASCII text, else over the whole file); else GB18030 over the whole file; only then a
detector (charset-normalizer) as the last resort. The chosen encoding is reported. On the
first MB, an encoding wins when most non-ASCII lines decode in it (`mostly`): a line or
two in another encoding (a row pasted from a GBK file) does not lose the table. Such a line,
and a stray byte further down, is replaced by U+FFFD as the rows are read; the reader then
finds its exact line with `bad_bytes` (on that path only) and reports it as a data issue, as
it does for a stray NUL byte (a file whose first 64 KB hold more than a few is not text).
UTF-16/32 are decoded strictly.

Delimiters are ranked on the first lines (`CsvFormat.delimiter` first, then
`alternatives`), so the reader can try the next one when no header row is found; a `.tsv`
file tries the tab first. A quote that is opened and never closed swallows the rest of the
file into one cell; `unclosed_quote` finds where it opened (on files with multi-line
records or a quote on the last line only).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import IO, Any, Protocol

from cscaudit.errors import InputError
from cscaudit.i18n import t

CHUNK = 1 << 20
DECIDE_BYTES = 1 << 20  # a MB of non-ASCII text that decodes as UTF-8 is UTF-8
SAMPLE = 64 * 1024
DELIMITERS = (",", "\t", ";", "|")
MAX_FIELD = 1 << 20  # one cell of 1 MB is already absurd for a ledger
MAX_NUL = 8  # NUL bytes in the first 64 KB a text file may hold (each reported by its line)
MAX_BAD_LINES = 1000  # lines with undecodable bytes listed one by one (the rest are counted)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class CsvFormat:
    encoding: str  # the codec used to read the file
    encoding_label: str  # what to report: "utf-8", "utf-8 (BOM)", "gb18030", "detected: cp1252"
    delimiter: str
    alternatives: tuple[str, ...] = ()  # other delimiters seen in the first lines, best first
    text: str | None = field(default=None, repr=False, compare=False)  # see csv_format(whole=)

    @property
    def by_lines(self) -> bool:
        """Whether b"\\n" splits the bytes into lines (not so for UTF-16/32)."""
        return not codecs.lookup(self.encoding).name.startswith(("utf-16", "utf-32"))


class UnclosedQuote(csv.Error):
    """A quoted cell opened on `line` is never closed."""

    def __init__(self, line: int) -> None:
        super().__init__(f"quote opened on line {line} never closed")
        self.line = line


_replaced = [0]  # undecodable byte runs replaced so far, by every reader: a trigger, not a count


def _replace_and_count(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    _replaced[0] += 1
    return "\ufffd", exc.end


REPLACE = "cscaudit.replace"
codecs.register_error(REPLACE, _replace_and_count)


def replacements() -> int:
    """How many undecodable byte runs the readers replaced so far (compare two readings)."""
    return _replaced[0]


def _decodes(path: Path, encoding: str, keep: list[str] | None = None) -> bool:
    """Whether the whole file decodes strictly; its text goes to `keep` (when given) if so."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(CHUNK):
                text = decoder.decode(chunk)
                if keep is not None:
                    keep.append(text)
            text = decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        if keep is not None:
            keep.clear()
        return False
    if keep is not None:
        keep.append(text)
    return True


def _sample(path: Path) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(DECIDE_BYTES)


def mostly(sample: bytes, encoding: str) -> bool:
    """Whether most non-ASCII lines of `sample` (the first MB; a line cut at its end is left
    out) decode strictly as `encoding`: then a few lines that do not (one row pasted from a
    GBK file into a UTF-8 export) are read with U+FFFD and reported line by line, instead
    of refusing the file. Stops as soon as the lines left cannot change the answer (a
    GB18030 file tried as UTF-8 is settled about half way)."""
    lines = sample.split(b"\n")
    if len(sample) >= DECIDE_BYTES:
        lines.pop()
    good = bad = 0
    left = len(lines)
    for line in lines:
        left -= 1
        if line.isascii():
            continue
        try:
            line.decode(encoding)
        except UnicodeDecodeError:
            bad += 1
        else:
            good += 1
        if good > bad + left:  # even if every line left is bad
            return True
        if bad >= good + left:  # even if every line left is good
            return False
    return good > bad


def _utf8_sample(sample: bytes) -> bool | None:
    """True/False when the first MB settles whether the file is UTF-8 (strictly, or in most
    of its lines), None when it is all ASCII (then the whole file must be checked)."""
    if sample.isascii():
        return None
    try:
        codecs.getincrementaldecoder("utf-8")("strict").decode(sample, final=False)
    except UnicodeDecodeError:
        return mostly(sample, "utf-8")
    return True


def _detect(path: Path, head: bytes, keep: list[str] | None) -> tuple[str, str]:
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return codec, f"{codec.replace('-sig', '')} (BOM)"
    sample = _sample(path)
    utf8 = _utf8_sample(sample)
    if utf8 or (utf8 is None and _decodes(path, "utf-8", keep)):
        return "utf-8", "utf-8"
    if _decodes(path, "gb18030", keep) or mostly(sample, "gb18030"):
        return "gb18030", "gb18030"
    from charset_normalizer import from_bytes

    best = from_bytes(head).best()
    if best is not None and best.encoding and _decodes(path, best.encoding, keep):
        return best.encoding, f"detected: {best.encoding}"
    raise InputError(
        t("无法识别文件编码（不是 UTF-8 或 GB18030）：请用 Excel 或 WPS 另存为“CSV UTF-8”后重试，"
          "或在 center.yaml 的 exports.tables 中写明 encoding",
          "unknown text encoding (neither UTF-8 nor GB18030): save it again as 'CSV UTF-8' "
          "from Excel or WPS, or set `encoding` for it under exports.tables in center.yaml"),
        file=str(path))


def _sniff(sample: str, *, prefer_tab: bool = False) -> tuple[str, ...]:
    """Delimiters by the median count per line (title rows and notes do not decide), the
    comma when none is seen; then the others that occur at all, in the same order."""
    lines = [ln for ln in sample.splitlines()[:30] if ln.strip()]
    scored = []
    for rank, delim in enumerate(DELIMITERS):
        counts = sorted(ln.count(delim) for ln in lines)
        median = counts[len(counts) // 2] if counts else 0
        scored.append((-median, rank, delim, sum(counts)))
    scored.sort()
    first = "\t" if prefer_tab else scored[0][2] if scored[0][0] < 0 else ","
    return (first, *(delim for _, _, delim, total in scored if total and delim != first))


def _binary(head: bytes) -> bool:
    """Whether the first bytes are not text: a workbook (zip or OLE) renamed, or NUL bytes
    beyond a stray one or two (a NUL in a text line is reported with its line instead)."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        return True
    return head.count(b"\x00") > max(MAX_NUL, len(head) // 1000)


def has_nul(path: Path) -> bool:
    """Whether the file holds a NUL byte anywhere (a damaged or mis-saved line)."""
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            if b"\x00" in chunk:
                return True
    return False


def nul_lines_blank(rows: Iterator[list[str]]) -> Iterator[list[str]]:
    """`rows`, with a line of only NUL bytes and blanks (a damaged line, reported as such by
    `bad_bytes`) read as an empty line: it is never a record."""
    for cells in rows:
        yield cells if any(cell.strip(_NUL_AND_BLANK) for cell in cells) else []


_NUL_AND_BLANK = "\x00 \t\r\n"


def csv_format(path: Path, encoding: str | None = None, *, whole: bool = False) -> CsvFormat:
    """Decide how to read `path`; raise InputError when it is empty or not text. With
    `whole` (the caller reads the whole file anyway), a file decoded in full to decide its
    encoding (GB18030, a given encoding, UTF-8 whose first MB is ASCII) keeps that text, so
    it is decoded once."""
    keep: list[str] | None = [] if whole else None
    try:
        with open(path, "rb") as fh:
            head = fh.read(SAMPLE)
    except OSError as exc:
        raise InputError(t(f"无法读取文件：{exc.strerror}", f"cannot read the file: {exc.strerror}"),
                         file=str(path)) from None
    if not head.strip(b" \t\r\n\x00\xef\xbb\xbf"):
        raise InputError(t("文件是空的：请重新导出", "the file is empty: export it again"),
                         file=str(path))
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(t(f"未知编码 {encoding!r}", f"unknown encoding {encoding!r}"),
                             file=str(path)) from None
        if not _decodes(path, encoding, keep) and not mostly(_sample(path), encoding):
            raise InputError(t(f"文件不是 {encoding} 编码", f"the file is not {encoding}-encoded"),
                             file=str(path))
        codec, label = encoding, encoding
    else:
        if _binary(head):
            raise InputError(t("这不是文本（CSV）文件：可能是 Excel 文件被改了扩展名",
                               "this is not a text (CSV) file: perhaps a workbook renamed to .csv"),
                             file=str(path))
        codec, label = _detect(path, head, keep)
    sample = head.decode(codec, errors="ignore")
    delimiter, *others = _sniff(sample, prefer_tab=path.suffix.lower() == ".tsv")
    return CsvFormat(codec, label, delimiter, tuple(others), "".join(keep) if keep else None)


class CsvReader(Protocol):
    """What `csv.reader` gives: rows of text, and the line reached (as an editor counts)."""

    line_num: int

    def __iter__(self) -> Iterator[list[str]]: ...

    def __next__(self) -> list[str]: ...


def open_csv(path: Path, fmt: CsvFormat) -> tuple[IO[str], CsvReader]:
    """(open text file, csv reader). The caller closes the file; the reader's `line_num`
    numbers lines as a text editor does. Undecodable bytes become U+FFFD (and count in
    `replacements()`), except in UTF-16/32, which are decoded strictly."""
    csv.field_size_limit(MAX_FIELD)
    if fmt.text is not None:  # decoded strictly once already
        text: IO[str] = io.StringIO(fmt.text, newline="")
        return text, csv.reader(text, delimiter=fmt.delimiter)
    errors = REPLACE if fmt.by_lines else "strict"
    fh = open(path, encoding=fmt.encoding, newline="", errors=errors)  # noqa: SIM115
    return fh, csv.reader(fh, delimiter=fmt.delimiter)


_BREAK = re.compile(r"\r\n|\r|\n")


def is_utf8(encoding: str) -> bool:
    """Whether `encoding` is UTF-8 (with or without a byte-order mark)."""
    return codecs.lookup(encoding).name in ("utf-8", "utf-8-sig")


def _breaks(text: str) -> int:
    return len(_BREAK.findall(text))


def _bad_runs(line: bytes, encoding: str) -> bytes:
    """The bytes of `line` that do not decode, joined (empty when it decodes)."""
    bad, pos = [], 0
    while True:
        try:
            line[pos:].decode(encoding)
        except UnicodeDecodeError as exc:
            bad.append(line[pos + exc.start:pos + exc.end])
            pos += exc.end
            continue
        return b"".join(bad)


def bad_bytes(path: Path, fmt: CsvFormat) -> tuple[list[tuple[int, bytes, int | None]], int]:
    """([(line, the bytes that are not `fmt.encoding`, 0-based column or None)] for the first
    MAX_BAD_LINES lines holding such bytes, how many lines hold them). Two passes, for the
    error path only: the lines split on b"\\n" (exact in UTF-8 and GB18030: no multi-byte
    character holds 0x0A), then the rows, for the column."""
    bad: dict[int, bytes] = {}
    total = 0
    with open(path, "rb") as fh:
        for number, line in enumerate(fh, 1):
            runs = _bad_runs(line, fmt.encoding) + b"\x00" * line.count(b"\x00")
            if runs:
                total += 1
                if total <= MAX_BAD_LINES:
                    bad[number] = runs
    if not bad:
        return [], 0
    column: dict[int, int] = {}
    with open(path, encoding=fmt.encoding, newline="", errors="replace") as text:
        reader, last = csv.reader(text, delimiter=fmt.delimiter), 0
        for cells in reader:
            start, last = last + 1, reader.line_num
            if not any(n in bad for n in range(start, last + 1)):
                continue
            number = start
            for index, cell in enumerate(cells):
                at = min((i for i in (cell.find("\ufffd"), cell.find("\x00")) if i >= 0), default=-1)
                if at >= 0:
                    column.setdefault(number + _breaks(cell[:at]), index)
                number += _breaks(cell)
    return [(n, b, column.get(n)) for n, b in sorted(bad.items())], total


def _tail_line(path: Path, encoding: str) -> str:
    """The last line of the file without its line break (its end when very long)."""
    with open(path, "rb") as fh:
        fh.seek(0, 2)
        fh.seek(max(0, fh.tell() - SAMPLE))
        tail = fh.read()
    tail = tail[:-2] if tail.endswith(b"\r\n") else tail[:-1] if tail.endswith((b"\n", b"\r")) else tail
    return tail[max(tail.rfind(b"\n"), tail.rfind(b"\r")) + 1:].decode(encoding, errors="replace")


def _quote_count_odd(path: Path) -> bool:
    odd = False
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            odd ^= chunk.count(b'"') & 1 == 1
    return odd


def _ends_quoted(lines: Any, delimiter: str, first: int = 1) -> int | None:
    """Scan the lines of a CSV as the (lenient) csv module reads them: the number of the line
    where a quoted cell that is still open at the end opened, or None. A quote opens a cell
    only at its start (line start or after a delimiter); `""` inside is a quote; any other
    quote closes it (text after it is kept, as the csv module does)."""
    opener = re.compile(f'(?:^|(?<={re.escape(delimiter)}))"')
    in_quotes, opened = False, 0
    for number, line in enumerate(lines, first):
        if '"' not in line:
            continue
        i = 0
        while True:
            if in_quotes:
                close = line.find('"', i)
                if close < 0:
                    break
                if line.startswith('"', close + 1):
                    i = close + 2
                    continue
                in_quotes, i = False, close + 1
                continue
            found = opener.search(line, i)
            if found is None:
                break
            in_quotes, opened, i = True, number, found.end()
    return opened if in_quotes else None


def unclosed_quote(path: Path, fmt: CsvFormat, *, lines: int, multiline: bool) -> int | None:
    """The line where a quoted cell opened that is still open at the end of the file (of
    `lines` lines), or None. Such a cell makes the last row, so with `multiline` False (every
    row was one line) only the last line is looked at. Else the file is read again only when
    its count of quotes is odd (the open quote, then only pairs; so a file that also holds an
    odd count of stray quotes inside unquoted cells is not looked at), or is UTF-16/32: the
    csv module finds where the last row starts, and that row is scanned."""
    if not multiline:
        last = _tail_line(path, fmt.encoding) if fmt.by_lines else ""
        return lines if '"' in last and _ends_quoted([last], fmt.delimiter) else None
    if fmt.by_lines and not _quote_count_odd(path):
        return None
    with open(path, encoding=fmt.encoding, newline="", errors="replace") as fh:
        reader, start, end = csv.reader(fh, delimiter=fmt.delimiter), 1, 0
        for _ in reader:
            start, end = end + 1, reader.line_num
    with open(path, encoding=fmt.encoding, newline="", errors="replace") as fh:
        return _ends_quoted(islice(fh, start - 1, None), fmt.delimiter, start)


def malformed(path: str, line: int, exc: Exception) -> InputError:
    """The error for a CSV that cannot be split (unbalanced quotes, NUL bytes) or decoded."""
    if isinstance(exc, UnclosedQuote):
        return InputError(t(f"第 {exc.line} 行的引号（\"）一直没有闭合，此后的所有行都被读进了同一个单元格："
                            "请在该行补上闭合的引号或删去多余的引号，或重新导出",
                            f"line {exc.line}: a quote (\") opens a cell that is never closed, so every "
                            "line after it would be read into that one cell: close or remove the "
                            "quote on that line, or export the file again"),
                          file=path, line=exc.line)
    if isinstance(exc, UnicodeDecodeError):
        return InputError(t(f"第 {line} 行附近有不属于 {exc.encoding} 编码的字节：请重新导出为 UTF-8",
                            f"near line {line}: bytes that are not {exc.encoding}: export the file "
                            "again as UTF-8"), file=path, line=line)
    return InputError(t(f"第 {line} 行 CSV 格式错误（{exc}）：检查引号是否成对，或重新导出",
                        f"line {line}: malformed CSV ({exc}): check the quotes, or export again"),
                      file=path, line=line)
