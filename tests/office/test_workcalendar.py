"""The statutory calendar and the reckoning of working-day limits."""

from datetime import date, datetime

from wzdesk.cases.deadlines import resolution_due, start_clock
from wzdesk.office.settings import Limits
from wzdesk.office.workcalendar import WorkCalendar, confirm_year, package_years, set_day


def test_national_day_holiday_and_makeup_saturday(database):
    """2026-10-01..07 are holidays, Saturday 10-10 is a make-up working day, Sunday 10-11 is not."""
    cal = WorkCalendar.from_db()
    assert not any(cal.is_workday(date(2026, 10, d)) for d in range(1, 8))
    assert cal.is_workday(date(2026, 10, 8))
    assert cal.is_workday(date(2026, 10, 10))
    assert not cal.is_workday(date(2026, 10, 11))
    assert cal.is_workday(date(2026, 9, 20))  # the Sunday make-up day before the holiday


def test_design_example_minor_case_due_monday(database):
    """Dispatched Thu 2026-10-08 09:00, a minor case is due at the end of Mon 2026-10-12."""
    due, provisional = resolution_due(datetime(2026, 10, 8, 9, 0), "minor", Limits(), WorkCalendar.from_db())
    assert due == datetime(2026, 10, 12, 23, 59, 59)
    assert provisional is False


def test_dispatch_during_the_holiday_counts_from_the_next_working_day(database):
    """A moderate case dispatched on 10-03 (holiday) has 7 working days: 8, 9, 10, 12, 13, 14, 15."""
    due, _ = resolution_due(datetime(2026, 10, 3, 15, 0), "moderate", Limits(), WorkCalendar.from_db())
    assert due.date() == date(2026, 10, 15)


def test_major_case_fifteen_working_days(database):
    """A major case dispatched on Fri 2026-11-20 is due on Fri 2026-12-11."""
    due, _ = resolution_due(datetime(2026, 11, 20, 10, 0), "major", Limits(), WorkCalendar.from_db())
    assert due.date() == date(2026, 12, 11)


def test_deadline_into_an_unknown_year_is_provisional_not_an_error(database):
    """2027 is not in the package: weekdays less the fixed holidays count, and the deadline is provisional."""
    assert max(package_years()) == 2026
    cal = WorkCalendar.from_db()
    due, provisional = resolution_due(datetime(2026, 12, 29, 9, 0), "moderate", Limits(), cal)
    assert due.date() == date(2027, 1, 8)  # 30, 31 Dec; 1 Jan is 元旦 even while unknown; 4-8 Jan
    assert provisional is True
    far, provisional = resolution_due(datetime(2031, 5, 1), "major", Limits(), cal)
    assert provisional and far.year == 2031


def test_office_enters_next_year_schedule(database, admin):
    """Marking 2027-01-01 a holiday and confirming 2027 moves the due date and ends 'provisional'."""
    set_day(date(2027, 1, 1), False, "元旦", admin)
    confirm_year(2027, datetime(2026, 11, 28), admin)
    due, provisional = resolution_due(datetime(2026, 12, 29, 9, 0), "moderate", Limits(), WorkCalendar.from_db())
    assert due.date() == date(2027, 1, 8)
    assert provisional is False


def test_make_up_day_entered_by_the_office(database, admin):
    """A Saturday marked as a make-up working day counts; setting it back removes the exception."""
    saturday = date(2026, 11, 28)
    set_day(saturday, True, "调休上班", admin)
    assert WorkCalendar.from_db().is_workday(saturday)
    set_day(saturday, False, "", admin)
    assert not WorkCalendar.from_db().is_workday(saturday)


def test_clock_yellow_at_three_quarters_and_response_after_24_hours(database):
    """warn_at is 75% of the way from dispatch to 24:00 of the due day; response is due 24 h later."""
    clock = start_clock(datetime(2026, 10, 8, 9, 0), "minor", Limits(), WorkCalendar.from_db())
    assert clock.response_due_at == datetime(2026, 10, 9, 9, 0)
    # 09:00 on 10-08 to 00:00 on 10-13 is 111 h; 75% is 83.25 h later.
    assert clock.warn_at == datetime(2026, 10, 11, 20, 15)


def test_working_days_between_skips_weekends_and_holidays(database):
    cal = WorkCalendar.from_db()
    assert cal.working_days_between(date(2026, 9, 30), date(2026, 10, 12)) == 4  # 8, 9, 10 (Sat), 12
    assert cal.working_days_between(date(2026, 10, 12), date(2026, 9, 30)) == -4
