"""The office's own backlog (督办室): cases it holds, due against its own limits, coloured like the board.

A received or returned case is due for dispatch within 1 working day, a replied or verified one for
its verification or return visit within 3 working days of the reply (settings). These cases are the
office's work, never a department's: the ladder leaves them alone and the board counts them in the
office's own row.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from peewee import Case as When
from peewee import fn

from wzdesk.cases.deadlines import END_OF_DAY, ONE_SECOND
from wzdesk.models import Case, CaseEvent
from wzdesk.office import settings
from wzdesk.office.workcalendar import WorkCalendar

OFFICE_ROW = "督办室"
OFFICE_HELD = ("received", "returned", "replied", "verified")
TO_DISPATCH = ("received", "returned")  # owed: the dispatch, within office_dispatch_workdays
TO_VERIFY = ("replied", "verified")  # owed: the verification or return visit, within office_verify_workdays
DEPARTMENT_HELD = ("dispatched", "accepted", "in_progress")
TASKS = {"received": "待派单", "returned": "待重新派单", "replied": "待核验、回访", "verified": "待回访、办结"}


@dataclass(frozen=True)
class OfficeTask:
    """One case the office holds: what it owes, since when, by when, and its colour at the moment asked."""

    case_id: int
    code: str
    title: str
    status: str
    task: str
    since: datetime
    due_at: datetime
    colour: str
    at: datetime  # the moment the colour is for

    @property
    def overdue(self) -> bool:
        """Return whether the office's limit has passed."""
        return self.at > self.due_at + ONE_SECOND


def office_due(status: str, since: datetime, cal: WorkCalendar, rules: dict) -> datetime:
    """Return when the office's own step on a case it holds falls due (24:00 of the N-th working day)."""
    return datetime.combine(cal.add_working_days(since.date(), rules[_limit_key(status)]).day, END_OF_DAY)


def _limit_key(status: str) -> str:
    return "office_dispatch_workdays" if status in TO_DISPATCH else "office_verify_workdays"


@dataclass(frozen=True)
class OfficeClock:
    """The office's limit for one kind of its work, read for one moment as bounds on the moment it began.

    The office's due moment depends only on the day its work began (received, returned, replied) and
    never falls as that day moves later, so each colour is a range of that moment: the board's row, the
    ledger's colour column, its colour filter and `cases --json` all read these same bounds.
    """

    red_before: datetime  # began earlier: more than red_overdue_days past the office's limit
    overdue_before: datetime  # began earlier: past the office's limit
    warn_until: dict[date, datetime]  # began on that day no later than this: the warning share used

    def colour(self, since: datetime, flagged: bool) -> str:
        """Colour a case the office holds, begun at `since`, by the board's rule."""
        if flagged or since < self.red_before:
            return "red"
        if since < self.overdue_before:
            return "orange"
        until = self.warn_until.get(since.date())
        return "yellow" if until is not None and since <= until else "green"


def office_clock(status: str, at: datetime, cal: WorkCalendar, rules: dict) -> OfficeClock:
    """Return the bounds of the office's limit for cases held in `status`, at the moment `at`."""
    days = rules[_limit_key(status)]

    def end(day: date) -> datetime:  # 24:00 of the N-th working day after `day`
        return datetime.combine(cal.add_working_days(day, days).day, END_OF_DAY) + ONE_SECOND

    overdue_from = _first_day_in_time(at, end)
    red_from = _first_day_in_time(at - timedelta(days=rules["red_overdue_days"]), end)
    ratio, warn_until, day = rules["warn_ratio"], {}, overdue_from
    while day <= at.date():
        # yellow when at >= since + ratio × (end − since), that is since <= at + (at − end) × ratio / (1 − ratio)
        warn_until[day] = at + (at - end(day)) * (ratio / (1 - ratio)) if ratio < 1 else datetime.min
        day += timedelta(days=1)
    return OfficeClock(_midnight(red_from), _midnight(overdue_from), warn_until)


def office_clocks(at: datetime, cal: WorkCalendar | None = None) -> dict[str, OfficeClock]:
    """Return the office's clock at `at` for each status it holds cases in."""
    cal, rules = cal or WorkCalendar.from_db(), settings.load()
    dispatch, verify = office_clock("received", at, cal, rules), office_clock("replied", at, cal, rules)
    return {status: dispatch if status in TO_DISPATCH else verify for status in OFFICE_HELD}


def _first_day_in_time(at: datetime, end) -> date:
    """Return the earliest day whose work, begun that day, is not past its limit at `at`."""
    day = at.date()
    while end(day - timedelta(days=1)) >= at:
        day -= timedelta(days=1)
    return day


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time())


def _flagged(case: Case) -> bool:
    return bool(case.flag_complaint or case.flag_false_closure or case.flag_duty_breach or case.supervised_at)


def office_tasks(at: datetime, cal: WorkCalendar | None = None) -> list[OfficeTask]:
    """Return every open case the office holds at `at`, most urgent first."""
    cal = cal or WorkCalendar.from_db()
    rules, clocks = settings.load(), office_clocks(at, cal)
    cases = list(Case.select().where(Case.status.in_(OFFICE_HELD), Case.received_at <= at))
    returned = _return_times([c.id for c in cases if c.status == "returned"])
    tasks = []
    for case in cases:
        since = _since(case, returned)
        due_at = office_due(case.status, since, cal, rules)
        task = OfficeTask(case.id, case.code, case.title, case.status, TASKS[case.status], since, due_at,
                          clocks[case.status].colour(since, _flagged(case)), at)
        tasks.append(task)
    return sorted(tasks, key=lambda t: (t.due_at, t.code))


def office_overdue(at: datetime, cal: WorkCalendar | None = None) -> list[OfficeTask]:
    """Return the office's own work past its limit at `at`, for the top of 今日督办."""
    return [task for task in office_tasks(at, cal) if task.overdue]


def since_expression():
    """Return, as SQL, the moment the office's work on a case it holds began (what _since gives in Python)."""
    return When(None, [
        (Case.status == "received", since_of("received")),
        (Case.status == "returned", since_of("returned")),
    ], since_of("replied"))


def since_of(status: str):
    """Return since_expression as it reads for the cases of one office status alone: without the test of
    the status, so an index over that moment can answer a range of it."""
    if status == "received":
        return Case.received_at
    if status == "returned":
        returned_at = (CaseEvent.select(fn.MAX(CaseEvent.at))
                       .where(CaseEvent.case == Case.id, CaseEvent.action == "return"))
        return fn.COALESCE(returned_at, Case.updated_at)
    return fn.COALESCE(Case.replied_at, Case.updated_at)


def _since(case: Case, returned: dict[int, datetime]) -> datetime:
    if case.status == "received":
        return case.received_at
    if case.status == "returned":
        return returned.get(case.id, case.updated_at)
    return case.replied_at or case.updated_at


def _return_times(case_ids: list[int]) -> dict[int, datetime]:
    if not case_ids:
        return {}
    query = (CaseEvent.select(CaseEvent.case, fn.MAX(CaseEvent.at).alias("at"))
             .where(CaseEvent.case.in_(case_ids), CaseEvent.action == "return").group_by(CaseEvent.case))
    return {row.case_id: _as_datetime(row.at) for row in query}


def _as_datetime(value) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
