"""Covering indexes for the monthly department figures (wzdesk.performance.metrics), each named after its query.

Each metric reads a month's range of one moment column and groups by department; with the department and
the counted columns in the index SQLite never touches the wide case rows (measured on 1,000,000 cases:
the month's closures 12.9 s -> see bench/sheet.py).
"""

from peewee import SqliteDatabase

METRICS_INDEXES = [
    # _received: cases dispatched in the month, by department
    'CREATE INDEX IF NOT EXISTS case_dispatched_dept ON "case" (dispatched_at, lead_department_id)',
    # _response: first responses due in the month, and whether they came in time
    'CREATE INDEX IF NOT EXISTS case_response_due ON "case" (response_due_at, lead_department_id, responded_at)',
    # _closings: entering the closed state (办结, or an imported closure) in the month
    "CREATE INDEX IF NOT EXISTS caseevent_closing ON case_event (at, department_id, case_id)"
    " WHERE to_status = 'closed' AND from_status != 'closed'",
    # _solved and _overdue: closed cases by closing moment, with what the checks need
    'CREATE INDEX IF NOT EXISTS case_closed_month ON "case" (closed_at, lead_department_id, due_at, replied_at,'
    " rating) WHERE status = 'closed'",
    # _overdue: open cases past due at a month's end
    "CREATE INDEX IF NOT EXISTS case_open_due_dept ON \"case\" (due_at, lead_department_id) WHERE status != 'closed'",
    # _solved: a rating or a passed site check since the last reply
    "CREATE INDEX IF NOT EXISTS rating_case_at ON rating (case_id, at)",
    "CREATE INDEX IF NOT EXISTS verification_case_passed ON verification (case_id, performed_at)"
    " WHERE result = 'passed'",
    # _rated: ratings given in the month, by department and level
    "CREATE INDEX IF NOT EXISTS rating_at_level ON rating (at, department_id, level)",
    # _days: replies in the month with grade and dispatch moment, for working days to resolve
    'CREATE INDEX IF NOT EXISTS case_replied_grade ON "case" (replied_at, lead_department_id, grade, dispatched_at)',
    # _breaches and _ladder
    "CREATE INDEX IF NOT EXISTS casedutystep_breached ON case_duty_step (breached_at, department_id)"
    " WHERE breached_at IS NOT NULL",
    "CREATE INDEX IF NOT EXISTS ladderstep_at_dept ON ladder_step (at, department_id, step)",
    # the false-closure detail: reopenings (重办, failed check, dissatisfied rating) in the month
    "CREATE INDEX IF NOT EXISTS caseevent_reopened ON case_event (at, case_id)"
    " WHERE to_status = 'in_progress' AND action IN ('reopen', 'verify_fail', 'rate')",
]


def add_metrics_indexes(database: SqliteDatabase) -> None:
    """Add the indexes the monthly performance sheet and dashboard read through."""
    for sql in METRICS_INDEXES:
        database.execute_sql(sql)


# The same figures counted per (department, month) along department-first indexes: the month's rows then
# arrive grouped and SQLite no longer sorts them (the sort was ~90% of each query on 1,000,000 cases).
# The open cases past due use the board's case_open_board (lead_department_id, due_at, ...).
DEPARTMENT_FIRST_INDEXES = [
    'CREATE INDEX IF NOT EXISTS case_dept_dispatched ON "case" (lead_department_id, dispatched_at)',
    'CREATE INDEX IF NOT EXISTS case_dept_response ON "case" (lead_department_id, response_due_at, responded_at)',
    "CREATE INDEX IF NOT EXISTS caseevent_dept_closing ON case_event (department_id, at, case_id)"
    " WHERE to_status = 'closed' AND from_status != 'closed'",
    # _solved and the month's late closures, with what their checks read
    'CREATE INDEX IF NOT EXISTS case_dept_closed ON "case" (lead_department_id, closed_at, due_at, replied_at, rating)'
    " WHERE status = 'closed'",
    # closed cases that were still open and past due at a month's end
    'CREATE INDEX IF NOT EXISTS case_dept_closed_due ON "case" (lead_department_id, due_at, closed_at)'
    " WHERE status = 'closed'",
    "CREATE INDEX IF NOT EXISTS rating_dept_at_level ON rating (department_id, at, level)",
    'CREATE INDEX IF NOT EXISTS case_dept_replied ON "case" (lead_department_id, grade, replied_at, dispatched_at)',
]
# Replaced by the department-first ones above; dropped so inserts no longer keep them up to date.
SUPERSEDED_INDEXES = ["case_dispatched_dept", "case_response_due", "caseevent_closing", "rating_at_level"]


def add_department_first_indexes(database: SqliteDatabase) -> None:
    """Count the monthly figures per department without sorting: add department-first indexes, drop the old."""
    for sql in DEPARTMENT_FIRST_INDEXES:
        database.execute_sql(sql)
    for name in SUPERSEDED_INDEXES:
        database.execute_sql(f"DROP INDEX IF EXISTS {name}")


def add_detail_indexes(database: SqliteDatabase) -> None:
    """Let the sheet's false-closure detail read a bounded number of reopenings per department."""
    database.execute_sql("CREATE INDEX IF NOT EXISTS caseevent_dept_reopened ON case_event (department_id, at, case_id)"
                         " WHERE to_status = 'in_progress' AND action IN ('reopen', 'verify_fail', 'rate')")
