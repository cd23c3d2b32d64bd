"""CSV files as rows of text: encoding decided, delimiter sniffed, line numbers kept.

Encoding order: a byte-order mark; else strict UTF-8 (decided on the first MB when
it holds non-ASCII text, else over the whole file); else strict GB18030 over the whole file;
only then a detector (charset-normalizer) as the last resort. The chosen encoding is
reported. Rows are decoded strictly: a stray byte further down becomes an InputError naming
its line, never a silently replaced character.
"""

from __future__ import annotations

import codecs
import csv
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from cscaudit.errors import InputError
from cscaudit.i18n import t

CHUNK = 1 << 20
DECIDE_BYTES = 1 << 20  # a MB of non-ASCII text that decodes as UTF-8 is UTF-8
SAMPLE = 64 * 1024
DELIMITERS = (",", "\t", ";", "|")
MAX_FIELD = 1 << 20  # one cell of 1 MB is already absurd for a ledger
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


def _decodes(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _utf8_sample(path: Path) -> bool | None:
    """True/False when the first MB settles whether the file is UTF-8, None when it is all
    ASCII (then the whole file must be checked)."""
    with open(path, "rb") as fh:
        sample = fh.read(DECIDE_BYTES)
    if sample.isascii():
        return None
    try:
        codecs.getincrementaldecoder("utf-8")("strict").decode(sample, final=False)
    except UnicodeDecodeError:
        return False
    return True


def _detect(path: Path, head: bytes) -> tuple[str, str]:
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return codec, f"{codec.replace('-sig', '')} (BOM)"
    utf8 = _utf8_sample(path)
    if utf8 or (utf8 is None and _decodes(path, "utf-8")):
        return "utf-8", "utf-8"
    if _decodes(path, "gb18030"):
        return "gb18030", "gb18030"
    from charset_normalizer import from_bytes

    best = from_bytes(head).best()
    if best is not None and best.encoding and _decodes(path, best.encoding):
        return best.encoding, f"detected: {best.encoding}"
    raise InputError(
        t("无法识别文件编码（不是 UTF-8 或 GB18030）：请用 Excel 或 WPS 另存为“CSV UTF-8”后重试，"
          "或在 center.yaml 的 exports.tables 中写明 encoding",
          "unknown text encoding (neither UTF-8 nor GB18030): save it again as 'CSV UTF-8' "
          "from Excel or WPS, or set `encoding` for it under exports.tables in center.yaml"),
        file=str(path))


def _sniff(sample: str) -> str:
    lines = [ln for ln in sample.splitlines()[:30] if ln.strip()]
    best, best_score = ",", 0
    for delim in DELIMITERS:
        counts = sorted(ln.count(delim) for ln in lines)
        if not counts:
            continue
        score = counts[len(counts) // 2]  # median: title rows and notes do not decide
        if score > best_score:
            best, best_score = delim, score
    return best


def csv_format(path: Path, encoding: str | None = None) -> CsvFormat:
    """Decide how to read `path`; raise InputError when it is empty or not text."""
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
        if not _decodes(path, encoding):
            raise InputError(t(f"文件不是 {encoding} 编码", f"the file is not {encoding}-encoded"),
                             file=str(path))
        codec, label = encoding, encoding
    else:
        if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise InputError(t("这不是文本（CSV）文件：可能是 Excel 文件被改了扩展名",
                               "this is not a text (CSV) file: perhaps a workbook renamed to .csv"),
                             file=str(path))
        codec, label = _detect(path, head)
    sample = head.decode(codec, errors="ignore")
    return CsvFormat(codec, label, _sniff(sample))


def open_csv(path: Path, fmt: CsvFormat) -> tuple[IO[str], Any]:
    """(open text file, csv reader). The caller closes the file; the reader's `line_num`
    numbers lines as a text editor does."""
    csv.field_size_limit(MAX_FIELD)
    fh = open(path, encoding=fmt.encoding, newline="", errors="strict")  # noqa: SIM115
    return fh, csv.reader(fh, delimiter=fmt.delimiter)


def malformed(path: str, line: int, exc: Exception) -> InputError:
    """The error for a CSV that cannot be split (unbalanced quotes, NUL bytes) or decoded."""
    if isinstance(exc, UnicodeDecodeError):
        return InputError(t(f"第 {line} 行附近有不属于 {exc.encoding} 编码的字节：请重新导出为 UTF-8",
                            f"near line {line}: bytes that are not {exc.encoding}: export the file "
                            "again as UTF-8"), file=path, line=line)
    return InputError(t(f"第 {line} 行 CSV 格式错误（{exc}）：检查引号是否成对，或重新导出",
                        f"line {line}: malformed CSV ({exc}): check the quotes, or export again"),
                      file=path, line=line)
