"""What the overdue board needs to count a million cases in a blink.

`flagged` (a virtual column) folds the four red flags into one value, and a partial index orders the
open cases by department, flag and due time, so each colour is a running count down that index with
no sorting. Closed cases only ever count as grey: `closed_count` keeps their number per department,
maintained by triggers on every insert, update and delete of a case.
"""

from peewee import SqliteDatabase

FLAGGED = "flag_complaint OR flag_false_closure OR flag_duty_breach OR supervised_at IS NOT NULL"
_BUMP = ("INSERT INTO closed_count (department_id, n) VALUES (COALESCE({0}.lead_department_id, 0), {1})"
         " ON CONFLICT (department_id) DO UPDATE SET n = n + {1};")
# Count the closed cases afresh (also after a bulk load, models/bulk_load.py).
RECOUNT = [
    "DELETE FROM closed_count",
    "INSERT INTO closed_count (department_id, n) SELECT COALESCE(lead_department_id, 0), count(*)"
    " FROM \"case\" WHERE status = 'closed' GROUP BY 1",
]
BOARD_STATEMENTS = [
    "CREATE INDEX IF NOT EXISTS case_open_colour ON \"case\" (lead_department_id, flagged, due_at, warn_at)"
    " WHERE status != 'closed'",
    "CREATE TABLE IF NOT EXISTS closed_count (department_id INTEGER PRIMARY KEY, n INTEGER NOT NULL)",
    *RECOUNT,
    "CREATE TRIGGER IF NOT EXISTS closed_count_insert AFTER INSERT ON \"case\" WHEN new.status = 'closed' BEGIN "
    + _BUMP.format("new", 1) + " END",
    "CREATE TRIGGER IF NOT EXISTS closed_count_delete AFTER DELETE ON \"case\" WHEN old.status = 'closed' BEGIN "
    + _BUMP.format("old", -1) + " END",
    "CREATE TRIGGER IF NOT EXISTS closed_count_leave AFTER UPDATE OF status, lead_department_id ON \"case\""
    " WHEN old.status = 'closed' BEGIN " + _BUMP.format("old", -1) + " END",
    "CREATE TRIGGER IF NOT EXISTS closed_count_enter AFTER UPDATE OF status, lead_department_id ON \"case\""
    " WHEN new.status = 'closed' BEGIN " + _BUMP.format("new", 1) + " END",
]


def add_board_summary(database: SqliteDatabase) -> None:
    """Add the flagged column, the colour index and the per-department count of closed cases."""
    columns = {row[1] for row in database.execute_sql('PRAGMA table_xinfo("case")')}
    if "flagged" not in columns:
        database.execute_sql(f'ALTER TABLE "case" ADD COLUMN flagged INTEGER GENERATED ALWAYS AS ({FLAGGED}) VIRTUAL')
    for sql in BOARD_STATEMENTS:
        database.execute_sql(sql)


# The cases departments hold by department, flag and due moments: the board's open counts read this one
# (case_open_colour holds the office's cases too, and not their status): at a million cases on SQLite
# 2.6 s through case_open_colour and the table, 0.27 s through it (bench/board.py).
HELD_COLOUR_INDEX = ('CREATE INDEX IF NOT EXISTS case_held_colour ON "case" (lead_department_id, flagged, due_at,'
                     " warn_at) WHERE status IN ('dispatched', 'accepted', 'in_progress')")


def add_board_reads(database: SqliteDatabase) -> None:
    """Add the index of the cases departments hold that the board's open counts read (a server adds one more,
    wzdesk/models/postgres_schema.py)."""
    database.execute_sql(HELD_COLOUR_INDEX)
