"""The one database handle and the base model every table derives from."""

import threading

from peewee import Model, SqliteDatabase

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


db = LedgerDatabase(None, pragmas=PRAGMAS, autoconnect=False)


def write_transaction():
    """Open a write transaction that takes the database lock at once, so the event chain stays linear."""
    return db.atomic(lock_type="IMMEDIATE")


class BaseModel(Model):
    class Meta:
        database = db
        legacy_table_names = False
