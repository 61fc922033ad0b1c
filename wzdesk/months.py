"""Months as the office names them (YYYY-MM): checked once, and turned into spans, labels and neighbours."""

import re
from datetime import date, datetime

from wzdesk.errors import UserError

_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
# The years the office's work can fall in: deadlines add working days and reports look back a year,
# so a moment near the ends of what Python's dates hold (0001, 9999) would overflow half way through.
FIRST_YEAR, LAST_YEAR = 1990, 2099


class MonthError(UserError, ValueError):
    """A month that is not YYYY-MM: refused in Chinese, and a ValueError to code that parses values."""


def parse_month(month: str) -> tuple[int, int]:
    """Return (year, month) from YYYY-MM; refuse anything else in Chinese."""
    match = _MONTH.match((month or "").strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise MonthError(f"月份格式应为 YYYY-MM，例如 2026-10（收到“{month}”）")
    year = int(match.group(1))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise MonthError(f"月份“{month}”超出范围：年份应在 {FIRST_YEAR} 至 {LAST_YEAR} 之间")
    return year, int(match.group(2))


def month_days(month: str) -> tuple[date, date]:
    """Return the first day of a month and the first day of the next."""
    year, number = parse_month(month)
    return date(year, number, 1), date(year + number // 12, number % 12 + 1, 1)


def month_span(month: str) -> tuple[datetime, datetime]:
    """Return the first moment of a month and of the next."""
    start, end = month_days(month)
    return datetime.combine(start, datetime.min.time()), datetime.combine(end, datetime.min.time())


def month_label(month: str) -> str:
    """Return 2026年10月 for 2026-10."""
    year, number = parse_month(month)
    return f"{year}年{number}月"


def previous_month(month: str) -> str:
    """Return the YYYY-MM before a month."""
    return months_back(month, 2)[0]


def months_back(month: str, count: int) -> list[str]:
    """Return the `count` months ending with `month`, oldest first."""
    year, number = parse_month(month)
    out = []
    for _ in range(count):
        out.append(f"{year:04d}-{number:02d}")
        year, number = (year, number - 1) if number > 1 else (year - 1, 12)
    return out[::-1]
