"""Department performance per month: counts behind the three rates, computed in SQL grouped by department.

Every query takes a span of whole months and counts per (department, month) along a department-first
index, so twelve months for the trend cost one pass per figure, not twelve. Definitions are in
wzdesk.performance.scoring.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from wzdesk.models import Department, db
from wzdesk.models.base import execute_many, is_postgres
from wzdesk.months import month_span
from wzdesk.office import settings, units
from wzdesk.office.workcalendar import WorkCalendar

GRADES = ("minor", "moderate", "major")
SATISFIED = ("very_satisfied", "satisfied", "basically_satisfied")
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
    visited: int = 0  # replied in the month, then a return visit said solved or not, or a site check ruled
    solved: int = 0
    rated: int = 0
    satisfied: int = 0
    overdue_open: int = 0
    overdue_closed_late: int = 0
    overdue_long: int = 0  # of the overdue ones, more than 7 days late (red_overdue_days)
    false_closures: int = 0
    breaches: int = 0
    sanctions: int = 0
    repeats: int = 0  # repeat complaints merged this month into the department's cases
    ladder: dict[str, int] = field(default_factory=dict)
    # grade -> (cases replied, working days from dispatch to reply, replied within the limit)
    days: dict[str, tuple[int, int, int]] = field(default_factory=dict)

    @property
    def overdue(self) -> int:
        return self.overdue_open + self.overdue_closed_late

    @property
    def ladder_total(self) -> int:
        return sum(self.ladder.values())

    @property
    def has_cases(self) -> bool:
        """Return whether the department had any case business this month (else it shows dashes)."""
        return any((self.received, self.response_due, self.closed, self.visited, self.rated, self.overdue, self.repeats,
                    sum(n for n, *_ in self.days.values())))

    @property
    def response_rate(self) -> float | None:
        return _ratio(self.responded_in_time, self.response_due)

    @property
    def overdue_short(self) -> int:
        return self.overdue - self.overdue_long

    @property
    def resolution_rate(self) -> float | None:
        return _ratio(self.solved, self.visited)

    @property
    def satisfaction_rate(self) -> float | None:
        return _ratio(self.satisfied, self.rated)

    def average_days(self, grade: str) -> float | None:
        """Return the mean working days from dispatch to reply of this grade, None without cases."""
        count, total, _in_time = self.days.get(grade, (0, 0, 0))
        return _ratio(total, count)


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


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
        self.filled_days = False  # whether _days filled the tables of working days and grades

    def get(self, month: str, dept_id: int | None) -> DeptMonth | None:
        if dept_id is None or dept_id not in self._names or month not in self.months:
            return None
        key = (month, dept_id)
        if key not in self.table:
            self.table[key] = DeptMonth(dept_id, self._names[dept_id], month)
        return self.table[key]

    def set(self, rows: list[tuple], *fields: str) -> None:
        """Store each (department, month, value, ...) row's values in the named fields of its table row."""
        for dept, month, *values in rows:
            if row := self.get(month, dept):
                for name, value in zip(fields, values, strict=True):
                    setattr(row, name, value)

    def add(self, rows: list[tuple], *fields: str, sign: int = 1) -> None:
        """Add (or with sign=-1 take off) each (department, month, value, ...) row's values to the named fields."""
        for dept, month, *values in rows:
            if row := self.get(month, dept):
                for name, value in zip(fields, values, strict=True):
                    setattr(row, name, getattr(row, name) + sign * (value or 0))

    def range(self) -> tuple[str, str]:
        return _text(self.start), _text(self.end)

    def fill_months(self) -> None:
        """Fill temp.wz_month: each month's first moment, the next month's, and its overdue cutoff."""
        rows = []
        for month in self.months:
            start, end = month_span(month)
            rows.append((month, _text(start), _text(end), _text(min(end, self.at))))
        _fill_temp("wz_month", "month TEXT, lo TEXT, hi TEXT, cutoff TEXT", rows)


@dataclass(frozen=True)
class _Cases:
    """Which cases a figure's query counts: all of them, or (to take them off again) only the withdrawn ones.

    A case closed as withdrawn on the platform (已撤销) is left out of the rates, the overdue counts and the
    handling times (DESIGN.md): the same queries run over the few withdrawn cases, found on their own
    partial index, and what they count is subtracted, so each figure keeps one definition.
    """

    withdrawn: bool = False
    sign: int = 1

    def source(self, index: str) -> str:
        return '"case" c INDEXED BY case_withdrawn' if self.withdrawn else f'"case" c INDEXED BY {index}'

    def where(self, where: str) -> str:
        return f"{where} AND c.withdrawn_at IS NOT NULL" if self.withdrawn else where

    def of_case(self, column: str) -> str:
        """Return a condition keeping the rows whose case (by `column`) is withdrawn, or none."""
        return (f' AND {column} IN (SELECT id FROM "case" INDEXED BY case_withdrawn WHERE withdrawn_at IS NOT NULL)'
                if self.withdrawn else "")


