"""Department performance per month: counts behind the three rates, computed in SQL grouped by department.

Every query takes a span of whole months and groups by (department, month), so one month for the sheet
and twelve for the trend cost the same few index scans. Definitions are in wzdesk.scoring.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from wzdesk import settings
from wzdesk.documents.formatting import parse_month
from wzdesk.errors import UserError
from wzdesk.models import Department, db
from wzdesk.vocabulary import DISSATISFIED
from wzdesk.workcalendar import WorkCalendar

GRADES = ("minor", "moderate", "major")
SATISFIED = ("very_satisfied", "satisfied", "basically_satisfied")
_DISSATISFIED_SQL = ", ".join(f"'{level}'" for level in sorted(DISSATISFIED))
_SATISFIED_SQL = ", ".join(f"'{level}'" for level in SATISFIED)


@dataclass
class DeptMonth:
    """The counts of one department in one month."""

    department_id: int
    name: str
    month: str
    received: int = 0
    response_due: int = 0
    responded_in_time: int = 0
    closed: int = 0
    solved: int = 0
    rated: int = 0
    satisfied: int = 0
    overdue_open: int = 0
    overdue_closed_late: int = 0
    breaches: int = 0
    sanctions: int = 0
    ladder: dict[str, int] = field(default_factory=dict)
    days: dict[str, tuple[int, int]] = field(default_factory=dict)  # grade -> (cases, working days)

    @property
    def overdue(self) -> int:
        return self.overdue_open + self.overdue_closed_late

    @property
    def ladder_total(self) -> int:
        return sum(self.ladder.values())

    @property
    def has_cases(self) -> bool:
        """Return whether the department had any case business this month (else it shows dashes)."""
        return any((self.received, self.response_due, self.closed, self.rated, self.overdue,
                    sum(n for n, _ in self.days.values())))

    @property
    def response_rate(self) -> float | None:
        return _ratio(self.responded_in_time, self.response_due)

    @property
    def resolution_rate(self) -> float | None:
        return _ratio(self.solved, self.closed)

    @property
    def satisfaction_rate(self) -> float | None:
        return _ratio(self.satisfied, self.rated)

    def average_days(self, grade: str) -> float | None:
        """Return the mean working days from dispatch to reply of this grade, None without cases."""
        count, total = self.days.get(grade, (0, 0))
        return _ratio(total, count)


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def month_span(month: str) -> tuple[datetime, datetime]:
    """Return the first moment of a YYYY-MM month and of the next; refuse a bad month in Chinese."""
    try:
        year, number = parse_month(month)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    return datetime(year, number, 1), datetime(year + number // 12, number % 12 + 1, 1)


def months_back(month: str, count: int) -> list[str]:
    """Return the `count` months ending with `month`, oldest first."""
    start, _ = month_span(month)
    year, number = start.year, start.month
    out = []
    for _ in range(count):
        out.append(f"{year:04d}-{number:02d}")
        year, number = (year, number - 1) if number > 1 else (year - 1, 12)
    return out[::-1]


def _text(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def _rows(sql: str, *params) -> list[tuple]:
    return db.execute_sql(sql, params).fetchall()


class _Span:
    """The months [first, last] being computed, and the table of counts being filled."""

    def __init__(self, months: list[str], at: datetime):
        self.months = months
        self.start = month_span(months[0])[0]
        self.end = month_span(months[-1])[1]
        self.at = at
        names = {d.id: d.name for d in Department.select(Department.id, Department.name)}
        self._names = names
        self.table: dict[tuple[str, int], DeptMonth] = {}

    def get(self, month: str, dept_id: int | None) -> DeptMonth | None:
        if dept_id is None or dept_id not in self._names or month not in self.months:
            return None
        key = (month, dept_id)
        if key not in self.table:
            self.table[key] = DeptMonth(dept_id, self._names[dept_id], month)
        return self.table[key]

    def range(self) -> tuple[str, str]:
        return _text(self.start), _text(self.end)


def _received(span: _Span) -> None:
    sql = ('SELECT lead_department_id, substr(dispatched_at, 1, 7), COUNT(*) FROM "case"'
           " WHERE dispatched_at >= ? AND dispatched_at < ? GROUP BY 1, 2")
    for dept, month, n in _rows(sql, *span.range()):
        if row := span.get(month, dept):
            row.received = n


def _response(span: _Span) -> None:
    sql = ('SELECT lead_department_id, substr(response_due_at, 1, 7), COUNT(*),'
           " SUM(responded_at IS NOT NULL AND responded_at <= response_due_at) FROM \"case\""
           " WHERE response_due_at >= ? AND response_due_at < ? GROUP BY 1, 2")
    for dept, month, due, in_time in _rows(sql, *span.range()):
        if row := span.get(month, dept):
            row.response_due, row.responded_in_time = due, in_time


def _closings(span: _Span) -> None:
    sql = ("SELECT department_id, substr(at, 1, 7), COUNT(DISTINCT case_id) FROM case_event"
           " WHERE to_status = 'closed' AND from_status != 'closed' AND at >= ? AND at < ? GROUP BY 1, 2")
    for dept, month, n in _rows(sql, *span.range()):
        if row := span.get(month, dept):
            row.closed = n


# Solved: closed in the month and still closed (a reopened closure was a false one), and since the last
# reply a site check passed or the citizen's latest rating (Case.rating) is not a dissatisfied one.
_CONFIRMED = (
    f"((c.rating != '' AND c.rating NOT IN ({_DISSATISFIED_SQL}) AND EXISTS (SELECT 1 FROM rating r"
    " WHERE r.case_id = c.id AND r.at >= c.replied_at))"
    " OR EXISTS (SELECT 1 FROM verification v WHERE v.case_id = c.id AND v.result = 'passed'"
    " AND v.performed_at >= c.replied_at))"
)


def _solved(span: _Span) -> None:
    sql = ('SELECT c.lead_department_id, substr(c.closed_at, 1, 7), COUNT(*) FROM "case" c INDEXED BY case_closed_month'
           f" WHERE c.status = 'closed' AND c.closed_at >= ? AND c.closed_at < ? AND {_CONFIRMED} GROUP BY 1, 2")
    for dept, month, n in _rows(sql, *span.range()):
        if row := span.get(month, dept):
            row.solved = n


def _rated(span: _Span) -> None:
    levels = _SATISFIED_SQL + (", 'neutral'" if settings.get("neutral_counts_satisfied") else "")
    sql = (f"SELECT department_id, substr(at, 1, 7), COUNT(*), SUM(level IN ({levels})) FROM rating"
           " WHERE at >= ? AND at < ? GROUP BY 1, 2")
    for dept, month, rated, satisfied in _rows(sql, *span.range()):
        if row := span.get(month, dept):
            row.rated, row.satisfied = rated, satisfied


def _overdue(span: _Span) -> None:
    late = ('SELECT lead_department_id, substr(closed_at, 1, 7), COUNT(*) FROM "case" INDEXED BY case_closed_month'
            " WHERE status = 'closed' AND closed_at >= ? AND closed_at < ? AND closed_at > due_at GROUP BY 1, 2")
    for dept, month, n in _rows(late, *span.range()):
        if row := span.get(month, dept):
            row.overdue_closed_late = n
    for month in span.months:
        cutoff = _text(min(month_span(month)[1], span.at))
        for dept, n in _open_overdue_at(cutoff):
            if row := span.get(month, dept):
                row.overdue_open = n


def _open_overdue_at(cutoff: str) -> list[tuple]:
    """Count by department the cases still open at `cutoff` whose due moment had passed."""
    # Named indexes: the planner otherwise picks the board's index and reads every open case's row.
    still_open = ('SELECT lead_department_id, COUNT(*) FROM "case" INDEXED BY case_open_due_dept'
                  " WHERE status != 'closed' AND due_at < ? GROUP BY 1")
    closed_later = ('SELECT lead_department_id, COUNT(*) FROM "case" INDEXED BY case_closed_month'
                    " WHERE status = 'closed' AND closed_at >= ? AND due_at < ? GROUP BY 1")
    counts: dict[int, int] = defaultdict(int)
    for dept, n in _rows(still_open, cutoff) + _rows(closed_later, cutoff, cutoff):
        counts[dept] += n
    return list(counts.items())


def _breaches(span: _Span) -> None:
    sql = ("SELECT department_id, substr(breached_at, 1, 7), COUNT(*) FROM case_duty_step"
           " WHERE breached_at >= ? AND breached_at < ? GROUP BY 1, 2")
    for dept, month, n in _rows(sql, *span.range()):
        if row := span.get(month, dept):
            row.breaches = n


def _ladder(span: _Span) -> None:
    sql = ("SELECT department_id, substr(at, 1, 7), step, COUNT(*) FROM ladder_step"
           " WHERE at >= ? AND at < ? GROUP BY 1, 2, 3")
    for dept, month, step, n in _rows(sql, *span.range()):
        if row := span.get(month, dept):
            row.ladder[step] = n


def _sanctions(span: _Span) -> None:
    sql = ("SELECT department_id, substr(decided_on, 1, 7), COUNT(*) FROM accountability"
           " WHERE status = 'confirmed' AND decided_on >= ? AND decided_on < ? GROUP BY 1, 2")
    for dept, month, n in _rows(sql, span.start.date().isoformat(), span.end.date().isoformat()):
        if row := span.get(month, dept):
            row.sanctions = n


def _days(span: _Span) -> None:
    first = _rows('SELECT MIN(dispatched_at) FROM "case" WHERE replied_at >= ? AND replied_at < ?',
                  *span.range())[0][0]
    if first is None:
        return
    _fill_workdays(date.fromisoformat(first[:10]), span.end.date())
    sql = ('SELECT c.lead_department_id, substr(c.replied_at, 1, 7), c.grade, COUNT(*), SUM(w2.n - w1.n)'
           ' FROM "case" c JOIN temp.wz_workday w1 ON w1.day = substr(c.dispatched_at, 1, 10)'
           " JOIN temp.wz_workday w2 ON w2.day = substr(c.replied_at, 1, 10)"
           " WHERE c.replied_at >= ? AND c.replied_at < ? GROUP BY 1, 2, 3")
    for dept, month, grade, count, total in _rows(sql, *span.range()):
        if row := span.get(month, dept):
            row.days[grade] = (count, total)


def _fill_workdays(first: date, last: date) -> None:
    """Fill a temporary table numbering the working days, so a difference of two numbers counts them."""
    cal, rows, n = WorkCalendar.from_db(), [], 0
    for offset in range((last - first).days + 1):
        day = first + timedelta(days=offset)
        n += cal.is_workday(day)
        rows.append((day.isoformat(), n))
    db.execute_sql("CREATE TEMP TABLE IF NOT EXISTS wz_workday (day TEXT PRIMARY KEY, n INTEGER) WITHOUT ROWID")
    db.execute_sql("DELETE FROM temp.wz_workday")
    db.cursor().executemany("INSERT INTO temp.wz_workday VALUES (?, ?)", rows)


STEPS = (_received, _response, _closings, _solved, _rated, _overdue, _breaches, _ladder, _sanctions, _days)


def compute(months: list[str], at: datetime, step=None) -> dict[str, list[DeptMonth]]:
    """Return, for each month, one DeptMonth per active department (in the office's order).

    `step(done, total)` is called after each query; returning False stops early with what is done.
    """
    span = _Span(months, at)
    with db.atomic():  # one read snapshot, so all counts agree with each other
        for index, query in enumerate(STEPS, 1):
            query(span)
            if step is not None and step(index, len(STEPS)) is False:
                break
    departments = list(Department.select().where(Department.active).order_by(Department.sort_order, Department.id))
    return {m: [span.table.get((m, d.id)) or DeptMonth(d.id, d.name, m) for d in departments] for m in months}


def month_of(month: str, at: datetime) -> list[DeptMonth]:
    """Return the counts of every active department for one month."""
    return compute([month], at)[month]


def status_counts() -> dict[str, int]:
    """Return the number of cases in each status now."""
    return dict(_rows('SELECT status, COUNT(*) FROM "case" GROUP BY status'))
