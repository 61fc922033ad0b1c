"""Insert many rows in one statement per table by way of temporary staging tables.

An executemany runs one INSERT per row, and each pays for the table's triggers (search index, closed
count, ledger head) as a statement of its own; FTS5 even writes its pending terms to disk at every
statement. Staging the rows in a plain temporary table and copying them over with one
INSERT … SELECT made a 100,000-case import's writes three times faster (bench/excel.py).

BackgroundCopies goes one step further for a long run of batches: the copy, where SQLite spends its
time on indexes and triggers, runs on a second thread while the caller builds the next batch. SQLite
lets go of the GIL for the whole of an INSERT … SELECT, so the two really run at once.
"""

import sqlite3
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from wzdesk.models import postgres_bulk
from wzdesk.models.base import db, is_postgres


@dataclass(frozen=True)
class Rows:
    """Rows for one table: tuples (or lists) in `columns` order."""

    table: str
    columns: Sequence[str]
    rows: list
    or_ignore: bool = False


def insert_many(rows: Rows, connection: sqlite3.Connection | None = None) -> None:
    """Insert the rows now; call inside the write transaction."""
    if not rows.rows:
        return
    if is_postgres():
        postgres_bulk.insert_many(db, rows.table, rows.columns, rows.rows, rows.or_ignore)
        return
    connection = connection or db.connection()
    _stage(connection, rows, "")
    _copy(connection, rows, "")


def _stage_name(rows: Rows, slot: str) -> str:
    return f'"stage_{rows.table}{slot}"'


def _stage(connection: sqlite3.Connection, rows: Rows, slot: str) -> None:
    """Put the rows in an untyped temporary table, so each value reaches the real table as it was given."""
    stage, width = _stage_name(rows, slot), len(rows.columns)
    connection.execute(f"CREATE TEMP TABLE IF NOT EXISTS {stage} ({', '.join(f'c{i}' for i in range(width))})")
    connection.executemany(f"INSERT INTO temp.{stage} VALUES ({', '.join('?' * width)})", rows.rows)


def _copy(connection: sqlite3.Connection, rows: Rows, slot: str) -> None:
    """Copy the staged rows over in one statement, in the order given (ledger events go in chain order)."""
    stage = _stage_name(rows, slot)
    verb = "INSERT OR IGNORE" if rows.or_ignore else "INSERT"
    names = ", ".join(f'"{c}"' for c in rows.columns)
    staged = ", ".join(f"c{i}" for i in range(len(rows.columns)))
    connection.execute(f'{verb} INTO main."{rows.table}" ({names}) SELECT {staged} FROM temp.{stage} ORDER BY rowid')
    connection.execute(f"DELETE FROM temp.{stage}")


class BackgroundCopies:
    """Stage each batch on the caller's thread and copy it into its tables on a second thread.

    Both use the caller's connection, so everything stays inside its transaction (the connection is
    opened with check_same_thread=False for this; see wzdesk/database.py); SQLite serialises their
    statements. Batches alternate between two sets of staging tables, so the caller stages batch n+1
    while batch n is copied. Between write() and wait() the caller must use the database only through
    write(); triggers that call back into Python would stall on the GIL and must be dropped meanwhile.
    """

    def __init__(self) -> None:
        self._connection = db.connection()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="wzdesk-copies")
        self._running: Future | None = None
        self._batches = 0

    def write(self, batch: list[Rows]) -> None:
        """Stage a batch (tables in the order given) and start copying it once the previous one is copied."""
        batch = [rows for rows in batch if rows.rows]
        if is_postgres():  # the server does the copy's work in its own process already
            for rows in batch:
                insert_many(rows)
            return
        slot = f"_{self._batches % 2}"
        self._batches += 1
        for rows in batch:
            _stage(self._connection, rows, slot)
        self.wait()
        self._running = self._executor.submit(self._copy_all, batch, slot)

    def _copy_all(self, batch: list[Rows], slot: str) -> None:
        for rows in batch:
            _copy(self._connection, rows, slot)

    def wait(self) -> None:
        """Return when every batch is copied; raise the error of a copy that failed."""
        running, self._running = self._running, None
        if running is not None:
            running.result()

    def close(self) -> None:
        """Wait for the copy in flight (before a commit or a rollback) and end the thread."""
        try:
            self.wait()
        finally:
            self._executor.shutdown()
