"""Turn raw cell values (as python-calamine returns them) into clean Python values, or say why not."""

import math
import re
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta

from wzdesk.excel.columns import (
    GRADE_LABELS,
    GRADE_WORDS,
    RATING_LABELS,
    RATING_WORDS,
    STATUS_LABELS,
    STATUS_WORDS,
)

EXCEL_EPOCH = datetime(1899, 12, 30)  # serial 1.0 is 1900-01-01 once Lotus' leap-year bug is counted
_FIRST_YEAR, _LAST_YEAR = 1990, 2100  # anything outside is a typo or a number in the wrong column

_SEPARATED_DATE = re.compile(
    r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})"
    r"(?:[ T]+(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.\d+)?)?)?"
)
_CHINESE_DATE = re.compile(
    r"(\d{4})年(\d{1,2})月(\d{1,2})日"
    r"(?: *(\d{1,2})(?:[时点](?:(\d{1,2})分(?:(\d{1,2})秒)?)?|:(\d{1,2})(?::(\d{1,2}))?))?"
)
_MOBILE = re.compile(r"1\d{10}")
_LANDLINE = re.compile(r"0\d{2,3}-?\d{7,8}(?:-\d{1,6})?")
_MASKED_PHONE = re.compile(r"\d{3,4}\*{3,6}\d{3,4}")
_NAME_SEPARATORS = re.compile(r"[、,，;；\n]")
_SPACE = re.compile(r"\s+")
# Control characters a cell may smuggle in (a bell, an escape starting a terminal sequence); line
# breaks and tabs are text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
MAX_CELL_TEXT = 32_767
_NOT_A_PHONE = "不是有效的电话号码（应为11位手机号或带区号的固定电话）"


class BadValue(ValueError):
    """A cell value that cannot be used; the message is Chinese and follows “值“…””."""


def is_blank(raw: object) -> bool:
    """Return whether a cell holds nothing (None, an empty or all-space string)."""
    return raw is None or (isinstance(raw, str) and not raw.strip())


def show(raw: object) -> str:
    """Return a cell value as a person would read it in a message."""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, datetime):
        return raw.strftime("%Y-%m-%d %H:%M:%S").removesuffix(":00")
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"
    return str(raw).strip()


def to_text(raw: object) -> str | None:
    """Return the stripped text of a cell, numbers without a trailing .0, control characters removed; None when blank.

    Text longer than an Excel cell holds (32,767 characters) is refused, never cut.
    """
    if type(raw) is str:  # most cells: one strip instead of four checks (a tenth of a large import's read)
        if len(raw) > MAX_CELL_TEXT:
            raise BadValue(f"有 {len(raw):,} 个字符，超过 Excel 单元格的上限 {MAX_CELL_TEXT:,} 个字符")
        if not raw.isprintable():  # a C-speed test; only the rare odd cell pays for the removal
            raw = _CONTROL.sub("", raw)
        return raw.strip() or None
    return None if is_blank(raw) else show(raw)


def without_controls(text: str) -> str:
    """Return text with control characters other than line breaks and tabs removed (for printing)."""
    return _CONTROL.sub("", text)


def to_code(raw: object) -> str | None:
    """Return a case code; a code read as a number comes back as its integer digits."""
    if isinstance(raw, float) and not raw.is_integer():
        raise BadValue("不是有效的工单编号（应为文字或整数）")
    return to_text(raw)


def to_phone(raw: object) -> str | None:
    """Return a phone number as text (masked ones accepted); a number cell comes back as its digits."""
    if is_blank(raw):
        return None
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return _numeric_phone(raw)
    if not isinstance(raw, str):
        raise BadValue("不是有效的电话号码")
    # Loose on purpose: people write "+86 138-1234-5678" and "(0731)84567890".
    text = _SPACE.sub("", unicodedata.normalize("NFKC", raw)).removeprefix("+86")
    text = text.replace("(", "").replace(")", "-")
    if _MOBILE.fullmatch(text.replace("-", "")):
        return text.replace("-", "")
    if _LANDLINE.fullmatch(text) or _MASKED_PHONE.fullmatch(text):
        return text
    raise BadValue(_NOT_A_PHONE)


def _numeric_phone(number: float) -> str:
    """Return the digits of a phone number stored as a number."""
    if not math.isfinite(number) or not float(number).is_integer() or number <= 0:
        raise BadValue(_NOT_A_PHONE)
    digits = str(int(number))
    if _MOBILE.fullmatch(digits):
        return digits
    # A number cell cannot keep a landline's leading zero: 02584567890 arrives as 2584567890.
    if _LANDLINE.fullmatch("0" + digits):
        return "0" + digits
    raise BadValue(_NOT_A_PHONE)


