"""The PostgreSQL forms of the migrations whose SQLite SQL has no direct equivalent there.

`PG_FORMS` maps a migration of wzdesk.models.schema.MIGRATIONS to the function that does the same on a
PostgreSQL server; every migration not named here runs as written on both backends (plain and partial
indexes, guarded ALTER TABLEs, backfills). The forms:

- the first release also creates the few SQLite functions the app's SQL uses (`total`, `instr`,
  `julianday`, `sum` and `max` of a truth value), so that SQL counts the same on both;
- the word search is a pg_trgm GIN index over the title, content and petitioner name joined by a space
  (SQLite: FTS5 trigram and the two-character pair index; a search term never holds a space, so a term
  matches across the join no more than across SQLite's columns);
- the append-only guards and the kept ledger head are plpgsql triggers (TRUNCATE refused too);
- the board's running count of closed cases per department is kept by a plpgsql trigger, and `flagged`
  is a stored generated column;
- every statement that writes a table of the app sends a NOTIFY on CHANGE_CHANNEL (a ledger append among
  them), so other desks' windows follow at once (wzdesk/models/change_listener.py).
"""

from wzdesk.models.bigram_search import add_bigram_search
from wzdesk.models.board_summary import FLAGGED, HELD_COLOUR_INDEX, add_board_reads, add_board_summary
from wzdesk.models.change_listener import CHANGE_CHANNEL
from wzdesk.models.ledger_guard import guard_ledger

COMPATIBILITY_FUNCTIONS = [
    "CREATE OR REPLACE FUNCTION instr(text, text) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE"
    " AS 'SELECT strpos($1, $2)'",
    "CREATE OR REPLACE FUNCTION julianday(text) RETURNS double precision LANGUAGE sql STABLE PARALLEL SAFE"
    " AS 'SELECT extract(epoch FROM $1::timestamp)::float8 / 86400.0 + 2440587.5'",
    # SQLite counts a truth value as 1 or 0: total() from 0.0, sum() NULL until a value comes, max() 1/0.
    "CREATE OR REPLACE FUNCTION wz_total_truth(float8, boolean) RETURNS float8 LANGUAGE sql IMMUTABLE"
    " AS 'SELECT $1 + CASE WHEN $2 THEN 1 ELSE 0 END'",
    "CREATE OR REPLACE AGGREGATE total(boolean) (SFUNC = wz_total_truth, STYPE = float8, INITCOND = '0')",
    "CREATE OR REPLACE FUNCTION wz_sum_truth(bigint, boolean) RETURNS bigint LANGUAGE sql IMMUTABLE"
    " AS 'SELECT CASE WHEN $2 IS NULL THEN $1 ELSE COALESCE($1, 0) + CASE WHEN $2 THEN 1 ELSE 0 END END'",
    "CREATE OR REPLACE AGGREGATE sum(boolean) (SFUNC = wz_sum_truth, STYPE = bigint)",
    "CREATE OR REPLACE AGGREGATE max(boolean) (SFUNC = boolor_statefunc, STYPE = boolean)",
]


def _pg_create(database) -> None:
    from wzdesk.models.schema import _v1_create

    for sql in COMPATIBILITY_FUNCTIONS:
        database.execute_sql(sql)
    _v1_create(database)


CASE_TEXT = "wz_case_text(title, content, petitioner_name)"
SEARCH_STATEMENTS = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE OR REPLACE FUNCTION wz_case_text(text, text, text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE"
    " AS $$SELECT coalesce($1, '') || ' ' || coalesce($2, '') || ' ' || coalesce($3, '')$$",
    f'CREATE INDEX IF NOT EXISTS case_text_trgm ON "case" USING gin ({CASE_TEXT} gin_trgm_ops)',
    'CREATE INDEX IF NOT EXISTS case_code_trgm ON "case" USING gin (code gin_trgm_ops)',
]


def _pg_case_search(database) -> None:
    for sql in SEARCH_STATEMENTS:
        database.execute_sql(sql)


