"""Bulk inserts on PostgreSQL: COPY straight into the table, or through a staging table where a row may
already be there (the SQLite form stages every batch, wzdesk/models/bulk.py).

COPY sends every value as text and the server reads it as its column's type, so the same rows the SQLite
writer builds (0/1 for truth values, moments as text) go in unchanged. Rows carrying their own ids leave a
table's id sequence behind them: it is moved on to the largest id, so the next plain insert gets a new one.
"""

import peewee

# The two-character pair index is SQLite's; the trigram index of the search keeps itself up to date.
SQLITE_ONLY_TABLES = {"case_bigram"}


def insert_many(database, table: str, columns, rows: list, or_ignore: bool = False) -> None:
    """Insert `rows` (tuples in `columns` order) into `table`; call inside the write transaction."""
    if table in SQLITE_ONLY_TABLES or not rows:
        return
    with peewee.__exception_wrapper__:  # psycopg's errors as peewee's (IntegrityError …), as every query gives
        _insert(database, table, columns, rows, or_ignore)


def _insert(database, table: str, columns, rows: list, or_ignore: bool) -> None:
    names = ", ".join(f'"{c}"' for c in columns)
    cursor = database.cursor()
    if or_ignore:
        stage = f'"stage_{table}"'
        cursor.execute(f'CREATE TEMP TABLE IF NOT EXISTS {stage} AS SELECT {names} FROM "{table}" WITH NO DATA')
        _copy(cursor, stage, names, rows)
        cursor.execute(f'INSERT INTO "{table}" ({names}) SELECT {names} FROM {stage} ON CONFLICT DO NOTHING')
        cursor.execute(f"TRUNCATE {stage}")
    else:
        _copy(cursor, f'"{table}"', names, rows)
    if "id" in columns:
        align_sequence(database, table)


def _copy(cursor, table: str, names: str, rows: list) -> None:
    with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def align_sequence(database, table: str) -> None:
    """Move the id sequence of `table` past the largest id in it."""
    database.execute_sql(
        f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM \"{table}\"")
