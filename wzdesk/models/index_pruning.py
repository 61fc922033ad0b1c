"""Indexes every insert paid for that no query needs: another index serves the same rows in the same order.

Every new case and event updates each index of its table (the case table's are about a third of an
import's writes, bench/excel.py). SQLite finds the same rows through the index named beside each.
"""

from peewee import SqliteDatabase

REDUNDANT = {
    # the first column, and the same WHERE, of case_open_due_dept
    "case_open_due": "case_open_due_dept",
    # the first two columns, and the same WHERE, of case_dept_closed
    "case_closed_dept": "case_dept_closed",
    # every index ends in the rowid: (case_id) is (case_id, id)
    "case_event_case_id": "caseevent_case",
}
# Kept on measurement (bench/ledger.py, 1,000,000 cases), although another index begins with the same
# columns: case_received_text (receipt time with all the text): without it a one-character search that
# finds little took 0.8 s instead of 0.4 s; case_lead_department_id, which is (department, id): without
# it one department's cases sorted by department took 181 ms instead of 20 ms.


def drop_redundant_indexes(database: SqliteDatabase) -> None:
    """Drop the indexes another one already serves."""
    for name in REDUNDANT:
        database.execute_sql(f"DROP INDEX IF EXISTS {name}")