def _pg_walk_indexes(database) -> None:
    """Only the open-case walk: a b-tree over the content would refuse long contents (2,704 bytes a row)."""
    from wzdesk.models.schema import LEDGER_WALK_INDEXES

    database.execute_sql(LEDGER_WALK_INDEXES[0])


def _pg_pairs(database) -> None:
    """Nothing to add: the trigram index of the word search answers two-character words too."""


# --- the append-only ledger -------------------------------------------------------------------------
_REFUSE = ("CREATE OR REPLACE FUNCTION wz_ledger_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
           " RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'integrity_constraint_violation'; END $$")
# The head and the closed counts move once per statement, from its transition table: a row trigger would
# update the same row once per inserted row, and PostgreSQL keeps every version of it until the transaction
# ends, so each update walks the ones before it (an import of 100,000 cases took minutes per batch).
_HEAD = ("CREATE OR REPLACE FUNCTION wz_ledger_head() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
         " UPDATE ledger_head SET last_id = last.id, last_hash = last.hash, events = events + added.n"
         " FROM (SELECT id, hash FROM wz_new_events ORDER BY id DESC LIMIT 1) last,"
         " (SELECT count(*) AS n FROM wz_new_events) added WHERE one = 1;"
         " RETURN NULL; END $$")
HEAD_TABLE = ("CREATE TABLE IF NOT EXISTS ledger_head (one INTEGER PRIMARY KEY CHECK (one = 1),"
              " last_id INTEGER NOT NULL, last_hash TEXT NOT NULL, events INTEGER NOT NULL)")
HEAD_FILL = ("INSERT INTO ledger_head (one, last_id, last_hash, events)"
             " SELECT 1, COALESCE(MAX(id), 0), COALESCE((SELECT hash FROM case_event ORDER BY id DESC LIMIT 1), ''),"
             " COUNT(*) FROM case_event ON CONFLICT (one) DO UPDATE SET last_id = excluded.last_id,"
             " last_hash = excluded.last_hash, events = excluded.events")
GUARD_TRIGGERS = {
    "case_event_head": "CREATE OR REPLACE TRIGGER case_event_head AFTER INSERT ON case_event"
                       " REFERENCING NEW TABLE AS wz_new_events FOR EACH STATEMENT EXECUTE FUNCTION wz_ledger_head()",
    "case_event_no_update": "CREATE OR REPLACE TRIGGER case_event_no_update BEFORE UPDATE ON case_event"
                            " FOR EACH ROW EXECUTE FUNCTION wz_ledger_refuse('台账记录只能追加，不能修改')",
    "case_event_no_delete": "CREATE OR REPLACE TRIGGER case_event_no_delete BEFORE DELETE ON case_event"
                            " FOR EACH ROW EXECUTE FUNCTION wz_ledger_refuse('台账记录只能追加，不能删除')",
    "case_event_no_truncate": "CREATE OR REPLACE TRIGGER case_event_no_truncate BEFORE TRUNCATE ON case_event"
                              " FOR EACH STATEMENT EXECUTE FUNCTION wz_ledger_refuse('台账记录只能追加，不能删除')",
}


def _pg_guard_ledger(database) -> None:
    for sql in (_REFUSE, _HEAD, HEAD_TABLE, HEAD_FILL, *GUARD_TRIGGERS.values()):
        database.execute_sql(sql)


def missing_guards(database) -> list[str]:
    present = {name for (name,) in database.execute_sql(
        "SELECT tgname FROM pg_trigger WHERE tgrelid = 'case_event'::regclass AND NOT tgisinternal")}
    missing = [name for name in GUARD_TRIGGERS if name not in present]
    if database.execute_sql("SELECT to_regclass('ledger_head')").fetchone()[0] is None:
        missing.append("ledger_head")
    return missing


def restore_guards(database) -> list[str]:
    missing = missing_guards(database)
    if missing:
        database.execute_sql(_REFUSE)
        database.execute_sql(_HEAD)
    if "ledger_head" in missing:
        database.execute_sql(HEAD_TABLE)
        database.execute_sql(HEAD_FILL)
    for name in missing:
        if name in GUARD_TRIGGERS:
            database.execute_sql(GUARD_TRIGGERS[name])
    return missing


