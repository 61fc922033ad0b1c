"""The public holidays fixed by 《全国年节及纪念日放假办法》, for a year whose schedule is not yet announced.

The State Council announces each year's schedule (with its make-up working weekends) in November; until
the office enters it, a year's working days are the weekdays less these fixed holidays (2025 revision):
元旦 1-1; 春节 除夕 to 正月初三; 清明 (the solar term); 5-1 and 5-2; 端午 (五月初五); 中秋 (八月十五);
10-1 to 10-3. The lunar dates and the solar term are computed by `lunar_python`.
"""

from datetime import date, timedelta
from functools import lru_cache

from lunar_python import Lunar


@lru_cache(maxsize=64)
def fixed_holidays(year: int) -> dict[date, str]:
    """Return the fixed public holidays of a Gregorian year, each with its Chinese name."""
    days = {date(year, 1, 1): "元旦"}
    new_year = _solar(year, 1, 1)
    for offset in range(-1, 3):  # 除夕 (the day before 正月初一) to 正月初三
        days[new_year + timedelta(days=offset)] = "春节"
    days[_qingming(year)] = "清明节"
    days[date(year, 5, 1)] = days[date(year, 5, 2)] = "劳动节"
    days[_solar(year, 5, 5)] = "端午节"
    days[_solar(year, 8, 15)] = "中秋节"
    for day in (1, 2, 3):
        days[date(year, 10, day)] = "国庆节"
    return {day: name for day, name in sorted(days.items()) if day.year == year}


def _solar(lunar_year: int, month: int, day: int) -> date:
    solar = Lunar.fromYmd(lunar_year, month, day).getSolar()
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


def _qingming(year: int) -> date:
    # The lunar year's table of solar terms holds the 清明 of the same Gregorian year (early April).
    term = Lunar.fromYmd(year, 1, 1).getJieQiTable()["清明"]
    return date(term.getYear(), term.getMonth(), term.getDay())
