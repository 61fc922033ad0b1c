"""Database-level guards of the ledger: events are append-only, and the chain's head is kept apart.

A trigger refuses any UPDATE or DELETE of an event, so a slip in code or a casual edit cannot change
the ledger; someone who drops the triggers on purpose is still caught by `audit-verify`, which checks
the hash chain and compares its end with the head the insert trigger keeps in `ledger_head`.
"""

from peewee import SqliteDatabase

from wzdesk.models.base import is_postgres

LEDGER_GUARD_STATEMENTS = [
    "CREATE TABLE IF NOT EXISTS ledger_head (one INTEGER PRIMARY KEY CHECK (one = 1),"
    " last_id INTEGER NOT NULL, last_hash TEXT NOT NULL, events INTEGER NOT NULL)",
    "INSERT OR REPLACE INTO ledger_head (one, last_id, last_hash, events)"
    " SELECT 1, COALESCE(MAX(id), 0), COALESCE((SELECT hash FROM case_event ORDER BY id DESC LIMIT 1), ''),"
    " COUNT(*) FROM case_event",
    "CREATE TRIGGER IF NOT EXISTS case_event_head AFTER INSERT ON case_event BEGIN"
    " UPDATE ledger_head SET last_id = new.id, last_hash = new.hash, events = events + 1 WHERE one = 1; END",
    "CREATE TRIGGER IF NOT EXISTS case_event_no_update BEFORE UPDATE ON case_event BEGIN"
    " SELECT RAISE(ABORT, '台账记录只能追加，不能修改'); END",
    "CREATE TRIGGER IF NOT EXISTS case_event_no_delete BEFORE DELETE ON case_event BEGIN"
    " SELECT RAISE(ABORT, '台账记录只能追加，不能删除'); END",
]


def guard_ledger(database: SqliteDatabase) -> None:
    """Make the ledger append-only in the database itself and start keeping its head."""
    for sql in LEDGER_GUARD_STATEMENTS:
        database.execute_sql(sql)


GUARD_TRIGGERS = {
    sql.split()[5]: sql for sql in LEDGER_GUARD_STATEMENTS if sql.startswith("CREATE TRIGGER")
}
_HEAD_TABLE, _HEAD_FILL = LEDGER_GUARD_STATEMENTS[0], LEDGER_GUARD_STATEMENTS[1]


def _postgres_forms():
    from wzdesk.models import postgres_schema

    return postgres_schema


def missing_guards(database: SqliteDatabase) -> list[str]:
    """Return the names of the ledger's guard triggers (and its head table) that are not in the database."""
    if is_postgres(database):
        return _postgres_forms().missing_guards(database)
    present = {name for (name,) in database.execute_sql(
        "SELECT name FROM sqlite_master WHERE type IN ('trigger', 'table')")}
    return [name for name in (*GUARD_TRIGGERS, "ledger_head") if name not in present]


def restore_guards(database: SqliteDatabase) -> list[str]:
    """Put back every missing guard and return their names; call inside a transaction.

    A missing head table is rebuilt from the chain as it stands: events cut off its end before then can
    only be seen against a checkpoint, which the repair's event says.
    """
    if is_postgres(database):
        return _postgres_forms().restore_guards(database)
    missing = missing_guards(database)
    if "ledger_head" in missing:
        database.execute_sql(_HEAD_TABLE)
        database.execute_sql(_HEAD_FILL)
    for name in missing:
        if name in GUARD_TRIGGERS:
            database.execute_sql(GUARD_TRIGGERS[name])
    return missing
