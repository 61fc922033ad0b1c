"""A two-character index for Chinese search: the trigram index cannot answer a two-character word.

Each case's title, content and petitioner name are stored as their overlapping character pairs
("路灯不亮" → "路灯 灯不 不亮") in a contentless FTS5 table, so a two-character word is one exact
token look-up instead of a scan of every case. The pairs are made by `wz_bigrams`, a function the
app registers on every connection; triggers keep the table in step with the case table.
"""

from operator import add

from peewee import SqliteDatabase

from wzdesk.models.base import db, is_postgres

BATCH = 5000


def bigrams(*texts: str | None) -> str:
    """Return every overlapping pair of characters of each word in the texts, separated by spaces."""
    pairs = []
    for text in texts:
        if text:
            for word in text.split():
                pairs.extend(map(add, word, word[1:]))  # each character joined to the next
    return " ".join(pairs)


db.register_function(bigrams, "wz_bigrams", 3)

# The pairs of one case row, as SQL over the row named {0}.
SOURCE = "wz_bigrams({0}.title, {0}.content, {0}.petitioner_name)"
BIGRAM_STATEMENTS = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS case_bigram USING fts5(grams, content='', tokenize='unicode61')",
    'CREATE TRIGGER IF NOT EXISTS case_bigram_insert AFTER INSERT ON "case" BEGIN'
    f" INSERT INTO case_bigram (rowid, grams) VALUES (new.id, {SOURCE.format('new')}); END",
    'CREATE TRIGGER IF NOT EXISTS case_bigram_delete AFTER DELETE ON "case" BEGIN'
    f" INSERT INTO case_bigram (case_bigram, rowid, grams) VALUES ('delete', old.id, {SOURCE.format('old')}); END",
    'CREATE TRIGGER IF NOT EXISTS case_bigram_update AFTER UPDATE OF title, content, petitioner_name ON "case" BEGIN'
    f" INSERT INTO case_bigram (case_bigram, rowid, grams) VALUES ('delete', old.id, {SOURCE.format('old')});"
    f" INSERT INTO case_bigram (rowid, grams) VALUES (new.id, {SOURCE.format('new')}); END",
]


def add_bigram_search(database: SqliteDatabase) -> None:
    """Create the two-character index and fill it from the cases already there."""
    for sql in BIGRAM_STATEMENTS:
        database.execute_sql(sql)
    last = 0
    while True:
        rows = database.execute_sql(
            'SELECT id, title, content, petitioner_name FROM "case" WHERE id > ? ORDER BY id LIMIT ?',
            (last, BATCH)).fetchall()
        if not rows:
            return
        database.cursor().executemany("INSERT INTO case_bigram (rowid, grams) VALUES (?, ?)",
                                      [(r[0], bigrams(r[1], r[2], r[3])) for r in rows])
        last = rows[-1][0]


def drop_insert_trigger(database: SqliteDatabase) -> None:
    """Stop indexing inserted cases, for a bulk writer that inserts their pairs itself (and calls back
    into Python from a second thread no more): call inside its transaction, restore before it ends."""
    if not is_postgres(database):  # PostgreSQL has no pair index (its trigram index keeps itself)
        database.execute_sql("DROP TRIGGER IF EXISTS case_bigram_insert")


def restore_insert_trigger(database: SqliteDatabase) -> None:
    if not is_postgres(database):
        database.execute_sql(BIGRAM_STATEMENTS[1])
