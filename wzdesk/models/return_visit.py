"""The return visit's second question and the department's first contact with the citizen (issue 17).

A rating says whether the problem was solved (已解决 / 未解决); an observer's finding can be marked as a
problem found; a case keeps the moment the department first contacted the petitioner, which the response
rate counts (签收 in the system is not contact). Old cases take that moment from their ledger: the lead
department's first progress note or reply after the last dispatch, or an imported first response.
"""

from peewee import SqliteDatabase

_COLUMNS = (
    ("rating", "solved", "INTEGER NULL"),
    ("verification_observer", "problem_found", "INTEGER NOT NULL DEFAULT 0"),
    ("case", "contacted_at", "DATETIME NULL"),
)
_BACKFILL = (
    'UPDATE "case" SET contacted_at = COALESCE((SELECT MIN(e.at) FROM case_event e WHERE e.case_id = "case".id'
    " AND e.action IN ('progress', 'reply') AND e.department_id = \"case\".lead_department_id"
    ' AND e.at >= "case".dispatched_at), CASE WHEN source = \'import\' THEN responded_at END)'
    " WHERE dispatched_at IS NOT NULL AND contacted_at IS NULL"
)
# The response rate reads first contacts due in a month by department, the resolution rate the month's
# replies and each one's next reply (wzdesk.performance.metrics._response, _solved): replies are one event
# in eight, so partial indexes keep both walks short.
INDEXES = (
    'CREATE INDEX IF NOT EXISTS case_dept_contact ON "case" (lead_department_id, response_due_at, contacted_at)',
    "CREATE INDEX IF NOT EXISTS caseevent_reply_at ON case_event (at, case_id, department_id)"
    " WHERE action = 'reply'",
    "CREATE INDEX IF NOT EXISTS caseevent_reply_case ON case_event (case_id, at) WHERE action = 'reply'",
)


def add_return_visit_answers(database: SqliteDatabase) -> None:
    """Add the solved answer, the observer's problem mark and the first contact, filled from the ledger."""
    for table, column, kind in _COLUMNS:
        if column not in {c.name for c in database.get_columns(table)}:
            database.execute_sql(f'ALTER TABLE "{table}" ADD COLUMN {column} {kind}')
    database.execute_sql(_BACKFILL)
    for sql in INDEXES:
        database.execute_sql(sql)

