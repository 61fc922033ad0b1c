"""The office's shared PostgreSQL server as a peewee database that answers exactly as the SQLite file does.

Moments and dates are stored as the same text SQLite holds ("2026-10-08 09:00:00"), so they compare, sort,
cut (substr) and read back identically on both backends, and the app's SQL, written with SQLite's `?` and
`:name` marks, is translated here: the marks, `INDEXED BY` hints (PostgreSQL plans on its own),
`temp.` (pg_temp.), `LIMIT -1` (LIMIT ALL) and `IS` between values (IS NOT DISTINCT FROM). The few
SQLite functions the queries use (total, instr, julianday, sum and max of a truth value) are created in
the database by its first migration (wzdesk/models/postgres_schema.py).
"""

import re
from datetime import date, datetime, time
from urllib.parse import urlsplit

from peewee import PostgresqlDatabase

try:
    import psycopg
    from psycopg.adapt import Dumper
except ImportError:  # the driver is a dependency; without it a PostgreSQL URL is refused in Chinese
    psycopg = None
    Dumper = object

URL_SCHEMES = ("postgresql", "postgres")
LOCK_TIMEOUT_MS = 30_000


def is_url(target) -> bool:
    """Return whether a --db value names a PostgreSQL server rather than a file."""
    return isinstance(target, str) and urlsplit(target).scheme in URL_SCHEMES and "://" in target


class _TextMoment(Dumper):
    """Send a moment or date as the text SQLite stores for it, typed 'unknown' so any column takes it."""

    oid = 0

    def dump(self, obj):
        return str(obj).encode("utf-8")


# `?` and `:name` outside quotes; quoted strings and names are matched first and left as they are.
_MARKS = re.compile(r"""('(?:[^']|'')*'|"(?:[^"]|"")*")|(\?)|(?<![:\w]):([A-Za-z_]\w*)""")
_REWRITES = (
    (re.compile(r'\s+INDEXED BY (?:\w+|"\w+")', re.I), ""),
    (re.compile(r"\btemp\.", re.I), "pg_temp."),
    (re.compile(r"\bLIMIT -1\b", re.I), "LIMIT ALL"),
    (re.compile(r"\s+WITHOUT ROWID", re.I), ""),
    (re.compile(r"\bIS (%s|%\(\w+\)s)"), r"IS NOT DISTINCT FROM \1"),
)


_SQLITE_WORDS = re.compile(r"[?:]|INDEXED|temp\.|LIMIT -1|ROWID", re.I)


def translate(sql: str) -> str:
    """Return SQLite-flavoured SQL as PostgreSQL takes it (see the module's note)."""
    if not _SQLITE_WORDS.search(sql):
        return sql

    def mark(match):
        if match.group(1):
            return match.group(1)
        if match.group(2):
            return "%s"
        return f"%({match.group(3)})s"

    sql = _MARKS.sub(mark, sql)
    for pattern, replacement in _REWRITES:
        sql = pattern.sub(replacement, sql)
    return sql


class OfficeDatabase(PostgresqlDatabase):
    """PostgreSQL with the app's moments as text and its SQL translated (see the module's note)."""

    field_types = {**PostgresqlDatabase.field_types, "DATETIME": "TEXT", "DATE": "TEXT", "TIME": "TEXT"}

    def __init__(self, url: str | None = None, **kwargs):
        # A desk waits for another's write (the advisory lock of write_transaction) as SQLite's busy timeout
        # waits for the file's lock, then gives up with "数据库正被其他程序占用" instead of hanging.
        kwargs.setdefault("options", f"-c lock_timeout={LOCK_TIMEOUT_MS}")
        super().__init__(url, prefer_psycopg3=True, autoconnect=False, **kwargs)

    def _connect(self):
        conn = super()._connect()
        for kind in (datetime, date, time):
            conn.adapters.register_dumper(kind, _TextMoment)
        return conn

    def execute_sql(self, sql, params=None):
        if not params:  # psycopg reads % marks even in a statement without parameters
            return super().execute_sql(translate(sql).replace("%", "%%"), ())
        return super().execute_sql(translate(sql), params)

    def execute_many(self, sql: str, rows) -> int:
        with self.cursor() as cursor:
            cursor.executemany(translate(sql), list(rows))
            return cursor.rowcount  # psycopg 3 sums the rows every run changed


def office_database(url: str) -> OfficeDatabase:
    """Return the (unconnected) database of a postgresql:// URL."""
    _scheme, rest = url.split("://", 1)
    return OfficeDatabase(f"postgresql://{rest}")
