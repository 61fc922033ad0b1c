"""The office's own backlog (督办室): cases it holds, due against its own limits, coloured like the board.

A received or returned case is due for dispatch within 1 working day, a replied or verified one for
its verification or return visit within 3 working days of the reply (settings). These cases are the
office's work, never a department's: the ladder leaves them alone and the board counts them in the
office's own row.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from peewee import fn

from wzdesk.cases.deadlines import END_OF_DAY, ONE_SECOND
from wzdesk.models import Case, CaseEvent
from wzdesk.office import settings
from wzdesk.office.workcalendar import WorkCalendar

OFFICE_ROW = "督办室"
OFFICE_HELD = ("received", "returned", "replied", "verified")
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
    key = "office_dispatch_workdays" if status in ("received", "returned") else "office_verify_workdays"
    return datetime.combine(cal.add_working_days(since.date(), rules[key]).day, END_OF_DAY)


def office_colour(case: Case, since: datetime, due_at: datetime, at: datetime, rules: dict) -> str:
    """Colour an office-held case by the board's rule, against the office's own limit."""
    if case.flag_complaint or case.flag_false_closure or case.flag_duty_breach or case.supervised_at:
        return "red"
    end = due_at + ONE_SECOND
    if at > end + timedelta(days=rules["red_overdue_days"]):
        return "red"
    if at > end:
        return "orange"
    warn_at = since + timedelta(seconds=round((end - since).total_seconds() * rules["warn_ratio"]))
    return "yellow" if at >= warn_at else "green"


def office_tasks(at: datetime, cal: WorkCalendar | None = None) -> list[OfficeTask]:
    """Return every open case the office holds at `at`, most urgent first."""
    cal = cal or WorkCalendar.from_db()
    rules = settings.load()
    cases = list(Case.select().where(Case.status.in_(OFFICE_HELD), Case.received_at <= at))
    returned = _return_times([c.id for c in cases if c.status == "returned"])
    tasks = []
    for case in cases:
        since = _since(case, returned)
        due_at = office_due(case.status, since, cal, rules)
        task = OfficeTask(case.id, case.code, case.title, case.status, TASKS[case.status], since, due_at,
                          office_colour(case, since, due_at, at, rules), at)
        tasks.append(task)
    return sorted(tasks, key=lambda t: (t.due_at, t.code))


def office_overdue(at: datetime, cal: WorkCalendar | None = None) -> list[OfficeTask]:
    """Return the office's own work past its limit at `at`, for the top of 今日督办."""
    return [task for task in office_tasks(at, cal) if task.overdue]


def office_row(at: datetime, cal: WorkCalendar | None = None) -> dict[str, int]:
    """Count the office's backlog by colour, in the board's shape."""
    row = dict.fromkeys(("green", "yellow", "orange", "red", "grey"), 0)
    for task in office_tasks(at, cal):
        row[task.colour] += 1
    return row


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