# --- the board's kept counts ------------------------------------------------------------------------
# Per statement, from the rows it changed (see _HEAD): the closed cases it added less those it took away,
# per department. A trigger with transition tables names one event and no columns, hence three.
_CLOSED_DELTA = ("INSERT INTO closed_count (department_id, n) SELECT department_id, sum(n) FROM ({rows}) moved"
                 " GROUP BY department_id HAVING sum(n) <> 0"
                 " ON CONFLICT (department_id) DO UPDATE SET n = closed_count.n + excluded.n")
_CLOSED_ADDED = "SELECT COALESCE(lead_department_id, 0) AS department_id, 1 AS n FROM wz_new WHERE status = 'closed'"
_CLOSED_TAKEN = ("SELECT COALESCE(lead_department_id, 0) AS department_id, -1 AS n FROM wz_old"
                 " WHERE status = 'closed'")
_CLOSED_COUNT = (
    "CREATE OR REPLACE FUNCTION wz_closed_count() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    f" IF TG_OP = 'INSERT' THEN {_CLOSED_DELTA.format(rows=_CLOSED_ADDED)};"
    f" ELSIF TG_OP = 'DELETE' THEN {_CLOSED_DELTA.format(rows=_CLOSED_TAKEN)};"
    f" ELSE {_CLOSED_DELTA.format(rows=_CLOSED_ADDED + ' UNION ALL ' + _CLOSED_TAKEN)}; END IF;"
    " RETURN NULL; END $$"
)
CLOSED_COUNT_TRIGGERS = [
    'DROP TRIGGER IF EXISTS closed_count_change ON "case"',
    'CREATE OR REPLACE TRIGGER closed_count_insert AFTER INSERT ON "case" REFERENCING NEW TABLE AS wz_new'
    " FOR EACH STATEMENT EXECUTE FUNCTION wz_closed_count()",
    'CREATE OR REPLACE TRIGGER closed_count_delete AFTER DELETE ON "case" REFERENCING OLD TABLE AS wz_old'
    " FOR EACH STATEMENT EXECUTE FUNCTION wz_closed_count()",
    'CREATE OR REPLACE TRIGGER closed_count_update AFTER UPDATE ON "case"'
    " REFERENCING OLD TABLE AS wz_old NEW TABLE AS wz_new FOR EACH STATEMENT EXECUTE FUNCTION wz_closed_count()",
]
BOARD_STATEMENTS = [
    "CREATE INDEX IF NOT EXISTS case_open_colour ON \"case\" (lead_department_id, flagged, due_at, warn_at)"
    " WHERE status != 'closed'",
    "CREATE TABLE IF NOT EXISTS closed_count (department_id INTEGER PRIMARY KEY, n INTEGER NOT NULL)",
    "DELETE FROM closed_count",
    "INSERT INTO closed_count (department_id, n) SELECT COALESCE(lead_department_id, 0), count(*)"
    " FROM \"case\" WHERE status = 'closed' GROUP BY 1",
    _CLOSED_COUNT,
    *CLOSED_COUNT_TRIGGERS,
]


def _pg_board_summary(database) -> None:
    if "flagged" not in {c.name for c in database.get_columns("case")}:
        database.execute_sql(f'ALTER TABLE "case" ADD COLUMN flagged BOOLEAN GENERATED ALWAYS AS ({FLAGGED}) STORED')
    for sql in BOARD_STATEMENTS:
        database.execute_sql(sql)


def counters_per_statement(database) -> None:
    """Keep the ledger head and the closed counts once per statement (PostgreSQL; SQLite updates a row in
    place, so its row triggers stay)."""


def _pg_counters_per_statement(database) -> None:
    for sql in (_HEAD, GUARD_TRIGGERS["case_event_head"], _CLOSED_COUNT, *CLOSED_COUNT_TRIGGERS):
        database.execute_sql(sql)


