"""The statutory working-day calendar (including make-up working weekends), kept as editable data."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from wzdesk.models import CalendarDay, CalendarYear, db
from wzdesk.office.statutory import fixed_holidays


@dataclass(frozen=True)
class Reckoned:
    """A day reached by counting working days, and whether an unknown year made it provisional."""

    day: date
    provisional: bool


class WorkCalendar:
    """Working days: Monday to Friday, except the office's holidays, plus its make-up working days.

    In a year whose schedule is not entered, the fixed public holidays are rest days too (provisional).
    """

    def __init__(self, exceptions: dict[date, bool], known_years: set[int]):
        self._exceptions = exceptions
        self._known_years = known_years
        self._reckoned: dict[tuple[date, int], Reckoned] = {}  # an import reckons the same days over and over

    @classmethod
    def from_db(cls) -> "WorkCalendar":
        """Load the calendar the office keeps in the database."""
        # plain tuples: the ledger and the board load it for every page and count, and rows as models cost more
        # than the two queries themselves
        exceptions = dict(CalendarDay.select(CalendarDay.day, CalendarDay.is_workday).tuples())
        years = {year for (year,) in CalendarYear.select(CalendarYear.year).tuples()}
        return cls(exceptions, years)

    def is_workday(self, day: date) -> bool:
        """Return whether people work on this day."""
        if day in self._exceptions:
            return self._exceptions[day]
        if not self.is_known(day.year) and day in fixed_holidays(day.year):
            return False
        return day.weekday() < 5

    def differences(self, year: int) -> tuple[list[date], list[date]]:
        """Return the year's rest days on weekdays and its working days on weekends, in order."""
        days = [date(year, 1, 1) + timedelta(days=i) for i in range((date(year + 1, 1, 1) - date(year, 1, 1)).days)]
        holidays = [d for d in days if d.weekday() < 5 and not self.is_workday(d)]
        workdays = [d for d in days if d.weekday() >= 5 and self.is_workday(d)]
        return holidays, workdays

    def is_known(self, year: int) -> bool:
        """Return whether the statutory schedule of this year has been entered."""
        return year in self._known_years

    @property
    def known_years(self) -> set[int]:
        return set(self._known_years)

    def add_working_days(self, start: date, n: int) -> Reckoned:
        """Return the n-th working day after `start` (start itself never counts)."""
        if (start, n) not in self._reckoned:
            self._reckoned[start, n] = self._count_working_days(start, n)
        return self._reckoned[start, n]

    def _count_working_days(self, start: date, n: int) -> Reckoned:
        day, counted, provisional = start, 0, False
        while counted < n:
            day += timedelta(days=1)
            provisional = provisional or not self.is_known(day.year)
            if self.is_workday(day):
                counted += 1
        return Reckoned(day, provisional)

    def working_days_between(self, start: date, end: date) -> int:
        """Count the working days after `start` up to and including `end` (negative if end < start)."""
        if end < start:
            return -self.working_days_between(end, start)
        return sum(self.is_workday(start + timedelta(days=i)) for i in range(1, (end - start).days + 1))


def package_years() -> range:
    """Return the years the installed `chinesecalendar` package knows."""
    from chinese_calendar import constants

    last = max(max(constants.holidays), max(constants.workdays)).year
    return range(min(constants.holidays).year, last + 1)


def seed_from_package(now: datetime) -> int:
    """Copy the package's holidays and make-up days into the editable tables; return years added."""
    from chinese_calendar import constants

    known = {row.year for row in CalendarYear.select()}
    years = [y for y in package_years() if y not in known]
    rows = [
        {"day": d, "is_workday": False, "name": _holiday_name(name), "source": "package"}
        for d, name in constants.holidays.items()
        if d.year in years and d.weekday() < 5
    ] + [
        {"day": d, "is_workday": True, "name": "调休上班", "source": "package"}
        for d in constants.workdays
        if d.year in years and d.weekday() >= 5
    ]
    with db.atomic():
        for start in range(0, len(rows), 500):
            CalendarDay.insert_many(rows[start : start + 500]).on_conflict_ignore().execute()
        for year in years:
            CalendarYear.create(year=year, source="package", entered_at=now)
    return len(years)


_HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


def _holiday_name(name: str) -> str:
    english = name.split(",")[0].strip()
    return _HOLIDAY_NAMES.get(english, english)


def set_day(day: date, is_workday: bool, name: str, operator, now: datetime | None = None) -> None:
    """Mark a day as a holiday or a make-up working day, or back to the normal week (administrators only)."""
    from wzdesk.models import chain as ledger
    from wzdesk.office import auth

    auth.require(operator, "edit_calendar")
    kind = "上班" if is_workday else "放假"
    with db.atomic():
        CalendarDay.delete().where(CalendarDay.day == day).execute()
        # A fixed public holiday made a working day is kept as a row: in a year not yet entered the
        # calendar would otherwise rest on it.
        if is_workday != (day.weekday() < 5) or day in fixed_holidays(day.year):
            CalendarDay.create(day=day, is_workday=is_workday, name=name, source="office")
        ledger.append(at=now or ledger.wall_clock(), recorded_at=ledger.wall_clock(), action="calendar_changed",
                      operator_id=operator.id, note=f"{day:%Y-%m-%d} 设为{kind}" + (f"（{name}）" if name else ""),
                      data={"day": day.isoformat(), "workday": is_workday})


def confirm_year(year: int, now: datetime, operator) -> None:
    """Record that the office has entered this year's statutory schedule (administrators only)."""
    from wzdesk.models import chain as ledger
    from wzdesk.office import auth

    auth.require(operator, "edit_calendar")
    with db.atomic():
        CalendarYear.insert(year=year, source="office", entered_at=now).on_conflict(
            conflict_target=[CalendarYear.year], preserve=[CalendarYear.source, CalendarYear.entered_at]).execute()
        ledger.append(at=now, recorded_at=ledger.wall_clock(), action="calendar_changed", operator_id=operator.id,
                      note=f"确认 {year} 年节假日安排已录入")


def exception_days() -> dict[date, bool]:
    """Return every day the calendar marks apart from the weekday rule, with whether it is a working day."""
    return {row.day: row.is_workday for row in CalendarDay.select()}


def calendar_day(day: date) -> CalendarDay | None:
    """Return the calendar's entry for this day (a holiday or a make-up working day), or None."""
    return CalendarDay.get_or_none(CalendarDay.day == day)


def missing_next_year_warning(today: date, cal: WorkCalendar | None = None) -> str:
    """Return the warning to show from November on while next year's schedule is not entered, else ""."""
    cal = cal or WorkCalendar.from_db()
    if today.month < 11 or cal.is_known(today.year + 1):
        return ""
    return (f"{today.year + 1} 年节假日安排未录入：国务院通常在 11 月公布，请及时录入；"
            "在此之前跨年的时限按法定节日暂算（临时）")


def calendar_warning(today: date, cal: WorkCalendar | None = None) -> str:
    """Return the status bar's calendar warning: this year not entered, or next year missing from November."""
    cal = cal or WorkCalendar.from_db()
    if not cal.is_known(today.year):
        return (f"⚠ {today.year} 年节假日安排未录入，时限暂按周一至周五减法定节日推算（临时）"
                + (f"；{today.year + 1} 年也未录入" if not cal.is_known(today.year + 1) else ""))
    warning = missing_next_year_warning(today, cal)
    return f"⚠ {warning}" if warning else ""
