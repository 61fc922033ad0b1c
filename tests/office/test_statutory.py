"""The unknown year: weekdays less the fixed holidays of 《全国年节及纪念日放假办法》, provisional, never a crash."""

from datetime import date, datetime, timedelta

import chinese_calendar
from chinese_calendar import constants

from wzdesk.cases.deadlines import resolution_due
from wzdesk.office.settings import Limits
from wzdesk.office.statutory import fixed_holidays
from wzdesk.office.workcalendar import WorkCalendar, calendar_warning, missing_next_year_warning, package_years


def test_the_installed_calendar_package_does_not_know_2027():
    """The tests below take 2027 as the unknown year; they must move on when the package learns it."""
    assert 2027 not in package_years()
    assert not any(d.year == 2027 for d in constants.holidays)


def test_fixed_holidays_of_2027_reckoned_by_hand():
    """2027: 元旦 1-1; 春节 除夕 2-5 (腊月 has 29 days) to 初三 2-8; 清明 4-5; 5-1, 5-2; 端午 6-9; 中秋 9-15; 10-1..3.

    清明 by the solar-term rule [Y·0.2422 + 4.81] − [Y/4] with Y = 27: [11.349] − 6 = 5, so April 5;
    正月初一 of 丁未 is 2027-02-06, 五月初五 2027-06-09 and 八月十五 2027-09-15 by the published lunar tables.
    """
    expected = {date(2027, 1, 1), date(2027, 2, 5), date(2027, 2, 6), date(2027, 2, 7), date(2027, 2, 8),
                date(2027, 4, 5), date(2027, 5, 1), date(2027, 5, 2), date(2027, 6, 9), date(2027, 9, 15),
                date(2027, 10, 1), date(2027, 10, 2), date(2027, 10, 3)}
    holidays = fixed_holidays(2027)
    assert set(holidays) == expected
    assert holidays[date(2027, 2, 5)] == "春节" and holidays[date(2027, 4, 5)] == "清明节"


def test_fixed_holidays_agree_with_every_year_the_package_knows():
    """Each computed holiday is a holiday in chinesecalendar's official schedules, 2008 to its last year.

    Before the 2025 revision 除夕 and 5-2 were not fixed holidays (they were often bridged, not always),
    so they are checked from 2025 on; 清明, 端午 and 中秋 became holidays in 2008.
    """
    for year in range(2008, max(package_years()) + 1):
        for day, name in fixed_holidays(year).items():
            older_rule_extra = year < 2025 and (day == date(year, 5, 2) or _is_new_years_eve(day))
            if not older_rule_extra:
                assert chinese_calendar.is_holiday(day), (year, day, name)


def _is_new_years_eve(day: date) -> bool:
    names = fixed_holidays(day.year)
    return names.get(day) == "春节" and names.get(day + timedelta(days=1)) == "春节" \
        and names.get(day - timedelta(days=1)) != "春节"


def test_minor_case_of_2026_12_30_skips_new_years_day_2027(database):
    """Wed 2026-12-30, minor (3): Thu 12-31, (Fri 1-1 元旦 rests), Mon 1-4, Tue 1-5 → due 2027-01-05, provisional."""
    due, provisional = resolution_due(datetime(2026, 12, 30, 10, 0), "minor", Limits(), WorkCalendar.from_db())
    assert due == datetime(2027, 1, 5, 23, 59, 59)
    assert provisional is True


def test_major_case_of_2027_01_27_skips_the_spring_festival(database):
    """Wed 2027-01-27, major (15): 1-28, 1-29, 2-1..2-4 (6); 2-5 除夕 and Mon 2-8 初三 rest; 2-9..2-12 (10);
    2-15..2-19 (15) → due Fri 2027-02-19 (counting 2-5 and 2-8 as weekdays gave 02-17)."""
    due, provisional = resolution_due(datetime(2027, 1, 27, 9, 0), "major", Limits(), WorkCalendar.from_db())
    assert due.date() == date(2027, 2, 19)
    assert provisional is True


def test_a_known_year_ignores_the_fixed_rule():
    """A known year follows only its entered days: the fallback never overrides the office's schedule."""
    cal = WorkCalendar({date(2027, 1, 1): True}, {2027})
    assert cal.is_workday(date(2027, 1, 1))
    assert cal.is_workday(date(2027, 2, 5))  # not entered as a holiday in this made-up known year


def test_far_years_never_crash():
    """2099 and a reckoning into 2100 give working days and are provisional."""
    cal = WorkCalendar({}, set())
    assert not cal.is_workday(date(2099, 1, 1)) and not cal.is_workday(date(2099, 10, 1))
    reckoned = cal.add_working_days(date(2099, 12, 30), 15)
    assert reckoned.provisional and reckoned.day.year == 2100
    holidays, workdays = cal.differences(2099)
    assert len(holidays) + len(workdays) > 0 and all(d.year == 2099 for d in holidays)


def test_warning_from_november_while_next_year_is_missing():
    """From 11-01 on a missing next year is warned of; in October, or once entered, it is not."""
    cal = WorkCalendar({}, {2026})
    assert missing_next_year_warning(date(2026, 10, 31), cal) == ""
    assert "2027 年节假日安排未录入" in missing_next_year_warning(date(2026, 11, 1), cal)
    assert "2027 年节假日安排未录入" in calendar_warning(date(2026, 12, 31), cal)
    assert missing_next_year_warning(date(2026, 11, 1), WorkCalendar({}, {2026, 2027})) == ""
    assert calendar_warning(date(2026, 6, 1), cal) == ""
    assert "2028 年节假日安排未录入" in calendar_warning(date(2028, 3, 1), cal)  # the current year itself