ALL_CASES, WITHDRAWN = _Cases(), _Cases(withdrawn=True, sign=-1)


# Every figure walks a department-first index once per (department, month): the loops over department
# and month come out in (department, month) order, so SQLite groups without sorting the month's rows
# (sorting them was most of the time: 0.6 s of a 0.62 s query on 1,000,000 cases). The indexes are in
# wzdesk.models.metrics_indexes; the month table is filled by _Span.
def _per_month(columns: str, source: str, where: str) -> list[tuple]:
    """Return (department, month, *columns) for every department and month with matching rows."""
    return _rows(f"SELECT d.id, m.month, {columns} FROM department d CROSS JOIN temp.wz_month m CROSS JOIN {source}"
                 f" WHERE {where} GROUP BY d.id, m.k")


def _count_per_month(source: str, where: str, count: str = "COUNT(*)") -> list[tuple]:
    """Return (department, month, count) for every department and month.

    A lone count is a subquery of its own, which SQLite runs far faster than the same count as a grouped join
    over a partial index (measured on 1,000,000 cases, 12 months of late closures: 0.13 s against 1.05 s).
    """
    return _rows(f"SELECT d.id, m.month, (SELECT {count} FROM {source} WHERE {where})"
                 " FROM department d CROSS JOIN temp.wz_month m")


def _received(span: _Span) -> None:
    rows = _count_per_month('"case" c INDEXED BY case_dept_dispatched',
                            "c.lead_department_id = d.id AND c.dispatched_at >= m.lo AND c.dispatched_at < m.hi")
    span.set(rows, "received")


def _response(span: _Span, cases: _Cases = ALL_CASES) -> None:
    rows = _per_month("COUNT(*), SUM(c.contacted_at IS NOT NULL AND c.contacted_at <= c.response_due_at)",
                      cases.source("case_dept_contact"), cases.where(
                          "c.lead_department_id = d.id AND c.response_due_at >= m.lo AND c.response_due_at < m.hi"))
    span.add(rows, "response_due", "responded_in_time", sign=cases.sign)


def _closings(span: _Span) -> None:
    rows = _count_per_month("case_event e INDEXED BY caseevent_dept_closing",
                            "e.department_id = d.id AND e.to_status = 'closed' AND e.from_status != 'closed'"
                            " AND e.at >= m.lo AND e.at < m.hi", "COUNT(DISTINCT e.case_id)")
    span.set(rows, "closed")


_CLOSED_IN_MONTH = "c.lead_department_id = d.id AND c.status = 'closed' AND c.closed_at >= m.lo AND c.closed_at < m.hi"

# Resolution: each case replied in the month, at its last reply of the month (a reply event, or the reply
# moment an import set), until its next reply. In that window the latest return visit that asked says solved
# or not, and a site check passed or failed; either makes the case counted, and a "solved" or a pass makes it
# solved. A citizen's "unsolved" therefore stays against the month of the reply, even after the case is redone.
# (The open end is a moment, not '9999': a bare number would take the numeric affinity of the columns it meets.)
_REPLIES = (
    "SELECT e.case_id, e.department_id AS dept, e.at FROM case_event e INDEXED BY caseevent_reply_at"
    " WHERE e.at >= :lo AND e.at < :hi AND e.action = 'reply'{events}"
    ' UNION SELECT c.id, c.lead_department_id, c.replied_at FROM "case" c'
    " WHERE c.replied_at >= :lo AND c.replied_at < :hi{cases}"
)
# Materialized, so each window's end (the next reply) is looked up once, not once per use.
# w: each case's last reply of each month, with the department of that reply (SQLite takes a bare column
# from the row of MAX(); PostgreSQL says so with DISTINCT ON).
_LAST_REPLIES = ("SELECT case_id, dept, substr(at, 1, 7) AS month, MAX(at) AS at FROM ({replies}) r"
                 " GROUP BY case_id, month")
_LAST_REPLIES_PG = ("SELECT DISTINCT ON (case_id, month) case_id, dept, month, at FROM (SELECT case_id, dept,"
                    " substr(at, 1, 7) AS month, at FROM ({replies}) r) t ORDER BY case_id, month, at DESC")
