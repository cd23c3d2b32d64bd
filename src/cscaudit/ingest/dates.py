"""Dates and times as exports write them, including Excel serial numbers.

Accepted: 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, 20240305, an optional time
(14:30, 14:30:05, 14时30分), ISO `T`, Python date/datetime cells, and Excel serials in the
workbook's date system (1900 or 1904); a number cell holding 20240305 is that compact date. Serial 60 of the 1900 system is 1900-02-29, a day Excel
invented for Lotus compatibility: it is refused, never shifted silently.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from cscaudit.i18n import t
from cscaudit.ingest.problems import Problem, Result

_DATE = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:\s*[T ]?\s*(\d{1,2})\s*[:时点]\s*(\d{1,2})\s*(?:[:分]\s*(\d{1,2})(?:\.\d+)?\s*秒?)?\s*分?)?$"
)
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:\s*(\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
_EPOCH_1900 = dt.datetime(1899, 12, 30)
_EPOCH_1904 = dt.datetime(1904, 1, 1)
MAX_SERIAL = 2958465  # 9999-12-31
_YYYYMMDD_MIN, _YYYYMMDD_MAX = 10000101, 99991231  # a compact date typed as a number

BAD_DATE = t("无法识别的日期，请写成 2024-03-05 或 2024年3月5日",
             "not a date: write it as 2024-03-05 or 2024年3月5日")
BAD_DATETIME = t("无法识别的日期时间，请写成 2024-03-05 14:30",
                 "not a date and time: write it as 2024-03-05 14:30")
SERIAL_60 = t("Excel 序列号 60 对应不存在的 1900-02-29，请改为实际日期",
              "Excel serial 60 is 1900-02-29, a day that never was: enter the real date")
SERIAL_IN_TEXT = t("日期以 Excel 序列号形式出现（已按序列号换算），请核对",
                   "date given as an Excel serial number (converted as one): please check")


def serial_to_datetime(serial: float, *, date1904: bool = False) -> dt.datetime | None:
    """An Excel serial -> datetime; None for serial 60 of the 1900 system or out of range."""
    if not 0 <= serial <= MAX_SERIAL:  # also refuses NaN
        return None
    if date1904:
        base = _EPOCH_1904
    elif serial < 60:
        base = _EPOCH_1900 + dt.timedelta(days=1)  # before the phantom day: no shift
    elif serial < 61:
        return None
    else:
        base = _EPOCH_1900
    whole = int(serial)
    seconds = round((serial - whole) * 86400)
    return base + dt.timedelta(days=whole, seconds=seconds)


def _from_match(m: re.Match[str]) -> dt.datetime | None:
    year, month, day, hour, minute, second = m.groups()
    try:
        return dt.datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0),
                           int(second or 0))
    except ValueError:
        return None


def _from_text(text: str) -> tuple[dt.datetime | None, bool]:
    """(datetime, has_time) parsed from text, or (None, False)."""
    m = _DATE.match(text) or _COMPACT.match(text)
    if m is None:
        return None, False
    return _from_match(m), m.group(4) is not None


def parse_datetime_value(raw: object, *, date1904: bool = False,
                         text_source: bool = True) -> Result:
    """A cell -> `datetime.datetime` (midnight when only a date is given)."""
    return _parse(raw, date1904=date1904, text_source=text_source, want_date=False)


def parse_date_value(raw: object, *, date1904: bool = False, text_source: bool = True) -> Result:
    """A cell -> `datetime.date` (a time part, if any, is dropped)."""
    return _parse(raw, date1904=date1904, text_source=text_source, want_date=True)


def _finish(value: dt.datetime, *, want_date: bool) -> dt.date | dt.datetime:
    return value.date() if want_date else value


def _serial(serial: float, *, date1904: bool, want_date: bool, warn: bool) -> Result:
    bad = BAD_DATE if want_date else BAD_DATETIME
    if not date1904 and 60 <= serial < 61:
        return None, Problem("serial-60", SERIAL_60)
    value = serial_to_datetime(serial, date1904=date1904)
    if value is None or (serial < 1 and not date1904):
        return None, Problem("bad-date", bad)
    problem = Problem("serial-date", SERIAL_IN_TEXT, "warning") if warn else None
    return _finish(value, want_date=want_date), problem


def _parse(raw: object, *, date1904: bool, text_source: bool, want_date: bool) -> Result:
    bad = BAD_DATE if want_date else BAD_DATETIME
    if isinstance(raw, dt.datetime):
        return _finish(raw, want_date=want_date), None
    if isinstance(raw, dt.date):
        return (raw if want_date else dt.datetime(raw.year, raw.month, raw.day)), None
    if isinstance(raw, bool):
        return None, Problem("bad-date", bad)
    if isinstance(raw, int | float):
        if _YYYYMMDD_MIN <= raw <= _YYYYMMDD_MAX and raw == int(raw):
            # 20240305 typed into a number cell: far above any serial (9999-12-31 is
            # 2958465), so it can only be a compact date
            value, _ = _from_text(str(int(raw)))
            return (_finish(value, want_date=want_date), None) if value is not None else (None, Problem("bad-date", bad))
        return _serial(float(raw), date1904=date1904, want_date=want_date, warn=False)
    text = unicodedata.normalize("NFKC", str(raw)).strip()
    if not text:
        return None, None
    value, _ = _from_text(text)
    if value is not None:
        return _finish(value, want_date=want_date), None
    if _NUMBER.match(text):
        return _serial(float(text), date1904=date1904, want_date=want_date, warn=text_source)
    return None, Problem("bad-date", bad)
