"""Turn raw cell values (as python-calamine returns them) into clean Python values, or say why not."""

import math
import re
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta, timezone

from wzdesk.excel.columns import (
    FILE_STATUSES,
    GRADE_LABELS,
    GRADE_WORDS,
    NO_RATING,
    RATING_LABELS,
    RATING_WORDS,
    ROLE_WORDS,
    SOLVED_WORDS,
    STATUS_WORDS,
)

EXCEL_EPOCH = datetime(1899, 12, 30)  # serial 1.0 is 1900-01-01 once Lotus' leap-year bug is counted
_FIRST_YEAR, _LAST_YEAR = 1990, 2100  # anything outside is a typo or a number in the wrong column

_SEPARATED_DATE = re.compile(
    r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})"
    r"(?:[ T]*(上午|下午|中午|晚上|凌晨|早上|AM|PM)? *(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.\d+)?)? *(AM|PM)?)?"
    r"(Z|[+-]\d{2}:?\d{2})?"
)
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})(?:[ T]?(\d{2})(\d{2})(\d{2})?)?")
_SERIAL_TEXT = re.compile(r"\d{5}(?:\.\d+)?")
_AFTERNOON = ("下午", "晚上", "PM")
_CHINA = timezone(timedelta(hours=8))
DATE_FORMS = ("2026-10-08 09:05", "2026/10/8 9:05", "2026/10/8 下午 3:05", "2026年10月8日 9时05分", "20261008",
              "20261008090500", "2026-10-08T09:05+08:00", "Excel 日期或日期序号")
_NOT_A_DATE = f"不是有效的日期时间（可用的写法：{'、'.join(DATE_FORMS)}）"
_NO_PHONE = frozenset({"无", "不详", "匿名", "暂无", "没有", "未知", "-", "--", "/", "无号码", "匿名来电"})
_PHONE_SPLIT = re.compile(r"[,，;；、/|\n]+|(?<=\d)(?:或|和|及)(?=\d)")
_CHINESE_DATE = re.compile(
    r"(\d{4})年(\d{1,2})月(\d{1,2})日"
    r"(?: *(\d{1,2})(?:[时点](?:(\d{1,2})分(?:(\d{1,2})秒)?)?|:(\d{1,2})(?::(\d{1,2}))?))?"
)
_MOBILE = re.compile(r"1\d{10}")
_LANDLINE = re.compile(r"0\d{2,3}-?\d{7,8}(?:(?:-|转|#|ext\.?)\d{1,6})?", re.I)
_MASKED_PHONE = re.compile(r"\d{3,4}\*{3,6}\d{3,4}")
_NAME_SEPARATORS = re.compile(r"[、,，;；/|｜\s]+")
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
    """Return the first phone number of a cell as text (masked ones accepted); 无, 不详, 匿名 are none.

    A number cell comes back as its digits; the other numbers of a cell are other_phones(raw).
    """
    if is_blank(raw):
        return None
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return _numeric_phone(raw)
    if not isinstance(raw, str):
        raise BadValue("不是有效的电话号码")
    numbers = _phone_parts(raw)
    return _one_phone(numbers[0]) if numbers else None


def other_phones(raw: object) -> list[str]:
    """Return the numbers after the first in a cell holding several (they go into the case's note)."""
    if not isinstance(raw, str):
        return []
    return [_one_phone(part) for part in _phone_parts(raw)[1:]]


def _phone_parts(raw: str) -> list[str]:
    """Split a phone cell into its numbers, dropping the words that mean none."""
    text = unicodedata.normalize("NFKC", raw).strip()
    if text in _NO_PHONE:
        return []
    # "+86 138-1234-5678" and "(0731)84567890" are one number each; "138… 139…" are two.
    text = text.replace("+86", "").replace("(", "").replace(")", "-")
    parts = []
    for part in _PHONE_SPLIT.split(text):
        joined = re.sub(r"[ -]+", "-", part.strip())
        parts.extend([joined] if " " not in part.strip() or _is_phone(joined) else part.split())
    return [part for part in parts if part and part not in _NO_PHONE]


def _is_phone(text: str) -> bool:
    try:
        _one_phone(text)
    except BadValue:
        return False
    return True


