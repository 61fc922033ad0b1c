"""Indexes that let a filtered ledger be sorted by any column without reading every matching case.

A broad filter (a status) is fastest walked in the sort column's own order, stopping after a page;
that needs an index per sort column, and the title had none. A narrow one (a department and a colour)
is fastest read whole and sorted, but each match then costs a read of its wide case row: the covering
index below holds every column such a filter tests and every sort key it can be sorted by, so the
matches are read and sorted from the index alone (wzdesk/ledger/view.py, bench/ledger.py).
"""

from peewee import SqliteDatabase

# The ledger's filters over one department's open cases, with the sort keys code, title, status, grade,
# category and colour (whose inputs are the due moments and the flags).
OPEN_BY_DEPARTMENT = "case_open_dept_cover"
# Open cases of one status by flag and due moment (then the warning moment): each colour is a range or two
# of it, read from the index alone, for the ledger sorted by colour under a status filter.
OPEN_BY_STATUS = "case_open_status_colour"
SORT_INDEXES = [
    'CREATE INDEX IF NOT EXISTS case_title ON "case" (title)',
    f'CREATE INDEX IF NOT EXISTS {OPEN_BY_DEPARTMENT} ON "case" (lead_department_id, status, grade, category_id,'
    " due_at, warn_at, flag_complaint, flag_false_closure, flag_duty_breach, supervised_at, code, title)"
    " WHERE status != 'closed'",
    f'CREATE INDEX IF NOT EXISTS {OPEN_BY_STATUS} ON "case" (status, flagged, due_at, warn_at)'
    " WHERE status != 'closed'",
]


def add_sort_indexes(database: SqliteDatabase) -> None:
    """Add the title index and the covering indexes of one department's and one status's open cases."""
    for sql in SORT_INDEXES:
        database.execute_sql(sql)
