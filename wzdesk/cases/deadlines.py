"""Deadlines: when a case must be answered and resolved, on the statutory working-day calendar."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from wzdesk.office.settings import Limits
from wzdesk.office.workcalendar import WorkCalendar

END_OF_DAY = time(23, 59, 59)  # shown for "24:00 of that day"; the limit ends one second later
ONE_SECOND = timedelta(seconds=1)


@dataclass(frozen=True)
class Clock:
    """The moments that drive a dispatched case's colour and the ladder's first rung."""

    response_due_at: datetime
    due_at: datetime
    warn_at: datetime
    provisional: bool


def resolution_due(dispatched_at: datetime, grade: str, limits: Limits, cal: WorkCalendar):
    """Return the end of the N-th working day after the dispatch date, and if it is provisional."""
    reckoned = cal.add_working_days(dispatched_at.date(), limits.resolution_days(grade))
    return datetime.combine(reckoned.day, END_OF_DAY), reckoned.provisional


def start_clock(dispatched_at: datetime, grade: str, limits: Limits, cal: WorkCalendar) -> Clock:
    """Compute the response and resolution deadlines of a dispatch, and when it turns yellow."""
    return clock_for(dispatched_at, limits.resolution_days(grade), limits, cal)


def clock_for(dispatched_at: datetime, working_days: int, limits: Limits, cal: WorkCalendar) -> Clock:
    """Compute the deadlines of a dispatch given N working days to resolve it (a calendar change keeps N)."""
    dispatched_at = dispatched_at.replace(microsecond=0)
    reckoned = cal.add_working_days(dispatched_at.date(), working_days)
    due_at, provisional = datetime.combine(reckoned.day, END_OF_DAY), reckoned.provisional
    warn_at = warn_moment(dispatched_at, due_at, limits.warn_ratio)
    return Clock(
        response_due_at=dispatched_at + timedelta(hours=limits.response_hours),
        due_at=due_at,
        warn_at=warn_at,
        provisional=provisional,
    )


def warn_moment(dispatched_at: datetime, due_at: datetime, warn_ratio: float) -> datetime:
    """Return the moment the given share of the time from dispatch to 24:00 of the due day is used."""
    span = (due_at + ONE_SECOND) - dispatched_at
    return dispatched_at + timedelta(seconds=round(span.total_seconds() * warn_ratio))


def is_overdue(due_at: datetime | None, at: datetime) -> bool:
    """Return whether the limit ending at 24:00 of due_at's day has passed at `at`."""
    return due_at is not None and at > due_at + ONE_SECOND


def days_overdue(due_at: datetime | None, at: datetime) -> float:
    """Return the natural days since the limit ended (0 when not overdue)."""
    if not is_overdue(due_at, at):
        return 0.0
    return (at - (due_at + ONE_SECOND)).total_seconds() / 86400


def working_days_left(due_at: datetime, at: datetime, cal: WorkCalendar) -> int:
    """Count the working days after `at`'s day up to the due day (negative if late).

    A limit of N working days counts the days after the dispatch day, so a case dispatched today with
    3 working days has 3 left; on the due day itself none is left beyond today.
    """
    return cal.working_days_between(at.date(), due_at.date())


def follow_up_due(dispatched_at: datetime, n: int, gap: int, cal: WorkCalendar) -> datetime:
    """Return when a major case's n-th follow-up falls due: the end of the (n × gap)-th working day after dispatch."""
    return datetime.combine(cal.add_working_days(dispatched_at.date(), n * gap).day, END_OF_DAY)


def decision_due(due_on: date, cal: WorkCalendar) -> datetime:
    """Return when a meeting decision set for `due_on` falls due: 24:00 of that day, or of the next working
    day when it is a rest day (a step due on a rest day is taken on the next working day)."""
    return datetime.combine(cal.add_working_days(due_on - timedelta(days=1), 1).day, END_OF_DAY)
