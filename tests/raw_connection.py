"""A plain connection to a test's database behind the app's back, on either backend: sqlite3 on a file,
psycopg on a postgresql:// URL (the SQL written for SQLite, translated as the app's own is)."""

import re
import sqlite3

from wzdesk.models.postgres_db import is_url, translate

try:
    import psycopg

    RAW_ERRORS = (sqlite3.DatabaseError, psycopg.DatabaseError)
except ImportError:
    psycopg = None
    RAW_ERRORS = (sqlite3.DatabaseError,)

_DROP_TRIGGER = re.compile(r"DROP TRIGGER IF EXISTS (\w+)$")


class RawConnection:
    def __init__(self, target):
        self.server = is_url(str(target))
        self._con = psycopg.connect(str(target)) if self.server else sqlite3.connect(target)

    def execute(self, sql: str, params=()):
        if not self.server:
            return self._con.execute(sql, params)
        if _DROP_TRIGGER.match(sql):
            sql += " ON case_event"  # PostgreSQL names a trigger with its table
        return self._con.execute(translate(sql), params or None)

    def commit(self) -> None:
        self._con.commit()

    def close(self) -> None:
        self._con.close()


def connect(target) -> RawConnection:
    return RawConnection(target)
