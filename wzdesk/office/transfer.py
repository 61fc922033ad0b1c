"""Copy an office's whole database into another, across backends: a SQLite office moving to its shared
PostgreSQL server (`migrate-db --to URL`), and a PostgreSQL office's backup into a single SQLite file.

The target is given the app's schema by the migrations of its own backend, then every table is copied in
the order of its links, rows in id order with their own ids, read in one snapshot of the source. The
target's triggers rebuild what they keep (ledger head, closed counts, search indexes) as the rows arrive.
"""

from collections.abc import Callable

from peewee import CompositeKey, SqliteDatabase, sort_models

from wzdesk.models import bigram_search, bulk_load, postgres_bulk
from wzdesk.models.base import PRAGMAS, is_postgres
from wzdesk.models.schema import ALL_MODELS, migrate

BATCH = 5000


def sqlite_target(path) -> SqliteDatabase:
    """Return a SQLite database of its own for a copy (the app's handle stays on the source)."""
    target = SqliteDatabase(str(path), pragmas={**PRAGMAS, "journal_mode": "delete"}, autoconnect=False)
    target.register_function(bigram_search.bigrams, "wz_bigrams", 3)
    return target


def copy_database(source, target, step: Callable[[str, int], None] | None = None) -> dict[str, int]:
    """Migrate `target` (connected, without the app's tables) and copy every table of `source` into it;
    return the number of rows copied per table."""
    counts = {}
    # One transaction on the target: a copy that fails leaves it as empty as it was (DDL included).
    with _snapshot(source), target.atomic():
        with target.bind_ctx(ALL_MODELS):  # create_tables makes each model's table on the model's database
            migrate(target)
        bulk_load.begin(target)  # a SQLite target (a server's backup): rows bare, each index built once after
        for model in sort_models(ALL_MODELS):
            counts[model._meta.table_name] = _copy_table(source, target, model)
            if step is not None:
                step(model._meta.table_name, counts[model._meta.table_name])
        bulk_load.finish(target)
    return counts


def _snapshot(source):
    """One consistent view of the source while its desks keep writing."""
    if is_postgres(source):
        return source.atomic(isolation_level="REPEATABLE READ")
    return source.atomic()


def _copy_table(source, target, model) -> int:
    table = model._meta.table_name
    columns = [field.column_name for field in model._meta.sorted_fields]
    # A link to a row of the same table (a repeat merged into its main case) may point forward: such
    # links are written once every row is in.
    later = [f.column_name for f in model._meta.refs if f.rel_model is model]
    names = ", ".join(f'"{c}"' for c in columns)
    key = model._meta.primary_key
    order = f' ORDER BY "{key.column_name}"' if key and not isinstance(key, CompositeKey) else ""
    cursor = source.execute_sql(f'SELECT {names} FROM "{table}"{order}')
    copied, links = 0, []
    while rows := cursor.fetchmany(BATCH):
        if later:
            at = [columns.index(c) for c in later]
            links += [(row[0], *(row[i] for i in at)) for row in rows if any(row[i] is not None for i in at)]
            rows = [tuple(None if i in at else v for i, v in enumerate(row)) for row in rows]
        _insert(target, table, columns, rows)
        copied += len(rows)
    for column_index, column in enumerate(later, start=1):
        _update_links(target, table, column, [(link[column_index], link[0]) for link in links
                                              if link[column_index] is not None])
    return copied


def _insert(target, table: str, columns: list[str], rows: list) -> None:
    if is_postgres(target):
        postgres_bulk.insert_many(target, table, columns, rows)
        return
    marks = ", ".join("?" * len(columns))
    names = ", ".join(f'"{c}"' for c in columns)
    target.cursor().executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)


def _update_links(target, table: str, column: str, pairs: list[tuple]) -> None:
    if not pairs:
        return
    sql = f'UPDATE "{table}" SET "{column}" = ? WHERE id = ?'
    if is_postgres(target):
        target.execute_many(sql, pairs)
    else:
        target.cursor().executemany(sql, pairs)


def row_counts(database) -> dict[str, int]:
    """Return the number of rows of every table of the app."""
    return {m._meta.table_name: database.execute_sql(f'SELECT COUNT(*) FROM "{m._meta.table_name}"').fetchone()[0]
            for m in ALL_MODELS}