_RESOLUTION_SQL = (
    "WITH w AS MATERIALIZED ({last_replies}),"
    " x AS MATERIALIZED (SELECT w.dept, w.month, w.case_id, w.at, COALESCE((SELECT MIN(n.at) FROM case_event n"
    " INDEXED BY caseevent_reply_case WHERE n.case_id = w.case_id AND n.action = 'reply' AND n.at > w.at),"
    " '9999-12-31 23:59:59') AS until FROM w),"
    " v AS MATERIALIZED (SELECT x.dept, x.month,"
    " (SELECT r.solved FROM rating r WHERE r.case_id = x.case_id AND r.solved IS NOT NULL AND r.at >= x.at"
    "  AND r.at < x.until ORDER BY r.at DESC, r.id DESC LIMIT 1) AS said,"
    " (SELECT MAX(v.result = 'passed') FROM verification v WHERE v.case_id = x.case_id"
    "  AND v.result IN ('passed', 'failed') AND v.performed_at >= x.at AND v.performed_at < x.until) AS checked"
    " FROM x)"
    " SELECT dept, month, SUM(said IS NOT NULL OR checked IS NOT NULL),"
    " SUM(CASE WHEN said OR checked THEN 1 ELSE 0 END) FROM v GROUP BY dept, month"
)


def _solved(span: _Span, cases: _Cases = ALL_CASES) -> None:
    lo, hi = span.range()
    replies = _REPLIES.format(events=cases.of_case("e.case_id"), cases=cases.of_case("c.id"))
    last_replies = (_LAST_REPLIES_PG if is_postgres() else _LAST_REPLIES).format(replies=replies)
    rows = db.execute_sql(_RESOLUTION_SQL.format(last_replies=last_replies), {"lo": lo, "hi": hi}).fetchall()
    span.add(rows, "visited", "solved", sign=cases.sign)


def _rated(span: _Span, cases: _Cases = ALL_CASES) -> None:
    levels = _SATISFIED_SQL + (", 'neutral'" if settings.get("neutral_counts_satisfied") else "")
    rows = _per_month(f"COUNT(*), SUM(r.level IN ({levels}))", "rating r INDEXED BY rating_dept_at_level",
                      "r.department_id = d.id AND r.at >= m.lo AND r.at < m.hi" + cases.of_case("r.case_id"))
    span.add(rows, "rated", "satisfied", sign=cases.sign)


def _overdue(span: _Span, cases: _Cases = ALL_CASES) -> None:
    late = _count_per_month(cases.source("case_dept_closed"),
                            cases.where(f"{_CLOSED_IN_MONTH} AND c.closed_at > c.due_at"))
    span.add(late, "overdue_closed_late", sign=cases.sign)
    # Open at the month's end (the statistics moment for the current month) and past due by then: still
    # open now, or closed only after that moment.
    still_open = _count_per_month(cases.source("case_open_board"), cases.where(
        "c.lead_department_id = d.id AND c.status != 'closed' AND c.due_at < m.cutoff"))
    closed_later = _count_per_month(cases.source("case_dept_closed_due"), cases.where(
        "c.lead_department_id = d.id AND c.status = 'closed' AND c.due_at < m.cutoff AND c.closed_at >= m.cutoff"))
    span.add(still_open + closed_later, "overdue_open", sign=cases.sign)
    _overdue_long(span, cases)


# More than red_overdue_days late: at the cutoff for the cases still overdue then, at closing for the late ones.
_LONG = "julianday({moment}) - julianday(c.due_at) > {days}"


def _overdue_long(span: _Span, cases: _Cases = ALL_CASES) -> None:
    days = float(settings.get("red_overdue_days"))
    parts = (
        ("case_dept_closed", f"{_CLOSED_IN_MONTH} AND c.closed_at > c.due_at"
         f" AND {_LONG.format(moment='c.closed_at', days=days)}"),
        ("case_open_board", "c.lead_department_id = d.id AND c.status != 'closed'"
         f" AND c.due_at < m.cutoff AND {_LONG.format(moment='m.cutoff', days=days)}"),
        ("case_dept_closed_due", "c.lead_department_id = d.id AND c.status = 'closed'"
         f" AND c.due_at < m.cutoff AND c.closed_at >= m.cutoff AND {_LONG.format(moment='m.cutoff', days=days)}"),
    )
    for index, where in parts:
        span.add(_count_per_month(cases.source(index), cases.where(where)), "overdue_long", sign=cases.sign)


