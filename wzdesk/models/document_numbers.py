"""Document numbers unique by their text from now on, old numbers left as they were printed.

Before each kind had its own 机关代字, every kind counted from 1 under one pattern, so an office's
database may hold several documents numbered 邵问督〔2026〕1号. Those stay as printed (they went out
under them, and `notice one NUMBER --kind KIND` still tells them apart); every document numbered
after this migration must have a text of its own, which the partial unique index enforces.
"""

from peewee import SqliteDatabase


def unique_number_texts(database: SqliteDatabase) -> None:
    """Add a unique index on the number text of every document registered from now on."""
    last = database.execute_sql("SELECT COALESCE(MAX(id), 0) FROM notice").fetchone()[0]
    database.execute_sql(
        f"CREATE UNIQUE INDEX IF NOT EXISTS notice_number_text ON notice (number_text) WHERE id > {int(last)}")
