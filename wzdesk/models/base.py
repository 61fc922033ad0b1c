"""The one database handle and the base model every table derives from."""

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

db = SqliteDatabase(None, pragmas=PRAGMAS, autoconnect=False)


def write_transaction():
    """Open a write transaction that takes the database lock at once, so the event chain stays linear."""
    return db.atomic(lock_type="IMMEDIATE")


class BaseModel(Model):
    class Meta:
        database = db
        legacy_table_names = False