# A merged repeat (status 'merged') is counted through its main case only: what the department-first
# queries above counted for it is taken off again here. Merged repeats are few, found on (status, received_at).
_MERGED_SQL = (
    "SELECT c.lead_department_id, m.month,"
    " total(c.dispatched_at >= m.lo AND c.dispatched_at < m.hi),"
    " total(c.response_due_at >= m.lo AND c.response_due_at < m.hi),"
    " total(c.response_due_at >= m.lo AND c.response_due_at < m.hi AND c.contacted_at IS NOT NULL"
    "  AND c.contacted_at <= c.response_due_at),"
    " total(c.due_at < m.cutoff), total(c.due_at < m.cutoff AND julianday(m.cutoff) - julianday(c.due_at) > ?)"
    ' FROM "case" c INDEXED BY case_status_received CROSS JOIN temp.wz_month m'
    " WHERE c.status = 'merged' AND c.lead_department_id IS NOT NULL GROUP BY 1, 2"
)
_MERGED_FIELDS = ("received", "response_due", "responded_in_time", "overdue_open", "overdue_long")


def _merged(span: _Span) -> None:
    """Take merged repeats out of the counts, and count the repeats each department's cases gathered."""
    for dept, month, *values in _rows(_MERGED_SQL, float(settings.get("red_overdue_days"))):
        if row := span.get(month, dept):
            for name, value in zip(_MERGED_FIELDS, values, strict=True):
                setattr(row, name, getattr(row, name) - int(value))
    sql = ('SELECT main.lead_department_id, substr(r.merged_at, 1, 7), COUNT(*) FROM "case" r'
           ' INDEXED BY case_status_received JOIN "case" main ON main.id = r.merged_into_id'
           " WHERE r.status = 'merged' AND r.merged_at >= ? AND r.merged_at < ? GROUP BY 1, 2")
    span.set(_rows(sql, *span.range()), "repeats")


def _false_closures(span: _Span) -> None:
    """Count the month's reopenings (重办, a failed site check, a dissatisfied rating) against their department."""
    sql = ("SELECT e.department_id, substr(e.at, 1, 7), COUNT(*) FROM case_event e"
           " WHERE e.at >= ? AND e.at < ? AND e.to_status = 'in_progress'"
           " AND e.action IN ('reopen', 'verify_fail', 'rate') GROUP BY 1, 2")
    span.set(_rows(sql, *span.range()), "false_closures")


def _breaches(span: _Span) -> None:
    # Duty steps, missed follow-ups of major cases and missed meeting decisions are all duty breaches.
    owed = " UNION ALL ".join(f"SELECT department_id, breached_at FROM {table}"
                              " WHERE breached_at >= ? AND breached_at < ?"
                              for table in ("case_duty_step", "follow_up", "meeting_decision"))
    sql = f"SELECT department_id, substr(breached_at, 1, 7), COUNT(*) FROM ({owed}) b GROUP BY 1, 2"
    span.set(_rows(sql, *span.range() * 3), "breaches")


def _ladder(span: _Span) -> None:
    sql = ("SELECT department_id, substr(at, 1, 7), step, COUNT(*) FROM ladder_step"
           " WHERE at >= ? AND at < ? GROUP BY 1, 2, 3")
    for dept, month, step, n in _rows(sql, *span.range()):
        if row := span.get(month, dept):
            row.ladder[step] = n


def _sanctions(span: _Span) -> None:
    sql = ("SELECT department_id, substr(decided_on, 1, 7), COUNT(*) FROM accountability"
           " WHERE status = 'confirmed' AND decided_on >= ? AND decided_on < ? GROUP BY 1, 2")
    span.set(_rows(sql, span.start.date().isoformat(), span.end.date().isoformat()), "sanctions")


def _days(span: _Span, cases: _Cases = ALL_CASES) -> None:
    if cases is ALL_CASES:  # the withdrawn cases' pass reuses the tables this one fills
        first = _first_dispatch(span)
        if first is None:
            return
        _fill_workdays(date.fromisoformat(first[:10]), span.end.date())
        _fill_temp("wz_grade", "grade TEXT", [(grade,) for grade in _grades()])
    elif not span.filled_days:
        return
    span.filled_days = True
    rows = _rows(
        "SELECT d.id, m.month, g.grade, COUNT(*), SUM(w2.n - w1.n), SUM(c.replied_at <= c.due_at)"
        " FROM department d CROSS JOIN temp.wz_grade g"
        f" CROSS JOIN temp.wz_month m CROSS JOIN {cases.source('case_dept_replied')}"
        " CROSS JOIN temp.wz_workday w1 CROSS JOIN temp.wz_workday w2"
        " WHERE " + cases.where(
            "c.lead_department_id = d.id AND c.grade = g.grade AND c.replied_at >= m.lo AND c.replied_at < m.hi"
            " AND w1.day = substr(c.dispatched_at, 1, 10) AND w2.day = substr(c.replied_at, 1, 10)")
        + " GROUP BY d.id, g.k, m.k")
    for dept, month, grade, count, total, in_time in rows:
        if row := span.get(month, dept):
            before = row.days.get(grade, (0, 0, 0))
            row.days[grade] = tuple(b + cases.sign * (v or 0) for b, v in zip(before, (count, total, in_time),
                                                                             strict=True))
            if row.days[grade][0] == 0:
                del row.days[grade]


