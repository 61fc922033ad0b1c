"""Which index a ledger query should walk, for the cases where SQLite's own choice is slow.

Without statistics SQLite prefers a due-date range or the plain receipt-time index and then reads
every matching row from the table and sorts them (0.1–0.3 s at 1,000,000 cases). Walking a covering
index in the ledger's own order stops as soon as a page is full (a few ms), so for the ledger's
default order (receipt time) the page query names its index with INDEXED BY.
"""

import sqlite3

from peewee import Entity, Node, OperationalError

from wzdesk.models import Case
from wzdesk.models.sort_indexes import OPEN_BY_DEPARTMENT, OPEN_BY_STATUS

# Open cases in receipt order, with every column the open-case filters test (migration 3).
OPEN_BY_RECEIPT = "case_open_received"
# Every case in receipt order with its searchable text, for two-character searches.
TEXT_BY_RECEIPT = "case_received_text"
BY_RECEIPT = "case_received"
# One department's open cases with every column its filters test and its sort keys (models/sort_indexes.py).
OPEN_BY_DEPARTMENT = OPEN_BY_DEPARTMENT
OPEN_BY_STATUS = OPEN_BY_STATUS


class IndexedBy(Node):
    """A FROM source: a model's table read through a named index."""

    def __init__(self, model, index: str):
        super().__init__()
        self._model = model
        self._index = index

    def __sql__(self, ctx):
        ctx.sql(self._model)
        return ctx.literal(" INDEXED BY ").sql(Entity(self._index))


def indexed(query, index: str | None):
    """Return `query` (a single-table select over Case) reading Case through `index`, if one is given."""
    return query.from_(IndexedBy(Case, index)) if index else query


# How much work a walk may do before it gives way to reading the matches whole and sorting them: SQLite
# calls the progress handler every STEP virtual-machine instructions (a case row checked is about a
# hundred), so a walk that finds too few rows costs at most a few milliseconds more than the sort.
STEP = 1000
WALK_STEPS = 400


def bounded(run, query, steps: int = WALK_STEPS):
    """Return run(query) (a read), or None if it needed more than `steps` x STEP SQLite instructions.

    A server has no progress handler to bound a walk with: there the caller's ordinary sort answers (None)."""
    from wzdesk.models import db
    from wzdesk.models.base import is_postgres

    if is_postgres():
        return None

    connection = db.connection()
    left = [steps]

    def tick() -> int:
        left[0] -= 1
        return left[0] < 0  # a true value interrupts the statement

    connection.set_progress_handler(tick, STEP)
    try:
        return run(query)
    except (OperationalError, sqlite3.OperationalError) as exc:
        if left[0] < 0 and "interrupt" in str(exc):
            return None
        raise
    finally:
        connection.set_progress_handler(None, STEP)
