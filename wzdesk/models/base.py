"""The one database handle and the base model every table derives from.

`db` is a proxy: `wzdesk.office.database.open_database` points it at the embedded SQLite file of a single
desk (the default) or at an office's shared PostgreSQL server (wzdesk/models/postgres_db.py).
"""

import threading

from peewee import SQL, DatabaseProxy, Model, NodeList, SqliteDatabase

# WAL lets the GUI read while a background job writes; foreign keys keep the
# ledger's links honest; a busy timeout makes two desks wait rather than fail.
PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "normal",
    "busy_timeout": 10000,
    "cache_size": -64 * 1024,
    "temp_store": "memory",
}



class LedgerDatabase(SqliteDatabase):
    """The SQLite handle, which shows each commit that wrote ledger events to a guard before it commits.

    The guard (office/checkpoints.py: this desk's kept checkpoint of the file) is called while the
    transaction still holds the database's write lock, so no other writer, thread or process, can
    append between what it sees and the commit; it returns a step to confirm once the commit went
    through, or to undo if it failed.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.commit_guard = None  # has before_commit(start) -> a step with confirm() and undo(), or None
        self._starts = threading.local()

    def note_start(self, last_id: int, last_hash: str) -> None:
        """Remember the ledger's end as the open transaction found it before writing its first event."""
        if self.transaction_depth() and getattr(self._starts, "value", None) is None:
            self._starts.value = (last_id, last_hash)

    def commit(self):
        start, self._starts.value = getattr(self._starts, "value", None), None
        guard = self.commit_guard
        step = guard.before_commit(start) if guard is not None and start is not None else None
        try:
            done = super().commit()
        except Exception:
            if step is not None:
                step.undo()
            raise
        if step is not None:
            step.confirm()
        return done

    def rollback(self):
        self._starts.value = None
        return super().rollback()


sqlite_db = LedgerDatabase(None, pragmas=PRAGMAS, autoconnect=False)
db = DatabaseProxy()
db.initialize(sqlite_db)

# The key of the transaction-level advisory lock every write on PostgreSQL takes first: one writer at a
# time, as BEGIN IMMEDIATE gives on SQLite, so the ledger chain and the document numbers stay linear.
WRITE_LOCK = 0x777A_6465  # "wzde"


def actual(database=None):
    """Return the database itself behind `database` (default the open one): a proxy's, or it as it is."""
    target = database if database is not None else db
    return getattr(target, "obj", target)


def is_postgres(database=None) -> bool:
    """Return whether `database` (default the open one) is a PostgreSQL server."""
    return not isinstance(actual(database), SqliteDatabase)


def write_transaction():
    """Open a write transaction that takes the database lock at once, so the event chain stays linear."""
    if is_postgres():
        return _LockedAtomic()
    return db.atomic(lock_type="IMMEDIATE")


def hold_write_lock() -> None:
    """On PostgreSQL, wait for the office-wide write lock now (held until the transaction ends; taking it
    again in the same transaction is free). SQLite's write transactions hold the file's lock already."""
    if is_postgres():
        db.execute_sql("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))


class _LockedAtomic:
    """db.atomic() that, on entering, waits for the office-wide write lock (released at commit or rollback)."""

    def __init__(self):
        self._atomic = db.atomic()

    def __enter__(self):
        entered = self._atomic.__enter__()
        hold_write_lock()
        return entered

    def __exit__(self, *exc):
        return self._atomic.__exit__(*exc)

    def __call__(self, fn):
        def wrapped(*args, **kwargs):
            with _LockedAtomic():
                return fn(*args, **kwargs)
        return wrapped


def not_indexed(column):
    """Return `column` written so that SQLite checks rows by it but never picks an index for it (+column).

    PostgreSQL plans on its own costs and has no unary plus for text: the column is left as it is there."""
    if is_postgres():
        return column
    return NodeList((SQL("+"), column), glue="")


def execute_many(sql: str, rows) -> int:
    """Run one statement written with ? marks for every row, on either backend; return the rows it changed."""
    if is_postgres():
        return db.obj.execute_many(sql, rows)
    return db.cursor().executemany(sql, rows).rowcount


class BaseModel(Model):
    class Meta:
        database = db
        legacy_table_names = False
