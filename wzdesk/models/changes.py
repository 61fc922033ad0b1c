"""Has the database changed since the last look? A cheap token that another desk's commit moves.

The window polls it every few seconds and re-reads what it shows only when the token moved. On
SQLite the token is `PRAGMA data_version`, which changes when another connection (another desk, or a
worker thread of this one) commits, and costs a few microseconds; a backend without such a token
registers its own form with `register`; on PostgreSQL it is the ledger's head row.
"""

from collections.abc import Callable, Hashable

from peewee import Database, PostgresqlDatabase, SqliteDatabase

from wzdesk.models.base import actual, db, is_postgres

Token = Callable[[Database], Hashable]


def _sqlite_token(database: Database) -> Hashable:
    # Per connection: it moves on every other connection's commit, never on this connection's own.
    return database.execute_sql("PRAGMA data_version").fetchone()[0]


def _server_token(database: Database) -> Hashable:
    # Every change is written with its ledger event, so the ledger's head moves with each commit of any
    # desk (this desk's own too: one extra re-read after its own step). One row, read by its key.
    return database.execute_sql("SELECT events, last_hash FROM ledger_head").fetchone()


_TOKENS: dict[type[Database], Token] = {SqliteDatabase: _sqlite_token, PostgresqlDatabase: _server_token}


def register(kind: type[Database], token: Token) -> None:
    """Tell how to read the change token of another kind of database."""
    _TOKENS[kind] = token


def change_token(database: Database = db) -> Hashable | None:
    """Return a value that differs once someone else has committed a change (None: no way to tell now)."""
    if database.is_closed():  # between a close and the next open (a restore): nothing to compare yet
        return None
    target = actual(database)
    for kind, token in _TOKENS.items():
        if isinstance(target, kind):
            return token(database)
    return None


def connection_id(database: Database = db) -> str | None:
    """Return what the server's change messages call this thread's connection (PostgreSQL's backend pid)."""
    if database.is_closed() or not is_postgres(database):
        return None
    return str(database.execute_sql("SELECT pg_backend_pid()").fetchone()[0])


class ChangeWatch:
    """Remembers the last token seen; `changed()` says whether it moved since."""

    def __init__(self, database: Database = db):
        self._database = database
        self._seen = change_token(database)

    def changed(self) -> bool:
        """Return whether another connection committed since the last call (or since the watch began)."""
        token = change_token(self._database)
        moved = token != self._seen
        self._seen = token
        return moved
