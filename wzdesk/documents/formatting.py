"""Wording rules of official documents: numbers, dates, numerals and privacy masks."""

import re
from datetime import date, datetime

from wzdesk.masking import mask_text
from wzdesk.months import parse_month

_DIGITS = "零一二三四五六七八九"
# Emoji and pictographs that citizens type into case titles: no document font has them, so they
# would print as empty boxes.
_PICTOGRAPHS = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0E\uFE0F\u200D]")


def format_number(pattern: str, short: str, year: int, n: int) -> str:
    """Return a document number such as 邵问督〔2026〕12号 from the office's pattern."""
    if n < 1 or not 1000 <= year <= 9999:
        raise ValueError(f"文号无效：年份须为四位数，序号从1开始（收到 {year} 年第 {n} 号）")
    try:
        # Plain int formatting: GB/T 9704 forbids leading zeros (1, not 01) and the word 第.
        return pattern.format(short=short, year=year, n=n)
    except (KeyError, IndexError, ValueError) as exc:
        allowed = "{short}、{year}、{n}"
        raise ValueError(f"文号格式“{pattern}”无法使用：只能包含 {allowed}（{exc}）") from exc


def format_chinese_date(day: date) -> str:
    """Return 2026年11月5日: Arabic numerals, full year, no leading zeros."""
    return f"{day.year}年{day.month}月{day.day}日"


def format_chinese_datetime(moment: datetime) -> str:
    """Return 2026年11月10日9时30分, the way notices give an hour."""
    return f"{format_chinese_date(moment)}{moment.hour}时{moment.minute:02d}分"


def format_short_date(day: date) -> str:
    """Return 10月8日 for tight table cells."""
    return f"{day.month}月{day.day}日"


def format_dotted_date(day: date) -> str:
    """Return 2026.10.8, the compact form tables use."""
    return f"{day.year}.{day.month}.{day.day}"


def chinese_numeral(n: int) -> str:
    """Return 一 … 九十九 for the numbering of headings."""
    if not 0 < n < 100:
        raise ValueError(f"标题序号超出范围：{n}")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    head = "" if tens == 1 else _DIGITS[tens]
    return f"{head}十{_DIGITS[ones] if ones else ''}"


def mask_private(text: str) -> str:
    """Mask mobile, landline and ID numbers in free text: 13812345678 → 138****5678 (cases/masking.py)."""
    return mask_text(text)


def strip_pictographs(text: str) -> str:
    """Remove emoji and pictographs, which official fonts cannot draw."""
    return _PICTOGRAPHS.sub("", text)


def monthly_notice_date(month: str, day_of_month: int = 5) -> date:
    """Return the day the notice for a month is issued: the 5th of the following month."""
    year, number = parse_month(month)
    return date(year + number // 12, number % 12 + 1, day_of_month)