def _one_phone(text: str) -> str:
    """Return one phone number as stored: a mobile without dashes, a landline with its extension."""
    text = text.strip("-")
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
    names = [name.strip() for name in _NAME_SEPARATORS.split(unicodedata.normalize("NFC", text))]
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
        raise BadValue(_NOT_A_DATE)
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
    """Parse the text date forms platform exports use, an Excel serial written as text among them."""
    text = _SPACE.sub(" ", unicodedata.normalize("NFKC", raw)).strip()
    if _SERIAL_TEXT.fullmatch(text):
        return _from_serial(float(text))
    if match := _SEPARATED_DATE.fullmatch(text):
        return _separated(match)
    if match := _CHINESE_DATE.fullmatch(text):
        parts = [match[1], match[2], match[3], match[4], match[5] or match[7], match[6] or match[8]]
    elif match := _COMPACT_DATE.fullmatch(text):
        parts = list(match.groups())
    else:
        raise BadValue(_NOT_A_DATE)
    return _moment(parts)


def _separated(match: re.Match) -> datetime:
    """Return the moment of 2026/10/8 下午 3:05 or 2026-10-08T09:05+08:00, in China time."""
    moment = _moment([match[1], match[3], match[4], match[6], match[7], match[8]])
    half = match[5] or match[9]
    if half in _AFTERNOON and moment.hour < 12:
        moment += timedelta(hours=12)
    elif half in ("AM", "凌晨") and moment.hour == 12:
        moment -= timedelta(hours=12)
    if match[10]:
        offset = "+00:00" if match[10] == "Z" else match[10]
        zone = datetime.fromisoformat(f"2000-01-01T00:00{offset[:3]}:{offset[-2:]}").tzinfo
        moment = moment.replace(tzinfo=zone).astimezone(_CHINA).replace(tzinfo=None)
    return moment


def _moment(parts: list) -> datetime:
    try:
        return datetime(*(int(part or 0) for part in parts))
    except ValueError:
        raise BadValue(_NOT_A_DATE) from None


def _to_word(raw: object, words: Mapping[str, str], what: str, allowed: str,
             extra: Mapping[str, str] | None = None) -> str | None:
    """Return the code name for a vocabulary word (an office's own words first), or say which are allowed."""
    text = to_text(raw)
    if text is None:
        return None
    key = _SPACE.sub("", unicodedata.normalize("NFKC", text)).casefold()
    code = (extra or {}).get(key) or words.get(text) or words.get(key)
    if code is None:
        raise BadValue(f"不是可识别的{what}（可填：{allowed}）")
    return code


def to_grade(raw: object, extra: Mapping[str, str] | None = None) -> str | None:
    """Return minor, moderate or major for 小/中/大, 一般/较大/重大 or the code name."""
    return _to_word(raw, GRADE_WORDS, "分级", "、".join(GRADE_LABELS.values()) + "，或 一般、较大、重大", extra)


def to_status(raw: object, extra: Mapping[str, str] | None = None) -> str | None:
    """Return the status code name for a status word such as 已派单 or 待签收 (FROM_TIMES for 超期)."""
    return _to_word(raw, STATUS_WORDS, "办理状态", "、".join(FILE_STATUSES.values()), extra)


def to_rating(raw: object, extra: Mapping[str, str] | None = None) -> str | None:
    """Return the rating code name for a rating word such as 基本满意; None for 未回访 and the like."""
    allowed = "、".join(RATING_LABELS.values()) + "，或 未回访、无法联系、拒绝评价、未评价、暂无评价"
    code = _to_word(raw, RATING_WORDS, "满意度", allowed, extra)
    return None if code == NO_RATING else code


def to_role(raw: object) -> str | None:
    """Return lead or co for 主办/牵头 or 协办/配合: which unit a row of a multi-unit case is about."""
    return _to_word(raw, ROLE_WORDS, "主协办", "主办、协办、牵头、配合")


def to_solved(raw: object) -> bool | None:
    """Return True for 已解决 (基本解决 too), False for 未解决, None for an empty cell."""
    text = to_text(raw)
    if text is None:
        return None
    answer = SOLVED_WORDS.get(_SPACE.sub("", unicodedata.normalize("NFKC", text)))
    if answer is None:
        raise BadValue("不是可识别的解决情况（可填：已解决、基本解决、未解决）")
    return answer


PARSERS = {
    "text": to_text,
    "code": to_code,
    "phone": to_phone,
    "datetime": to_datetime,
    "names": to_names,
    "grade": to_grade,
    "status": to_status,
    "rating": to_rating,
    "solved": to_solved,
    "role": to_role,
}
WORD_KINDS = ("grade", "status", "rating")  # the kinds an office may add its own words to


def parsers(words: Mapping[str, Mapping[str, str]] | None = None) -> dict:
    """Return the parsers by kind, the vocabularies extended by an office's own words (kind → word → code)."""
    if not words:
        return PARSERS
    extended = dict(PARSERS)
    for kind in WORD_KINDS:
        if words.get(kind):
            extended[kind] = lambda raw, parse=PARSERS[kind], extra=words[kind]: parse(raw, extra)
    return extended