# The board's two reads, each from an index alone (an index-only scan, once autovacuum has marked the table's
# pages): the cases departments hold by department, flag and due moments (at a million cases 3.9 s read
# through case_open_colour and the table, 0.13 s from this one), and the cases the office holds with the
# moments its work began from (0.53 s against 0.20 s).
BOARD_READ_INDEXES = [
    HELD_COLOUR_INDEX,
    'CREATE INDEX IF NOT EXISTS case_office_since ON "case" (status, received_at, replied_at, updated_at, flagged, id)'
    " WHERE status IN ('received', 'returned', 'replied', 'verified')",
]


def _pg_board_reads(database) -> None:
    for sql in BOARD_READ_INDEXES:
        database.execute_sql(sql)


# The ledger's page of a rarer colour (orange, yellow) in receipt order reads each holder's share of it whole
# from an index alone and keeps the newest (wzdesk/ledger/colour_shares.py): the cases departments hold by
# status, flag and due moments, and the cases the office verifies by the moment their reply came in, each
# with the receipt time the page sorts by. Walking receipt order instead passes 70,000 newer cases that
# are not yet due before it finds a page of orange ones.
COLOUR_SHARE_INDEXES = [
    'CREATE INDEX IF NOT EXISTS case_open_status_due_received ON "case" (status, flagged, due_at, warn_at)'
    " INCLUDE (received_at, id) WHERE status <> 'closed'",
    'CREATE INDEX IF NOT EXISTS case_verify_since_received ON "case"'
    " (status, flagged, COALESCE(replied_at, updated_at)) INCLUDE (received_at, id, replied_at, updated_at)"
    " WHERE status IN ('replied', 'verified')",
]


def add_colour_share_indexes(database) -> None:
    """Add the indexes a page of one colour reads its shares from (PostgreSQL; SQLite walks its receipt index)."""


def _pg_colour_share_indexes(database) -> None:
    for sql in COLOUR_SHARE_INDEXES:
        database.execute_sql(sql)


NOTIFY_FUNCTION = (
    # In the writing transaction: PostgreSQL delivers the message when (and only if) it commits, and once per
    # transaction however many statements send it; the payload names the writing connection.
    "CREATE OR REPLACE FUNCTION wz_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN"
    f" PERFORM pg_notify('{CHANGE_CHANNEL}', pg_backend_pid()::text); RETURN NULL; END$$"
)


def notify_on(database, table: str) -> None:
    """Send the change message with every statement that writes `table` (a migration adding a table calls it)."""
    database.execute_sql(f'CREATE OR REPLACE TRIGGER "{table}_notify" AFTER INSERT OR UPDATE OR DELETE ON "{table}"'
                         " FOR EACH STATEMENT EXECUTE FUNCTION wz_notify_change()")


def _pg_notify_changes(database) -> None:
    # Every table, not the ledger alone: a department stopped or an operator added is no ledger event.
    database.execute_sql(NOTIFY_FUNCTION)
    notify_every_table(database)


def notify_every_table(database) -> list[str]:
    """Give every table of the app that lacks it the change message (one made by a later migration); return
    the tables given it. Cheap enough for every opening: one look at the catalogue."""
    tables = [table for (table,) in database.execute_sql(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname <> 'schema_version'"
        " AND NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname = c.relname || '_notify')"
        " ORDER BY 1").fetchall()]
    for table in tables:
        notify_on(database, table)
    return tables


def has_schema(database) -> bool:
    """Return whether the server's database holds the app's tables (its schema version is kept)."""
    return database.execute_sql("SELECT to_regclass('schema_version')").fetchone()[0] is not None


def pg_forms() -> dict:
    from wzdesk.models import schema

    return {
        schema._v1_create: _pg_create,
        schema._v2_case_search: _pg_case_search,
        schema._v3_ledger_walk_indexes: _pg_walk_indexes,
        guard_ledger: _pg_guard_ledger,
        add_bigram_search: _pg_pairs,
        add_board_summary: _pg_board_summary,
        counters_per_statement: _pg_counters_per_statement,
        add_board_reads: _pg_board_reads,
        schema.notify_changes: _pg_notify_changes,
        add_colour_share_indexes: _pg_colour_share_indexes,
    }
