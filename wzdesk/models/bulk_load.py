"""A large first load (a year's case list, the demo): rows first, then each index and derived table built once.

Every secondary index of the loaded tables, both search indexes and the closed-case counts are kept up to
date row by row on an ordinary write: at 100,000 new cases that is most of the writing (bench/excel.py,
issue 8: 5.6–6.5 s with them, 0.9 s without). On a database that holds few cases it is far cheaper to
write the rows bare and build each of them once, sorted, afterwards.

`begin` records what it drops in `bulk_load_pending`, in the same transaction as the drop; `finish`
builds it all again and removes the record, in one transaction too. A load inside one transaction (an
import) calls both inside it: a rollback or a crash leaves the database as it was. A load over several
transactions (the demo) commits between them; a crash then leaves the record behind, and the next
opening of the database calls `finish` (office/database.py), so nothing stays half-built. The unique
indexes stay: they keep codes and links unique while the rows go in.
"""

from peewee import SqliteDatabase

from wzdesk.models.base import is_postgres
from wzdesk.models.bigram_search import SOURCE as PAIRS_OF
from wzdesk.models.board_summary import RECOUNT

# The tables a case list or the demo fills in bulk.
LOADED_TABLES = ("case", "case_event", "case_co_department", "rating", "verification", "verification_observer",
                 "case_duty_step", "complaint")
# Triggers that keep derived tables in step with "case": the search indexes and the closed-case counts.
# The ledger's guards (ledger_guard.py) always stay.
DERIVED_TRIGGER_PREFIXES = ("case_fts_", "case_bigram_", "closed_count_")
# A writer that indexes the new cases' character pairs itself (exchange/writers.py) keeps the pair index
# and its update and delete triggers: only the insert trigger goes, as it would without a bulk load.
PAIRS_WRITTEN = ("case_fts_", "closed_count_", "case_bigram_insert")
PENDING = "bulk_load_pending"
# Worker threads SQLite's sorter may use to build each index (PRAGMA threads).
SORT_THREADS = 2


def available(database) -> bool:
    """Return whether the database can load in bulk this way (SQLite: its schema table and FTS5 commands)."""
    return not is_postgres(database)


def is_pending(database: SqliteDatabase) -> bool:
    """Return whether a bulk load has dropped indexes that are not built again yet."""
    return available(database) and bool(database.execute_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (PENDING,)).fetchone())


def begin(database: SqliteDatabase, pairs_written: bool = False) -> None:
    """Drop the secondary indexes and derived-data triggers of the loaded tables, noting each; call inside
    the load's (first) write transaction. A load already pending is continued, not restarted.

    pairs_written: the writer puts the new cases' character pairs in the pair index itself. On a database
    that cannot (available), nothing is dropped and the load takes the ordinary path."""
    if not available(database):
        return
    database.execute_sql(f"CREATE TABLE IF NOT EXISTS {PENDING} (seq INTEGER PRIMARY KEY, kind TEXT NOT NULL,"
                         " name TEXT NOT NULL, sql TEXT NOT NULL)")
    if pairs_written:
        database.execute_sql(f"INSERT INTO {PENDING} (kind, name, sql) VALUES ('pairs', '', '')")
    prefixes = PAIRS_WRITTEN if pairs_written else DERIVED_TRIGGER_PREFIXES
    for kind, name, sql in _droppable(database, prefixes):
        database.execute_sql(f"INSERT INTO {PENDING} (kind, name, sql) VALUES (?, ?, ?)", (kind, name, sql))
        database.execute_sql(f'DROP {kind.upper()} "{name}"')


def _droppable(database: SqliteDatabase, prefixes: tuple[str, ...]) -> list[tuple[str, str, str]]:
    marks = ", ".join("?" * len(LOADED_TABLES))
    rows = database.execute_sql(
        f"SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL"
        f" AND tbl_name IN ({marks}) ORDER BY type, rowid", LOADED_TABLES).fetchall()
    return [(kind, name, sql) for kind, name, sql in rows
            if (kind == "index" and not sql.upper().startswith("CREATE UNIQUE"))
            or (kind == "trigger" and name.startswith(prefixes))]


def finish(database: SqliteDatabase) -> bool:
    """Build again what `begin` dropped, the search indexes and the closed counts over every case; call
    inside a write transaction. Return False if no load was pending."""
    if not is_pending(database):
        return False
    present = {name for (name,) in database.execute_sql("SELECT name FROM sqlite_master")}
    threads = database.execute_sql("PRAGMA threads").fetchone()[0]
    database.execute_sql(f"PRAGMA threads = {SORT_THREADS}")
    try:
        for name, sql in database.execute_sql(f"SELECT name, sql FROM {PENDING} WHERE kind = 'index'"
                                              " ORDER BY seq").fetchall():
            if name not in present:
                database.execute_sql(sql)
    finally:
        database.execute_sql(f"PRAGMA threads = {threads}")
    pairs_written = database.execute_sql(f"SELECT 1 FROM {PENDING} WHERE kind = 'pairs'").fetchone()
    _rebuild_derived(database, pairs=not pairs_written)
    for name, sql in database.execute_sql(f"SELECT name, sql FROM {PENDING} WHERE kind = 'trigger' ORDER BY seq"):
        if name not in present:
            database.execute_sql(sql)
    database.execute_sql(f"DROP TABLE {PENDING}")
    return True


def _rebuild_derived(database: SqliteDatabase, pairs: bool) -> None:
    """Fill the search indexes (the pair index unless its writer filled it) and the closed counts from the
    cases as they stand."""
    database.execute_sql("INSERT INTO case_fts (case_fts) VALUES ('rebuild')")
    if pairs:
        database.execute_sql("INSERT INTO case_bigram (case_bigram) VALUES ('delete-all')")
        database.execute_sql(f'INSERT INTO case_bigram (rowid, grams) SELECT id, {PAIRS_OF.format("c")}'
                             ' FROM "case" c')
    for sql in RECOUNT:
        database.execute_sql(sql)


def finish_pending(database: SqliteDatabase) -> bool:
    """Finish a load a crash interrupted, in a transaction of its own; return whether there was one."""
    if not is_pending(database):
        return False
    with database.atomic(lock_type="IMMEDIATE"):
        return finish(database)
