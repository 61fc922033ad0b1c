"""The cases behind the monthly figures: the overdue ones and the false closures, names and phones left out."""

from dataclasses import dataclass
from datetime import datetime

from wzdesk.documents.formatting import mask_private
from wzdesk.models import db
from wzdesk.months import month_span
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


# The three ways a case counts as overdue in a month, for one department (`IS :dept` also finds cases
# without one), each along a department-first index in due order: open and past due at the cutoff; closed
# after the cutoff but past due by then; closed late within the month.
_OVERDUE_PARTS = (
    ("case_open_board", "c.status != 'closed' AND c.status != 'merged' AND c.due_at < :cutoff"),
    ("case_dept_closed_due", "c.status = 'closed' AND c.due_at < :cutoff AND c.closed_at >= :cutoff"
     " AND c.withdrawn_at IS NULL"),
    ("case_dept_closed", "c.status = 'closed' AND c.closed_at >= :start AND c.closed_at < :end"
     " AND c.closed_at > c.due_at AND c.withdrawn_at IS NULL"),
)  # a case withdrawn on the platform (已撤销) is never overdue (wzdesk.performance.metrics._Cases)
_OMITTED = "（其余未列出）"


def overdue_cases(month: str, at: datetime, per_department: int | None = None) -> list[DetailRow]:
    """Return the cases counted as overdue in the month: open and past due at its end, or closed late in it.

    Ordered by department and due moment. With `per_department`, list at most that many cases of each
    department (the earliest due, overdue longest), then one row saying how many more the department has.
    """
    start, end = month_span(month)
    params = {"cutoff": min(end, at).strftime(_FMT), "start": start.strftime(_FMT), "end": end.strftime(_FMT)}
    rows = []
    for dept_id, name in _departments():
        params["dept"] = dept_id
        listed = db.execute_sql(_overdue_sql(per_department), params).fetchall()
        rows += [_overdue_row(row, end, at) for row in listed]
        if per_department is not None and len(listed) == per_department:
            total = db.execute_sql("SELECT " + " + ".join(
                f'(SELECT COUNT(*) FROM "case" c INDEXED BY {index} WHERE c.lead_department_id IS :dept AND {where})'
                for index, where in _OVERDUE_PARTS), params).fetchone()[0]
            if total > per_department:
                rows.append(DetailRow(_OMITTED, f"该单位本月超期共 {total} 件，以上列出办理时限最早的 {per_department}"
                                      f" 件，其余 {total - per_department} 件请在超期看板或台账中查看", name or "",
                                      "", "", None, None, None, None))
    return rows


def _departments() -> list[tuple[int | None, str]]:
    """Return the departments in the order of the detail lists: the cases without one first, then by name."""
    return [(None, ""), *db.execute_sql("SELECT id, name FROM department ORDER BY name, id").fetchall()]


def _overdue_sql(limit: int | None) -> str:
    """Return the query of one department's overdue cases, the `limit` earliest due (all with None)."""
    # Each part picks its first `limit` from its index alone; only the cases finally listed read their row.
    # Ties in the due moment go by case id, so the same cases are listed (and cut off) on either backend.
    limit_sql = f" ORDER BY c.due_at, c.id LIMIT {-1 if limit is None else int(limit)}"
    parts = " UNION ALL ".join(
        f'SELECT * FROM (SELECT c.id, c.due_at FROM "case" c INDEXED BY {index}'
        f" WHERE c.lead_department_id IS :dept AND {where}{limit_sql}) part{n}"
        for n, (index, where) in enumerate(_OVERDUE_PARTS))
    return (f"WITH picked(id, due_at) AS ({parts} ORDER BY 2, 1 LIMIT {-1 if limit is None else int(limit)})"
            " SELECT c.code, c.title, d.name, c.grade, c.status, c.dispatched_at, c.due_at, c.closed_at"
            ' FROM picked p JOIN "case" c ON c.id = p.id LEFT JOIN department d ON d.id = c.lead_department_id'
            " ORDER BY p.due_at, p.id")


def _overdue_row(row: tuple, end: datetime, at: datetime) -> DetailRow:
    code, title, dept, grade, status, dispatched, due, closed = row
    due_at, closed_at = _dt(due), _dt(closed)
    finish = closed_at if closed_at and closed_at < min(end, at) else min(end, at)
    return DetailRow(code, mask_private(title), dept or "", grade, status, _dt(dispatched), due_at,
                     closed_at, round((finish - due_at).total_seconds() / 86400, 1))


_REOPENED = ("e.to_status = 'in_progress' AND e.action IN ('reopen', 'verify_fail', 'rate')"
             " AND e.at >= :start AND e.at < :end")


def false_closures(month: str, per_department: int | None = None) -> list[DetailRow]:
    """Return the reopenings of the month: 重办, a failed site check or a dissatisfied rating, by time.

    With `per_department`, group them by department and list at most that many of each (the earliest),
    each group followed by one row saying how many more it has.
    """
    start, end = month_span(month)
    params = {"start": start.strftime(_FMT), "end": end.strftime(_FMT)}
    if per_department is None:
        return _reopenings("caseevent_reopened", "", params, -1)
    rows = []
    for dept_id, name in _departments():
        params["dept"] = dept_id
        listed = _reopenings("caseevent_dept_reopened", " AND e.department_id IS :dept", params, per_department)
        rows += listed
        if len(listed) == per_department:
            total = db.execute_sql("SELECT COUNT(*) FROM case_event e INDEXED BY caseevent_dept_reopened"
                                   f" WHERE e.department_id IS :dept AND {_REOPENED}", params).fetchone()[0]
            if total > per_department:
                rows.append(DetailRow(_OMITTED, f"该单位本月重办共 {total} 次，以上列出最早的 {per_department} 次，"
                                      f"其余 {total - per_department} 次请在台账中查看", name or "", "", "",
                                      None, None, None, None))
    return rows


def _reopenings(index: str, where: str, params: dict, limit: int) -> list[DetailRow]:
    sql = ("SELECT c.code, c.title, d.name, c.grade, c.status, c.dispatched_at, c.due_at, e.at, e.action, e.note"
           f' FROM case_event e INDEXED BY {index} JOIN "case" c ON c.id = e.case_id'
           f" LEFT JOIN department d ON d.id = e.department_id WHERE {_REOPENED}{where}"
           f" ORDER BY e.at, e.id LIMIT {limit}")
    rows = []
    for code, title, dept, grade, status, dispatched, due, at, action, note in db.execute_sql(sql, params):
        reason = "回访不满意" if action == "rate" else ACTION_LABELS[action]
        text = note if action != "rate" else _rating_note(note)
        rows.append(DetailRow(code, mask_private(title), dept or "", grade, status, _dt(dispatched), _dt(due),
                              _dt(at), None, f"{reason}：{mask_private(text)}" if text else reason))
    return rows


def _rating_note(note: str) -> str:
    """Keep the rating level and the citizen's words of a rating event's note."""
    return note if any(note.startswith(label) for label in RATING_LABELS.values()) else ""
