"""The cases behind the monthly figures: the overdue ones and the false closures, names and phones left out."""

from dataclasses import dataclass
from datetime import datetime

from wzdesk.documents.formatting import mask_private
from wzdesk.metrics import month_span
from wzdesk.models import db
from wzdesk.vocabulary import ACTION_LABELS, RATING_LABELS

_FMT = "%Y-%m-%d %H:%M:%S"


@dataclass(frozen=True)
class DetailRow:
    code: str
    title: str
    department: str
    grade: str
    status: str
    dispatched_at: datetime | None
    due_at: datetime | None
    moment: datetime | None  # closed (overdue list) or reopened (false-closure list)
    days: float | None  # natural days past due (overdue list)
    reason: str = ""


def _dt(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _select(index: str) -> str:
    return ('SELECT c.code, c.title, d.name, c.grade, c.status, c.dispatched_at, c.due_at, c.closed_at'
            f' FROM "case" c INDEXED BY {index} LEFT JOIN department d ON d.id = c.lead_department_id')


def overdue_cases(month: str, at: datetime) -> list[DetailRow]:
    """Return the cases counted as overdue in the month: open and past due at its end, or closed late in it."""
    start, end = month_span(month)
    cutoff = min(end, at).strftime(_FMT)
    sql = (_select("case_open_due_dept") + " WHERE c.status != 'closed' AND c.due_at < ?"
           f" UNION ALL {_select('case_closed_month')}"
           " WHERE c.status = 'closed' AND c.closed_at >= ? AND c.due_at < ?"
           f" UNION ALL {_select('case_closed_month')}"
           " WHERE c.status = 'closed' AND c.closed_at >= ? AND c.closed_at < ? AND c.closed_at > c.due_at"
           " ORDER BY 3, 7")
    params = (cutoff, cutoff, cutoff, start.strftime(_FMT), end.strftime(_FMT))
    rows = []
    for code, title, dept, grade, status, dispatched, due, closed in db.execute_sql(sql, params):
        due_at, closed_at = _dt(due), _dt(closed)
        finish = closed_at if closed_at and closed_at < min(end, at) else min(end, at)
        rows.append(DetailRow(code, mask_private(title), dept or "", grade, status, _dt(dispatched), due_at,
                              closed_at, round((finish - due_at).total_seconds() / 86400, 1)))
    return rows


def false_closures(month: str) -> list[DetailRow]:
    """Return the reopenings of the month: 重办, a failed site check or a dissatisfied rating."""
    start, end = month_span(month)
    sql = ("SELECT c.code, c.title, d.name, c.grade, c.status, c.dispatched_at, c.due_at, e.at, e.action, e.note"
           " FROM case_event e INDEXED BY caseevent_reopened JOIN \"case\" c ON c.id = e.case_id"
           " LEFT JOIN department d ON d.id = e.department_id"
           " WHERE e.to_status = 'in_progress' AND e.action IN ('reopen', 'verify_fail', 'rate')"
           " AND e.at >= ? AND e.at < ? ORDER BY e.at")
    rows = []
    for code, title, dept, grade, status, dispatched, due, at, action, note in db.execute_sql(
            sql, (start.strftime(_FMT), end.strftime(_FMT))):
        reason = "回访不满意" if action == "rate" else ACTION_LABELS[action]
        text = note if action != "rate" else _rating_note(note)
        rows.append(DetailRow(code, mask_private(title), dept or "", grade, status, _dt(dispatched), _dt(due),
                              _dt(at), None, f"{reason}：{mask_private(text)}" if text else reason))
    return rows


def _rating_note(note: str) -> str:
    """Keep the rating level and the citizen's words of a rating event's note."""
    return note if any(note.startswith(label) for label in RATING_LABELS.values()) else ""