def _withdrawn(span: _Span) -> None:
    """Take the cases withdrawn on the platform (已撤销) out of the rates, the overdue counts and the times."""
    for figure in (_response, _solved, _rated, _overdue, _days):
        figure(span, WITHDRAWN)


def _first_dispatch(span: _Span) -> str | None:
    """Return a dispatch moment no later than that of any case replied in the span."""
    # The earliest of all is one seek on case_dispatched; the span's own is a scan of its replies (0.08 s on
    # 1,000,000 cases), worth it only when a stray old date would make the table of days needlessly long.
    first = _rows('SELECT MIN(dispatched_at) FROM "case"')[0][0]
    if first is None or first >= _text(span.start - timedelta(days=3 * 366)):
        return first
    return _rows('SELECT MIN(dispatched_at) FROM "case"'
                 " WHERE replied_at >= ? AND replied_at < ?", *span.range())[0][0]


def _grades() -> list[str]:
    """Return the three grades and any other value an old import left in the grade column."""
    found, grade = [], _rows('SELECT MIN(grade) FROM "case"')[0][0]
    while grade is not None:  # one index seek per distinct value, not a scan of every case
        found.append(grade)
        grade = _rows('SELECT MIN(grade) FROM "case" WHERE grade > ?', grade)[0][0]
    return [*GRADES, *(g for g in found if g not in GRADES)]


def _fill_workdays(first: date, last: date) -> None:
    """Fill a temporary table numbering the working days, so a difference of two numbers counts them."""
    cal, rows, n = WorkCalendar.from_db(), [], 0
    for offset in range((last - first).days + 1):
        day = first + timedelta(days=offset)
        n += cal.is_workday(day)
        rows.append((day.isoformat(), n))
    db.execute_sql("CREATE TEMP TABLE IF NOT EXISTS wz_workday (day TEXT PRIMARY KEY, n INTEGER) WITHOUT ROWID")
    db.execute_sql("DELETE FROM temp.wz_workday")
    execute_many("INSERT INTO temp.wz_workday VALUES (?, ?)", rows)


def _fill_temp(name: str, columns: str, rows: list[tuple]) -> None:
    """Fill a temporary table keyed 0, 1, 2… in the order of `rows`, so joins over it come out in that order."""
    db.execute_sql(f"CREATE TEMP TABLE IF NOT EXISTS {name} (k INTEGER PRIMARY KEY, {columns})")
    db.execute_sql(f"DELETE FROM temp.{name}")
    marks = ", ".join("?" * (len(rows[0]) + 1)) if rows else ""
    execute_many(f"INSERT INTO temp.{name} VALUES ({marks})", [(k, *row) for k, row in enumerate(rows)])


STEPS = (_received, _response, _closings, _solved, _rated, _overdue, _merged, _false_closures, _breaches, _ladder,
         _sanctions, _days, _withdrawn)


def compute(months: list[str], at: datetime, step=None) -> dict[str, list[DeptMonth]]:
    """Return, for each month, one DeptMonth per active department (in the office's order).

    `step(done, total)` is called after each query; returning False stops early with what is done.
    """
    span = _Span(months, at)
    with db.atomic():  # one read snapshot, so all counts agree with each other
        span.fill_months()
        for index, query in enumerate(STEPS, 1):
            query(span)
            if step is not None and step(index, len(STEPS)) is False:
                break
    departments = units.active_departments()
    return {m: [span.table.get((m, d.id)) or DeptMonth(d.id, d.name, m) for d in departments] for m in months}


def month_of(month: str, at: datetime) -> list[DeptMonth]:
    """Return the counts of every active department for one month."""
    return compute([month], at)[month]


def status_counts() -> dict[str, int]:
    """Return the number of cases in each status now."""
    return dict(_rows('SELECT status, COUNT(*) FROM "case" GROUP BY status'))
