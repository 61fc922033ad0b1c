"""The schema version, kept in a one-row table on both backends.

SQLite files of earlier releases kept it in `PRAGMA user_version`: it is read from there until the first
migration of this release writes the table. SQLite goes on writing user_version too, so an older release
still sees that a file is newer than it and refuses it.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from wzdesk.models.base import is_postgres

TABLE = "schema_version"
CREATE = f"CREATE TABLE IF NOT EXISTS {TABLE} (one INTEGER PRIMARY KEY CHECK (one = 1), version INTEGER NOT NULL)"
MIGRATION_LOCK = 0x777A_6D67  # "wzmg": desks opening one server at once migrate it one after the other


def read(database) -> int:
    """Return the schema version (0 for an empty database)."""
    if is_postgres(database):
        if database.execute_sql(f"SELECT to_regclass('{TABLE}')").fetchone()[0] is None:
            return 0
        row = database.execute_sql(f"SELECT version FROM {TABLE}").fetchone()
        return row[0] if row else 0
    if database.execute_sql("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (TABLE,)).fetchone():
        row = database.execute_sql(f"SELECT version FROM {TABLE}").fetchone()
        if row:
            return row[0]
    return database.execute_sql("PRAGMA user_version").fetchone()[0]


def write(database, version: int) -> None:
    """Record that the database is at `version`; call in the migration's transaction."""
    database.execute_sql(CREATE)
    database.execute_sql(f"DELETE FROM {TABLE}")
    database.execute_sql(f"INSERT INTO {TABLE} (one, version) VALUES (1, {int(version)})")
    if not is_postgres(database):
        database.execute_sql(f"PRAGMA user_version = {int(version)}")


def move_over(database) -> None:
    """Give a SQLite file that is up to date but keeps its version only in user_version the version table."""
    if is_postgres(database):
        return
    if not database.execute_sql("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (TABLE,)).fetchone():
        with database.atomic():
            write(database, database.execute_sql("PRAGMA user_version").fetchone()[0])


def forms(database) -> dict:
    """Return the backend's own forms of the migrations that have one."""
    if not is_postgres(database):
        return {}
    from wzdesk.models.postgres_schema import pg_forms

    return pg_forms()


@contextmanager
def migrating(database) -> Iterator[None]:
    """Hold the migration lock of a server for the block (on SQLite each migration's transaction suffices)."""
    if not is_postgres(database):
        yield
        return
    database.execute_sql("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK,))
    try:
        yield
    finally:
        database.execute_sql("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK,))