def is_masked(text: str | None) -> bool:
    """Return whether a text value is masked (138****5678, 张**) and must never overwrite real data."""
    return text is not None and ("*" in text or "＊" in text)


def to_names(raw: object) -> list[str] | None:
    """Split a list of department names on 、 , ， ; ； and line breaks, dropping empties."""
    text = to_text(raw)
    if text is None:
        return None
    names = [name.strip() for name in _NAME_SEPARATORS.split(text)]
    return [name for name in names if name] or None


def to_datetime(raw: object) -> datetime | None:
    """Return a naive datetime from a date cell, an Excel serial number or a text date."""
    if type(raw) is datetime and not raw.microsecond and raw.tzinfo is None:
        value = raw  # most date cells: nothing to round (a tenth of a large import's reading)
    elif is_blank(raw):
        return None
    elif isinstance(raw, datetime):
        value = _round_to_second(raw.replace(tzinfo=None))
    elif isinstance(raw, date):
        value = datetime(raw.year, raw.month, raw.day)
    elif isinstance(raw, time | timedelta):
        raise BadValue("只有时间，没有日期")
    elif isinstance(raw, int | float) and not isinstance(raw, bool):
        value = _from_serial(raw)
    elif isinstance(raw, str):
        value = _from_text(raw)
    else:
        raise BadValue("不是有效的日期时间")
    if not _FIRST_YEAR <= value.year <= _LAST_YEAR:
        raise BadValue(f"不是有效的日期时间（年份应在{_FIRST_YEAR}至{_LAST_YEAR}之间）")
    return value


def _round_to_second(moment: datetime) -> datetime:
    """Round to the nearest second: Excel stores times as binary fractions of a day."""
    if moment.microsecond >= 500_000:
        moment += timedelta(seconds=1)
    return moment.replace(microsecond=0)


def _from_serial(serial: float) -> datetime:
    """Convert an Excel serial number (days since 1899-12-30) to a datetime, to the nearest second."""
    if not math.isfinite(serial) or not 1 <= serial < 2_958_466:  # 2958466 would be the year 10000
        raise BadValue("不是有效的日期时间")
    return EXCEL_EPOCH + timedelta(seconds=round(serial * 86_400))


def _from_text(raw: str) -> datetime:
    """Parse the text date forms platform exports use."""
    text = _SPACE.sub(" ", unicodedata.normalize("NFKC", raw)).strip()
    if match := _SEPARATED_DATE.fullmatch(text):
        parts = [match[1], match[3], match[4], match[5], match[6], match[7]]
    elif match := _CHINESE_DATE.fullmatch(text):
        parts = [match[1], match[2], match[3], match[4], match[5] or match[7], match[6] or match[8]]
    else:
        raise BadValue("不是有效的日期时间")
    try:
        return datetime(*(int(part or 0) for part in parts))
    except ValueError:
        raise BadValue("不是有效的日期时间") from None


def _to_word(raw: object, words: Mapping[str, str], what: str, allowed: str) -> str | None:
    """Return the code name for a vocabulary word, or say which words are allowed."""
    text = to_text(raw)
    if text is None:
        return None
    code = words.get(text) or words.get(_SPACE.sub("", unicodedata.normalize("NFKC", text)).casefold())
    if code is None:
        raise BadValue(f"不是可识别的{what}（可填：{allowed}）")
    return code


def to_grade(raw: object) -> str | None:
    """Return minor, moderate or major for 小/中/大, 一般/较大/重大 or the code name."""
    return _to_word(raw, GRADE_WORDS, "分级", "、".join(GRADE_LABELS.values()) + "，或 一般、较大、重大")


def to_status(raw: object) -> str | None:
    """Return the status code name for a status word such as 已派单."""
    return _to_word(raw, STATUS_WORDS, "办理状态", "、".join(STATUS_LABELS.values()))


def to_rating(raw: object) -> str | None:
    """Return the rating code name for a rating word such as 基本满意."""
    return _to_word(raw, RATING_WORDS, "满意度", "、".join(RATING_LABELS.values()))


PARSERS = {
    "text": to_text,
    "code": to_code,
    "phone": to_phone,
    "datetime": to_datetime,
    "names": to_names,
    "grade": to_grade,
    "status": to_status,
    "rating": to_rating,
}
