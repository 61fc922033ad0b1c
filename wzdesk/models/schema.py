"""The schema, its version and the migrations that carry an office's database across upgrades."""

from collections.abc import Callable

from peewee import SqliteDatabase

from wzdesk import models
from wzdesk.errors import UserError
from wzdesk.models import version_table
from wzdesk.models.base import BaseModel
from wzdesk.models.bigram_search import add_bigram_search
from wzdesk.models.board_summary import add_board_reads, add_board_summary
from wzdesk.models.document_numbers import unique_number_texts
from wzdesk.models.event_indexes import shrink_event_indexes
from wzdesk.models.index_pruning import drop_redundant_indexes
from wzdesk.models.ledger_guard import guard_ledger
from wzdesk.models.metrics_indexes import add_department_first_indexes, add_detail_indexes, add_metrics_indexes
from wzdesk.models.photo_blobs import move_photos_in
from wzdesk.models.postgres_schema import add_colour_share_indexes, counters_per_statement
from wzdesk.models.return_visit import add_return_visit_answers
from wzdesk.models.sort_indexes import add_sort_indexes

# Every table of the domain, as wzdesk.models exports them; create_tables orders them by their links.
ALL_MODELS = [obj for obj in vars(models).values()
              if isinstance(obj, type) and issubclass(obj, BaseModel) and obj is not BaseModel]

# The ledger's real queries: the board and the overdue list read open cases by department and due
# time; partial indexes keep them small because most cases in an office's history are closed.
LEDGER_INDEXES = [
    'CREATE INDEX IF NOT EXISTS case_open_board ON "case" (lead_department_id, due_at, warn_at,'
    " flag_complaint, flag_false_closure, flag_duty_breach, supervised_at) WHERE status != 'closed'",
    "CREATE INDEX IF NOT EXISTS case_open_due ON \"case\" (due_at) WHERE status != 'closed'",
    "CREATE INDEX IF NOT EXISTS case_closed_dept ON \"case\" (lead_department_id, closed_at)"
    " WHERE status = 'closed'",
    'CREATE INDEX IF NOT EXISTS case_status_received ON "case" (status, received_at)',
    'CREATE INDEX IF NOT EXISTS case_received ON "case" (received_at)',
    'CREATE INDEX IF NOT EXISTS case_dispatched ON "case" (dispatched_at)',
    'CREATE INDEX IF NOT EXISTS case_due ON "case" (due_at)',
    'CREATE INDEX IF NOT EXISTS case_phone ON "case" (petitioner_phone, received_at)',
    'CREATE INDEX IF NOT EXISTS case_grade ON "case" (grade)',
    "CREATE INDEX IF NOT EXISTS caseevent_case ON case_event (case_id, id)",
    "CREATE INDEX IF NOT EXISTS caseevent_at ON case_event (at)",
    "CREATE INDEX IF NOT EXISTS ladderstep_at ON ladder_step (at)",
    "CREATE INDEX IF NOT EXISTS notice_issued ON notice (issued_on)",
    "CREATE INDEX IF NOT EXISTS rating_dept_at ON rating (department_id, at)",
]


def _v1_create(database: SqliteDatabase) -> None:
    """Create every table of the first release."""
    database.create_tables(ALL_MODELS)
    for sql in LEDGER_INDEXES:
        database.execute_sql(sql)


def schema_version(database: SqliteDatabase) -> int:
    """Return the schema version kept in the database (its version table; SQLite files of before: user_version)."""
    return version_table.read(database)


def migrate(database: SqliteDatabase) -> int:
    """Bring the database up to SCHEMA_VERSION, one migration per transaction; return the version.

    On PostgreSQL the desks that open a database at once take turns (wzdesk/models/version_table.py), and each
    migration runs in its PostgreSQL form where it has one (wzdesk/models/postgres_schema.py).
    """
    with version_table.migrating(database):
        current = schema_version(database)
        if current > SCHEMA_VERSION:
            raise UserError(
                f"数据库版本（{current}）比本程序支持的版本（{SCHEMA_VERSION}）新：请升级问政督办台后再打开。"
            )
        forms = version_table.forms(database)
        for version in range(current + 1, SCHEMA_VERSION + 1):
            with database.atomic():
                step = MIGRATIONS[version - 1]
                forms.get(step, step)(database)
                version_table.write(database, version)
        version_table.move_over(database)
    return SCHEMA_VERSION


# Chinese has no spaces between words, so the ledger's word search indexes every three characters
# (FTS5 trigram). The table borrows its text from "case" (external content) and triggers keep it in
# step with every insert, including the demo's executemany bulk loads, and every edit.
FTS_STATEMENTS = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS case_fts USING fts5(title, content, petitioner_name,"
    " content='case', content_rowid='id', tokenize='trigram')",
    'CREATE TRIGGER IF NOT EXISTS case_fts_insert AFTER INSERT ON "case" BEGIN'
    " INSERT INTO case_fts (rowid, title, content, petitioner_name)"
    " VALUES (new.id, new.title, new.content, new.petitioner_name); END",
    'CREATE TRIGGER IF NOT EXISTS case_fts_delete AFTER DELETE ON "case" BEGIN'
    " INSERT INTO case_fts (case_fts, rowid, title, content, petitioner_name)"
    " VALUES ('delete', old.id, old.title, old.content, old.petitioner_name); END",
    'CREATE TRIGGER IF NOT EXISTS case_fts_update AFTER UPDATE OF title, content, petitioner_name ON "case" BEGIN'
    " INSERT INTO case_fts (case_fts, rowid, title, content, petitioner_name)"
    " VALUES ('delete', old.id, old.title, old.content, old.petitioner_name);"
    " INSERT INTO case_fts (rowid, title, content, petitioner_name)"
    " VALUES (new.id, new.title, new.content, new.petitioner_name); END",
    "INSERT INTO case_fts (case_fts) VALUES ('rebuild')",
]


def _v2_case_search(database: SqliteDatabase) -> None:
    """Add the trigram full-text index over case title, content and petitioner name."""
    for sql in FTS_STATEMENTS:
        database.execute_sql(sql)


# The ledger window's default order is receipt time. These covering indexes let a filtered page be
# found by walking that order and stopping after a page (see wzdesk/ledger/plan.py): open cases with
# every column the open-case filters test, and every case with its text for two-character searches,
# which the trigram index cannot answer. (A per-department twin was tried and dropped: SQLite then
# preferred it to case_open_board for the board's own queries.)
_OPEN_COLUMNS = ("status, grade, category_id, due_at, warn_at, flag_complaint, flag_false_closure,"
                 " flag_duty_breach, supervised_at")
LEDGER_WALK_INDEXES = [
    f'CREATE INDEX IF NOT EXISTS case_open_received ON "case" (received_at, lead_department_id, {_OPEN_COLUMNS})'
    " WHERE status != 'closed'",
    'CREATE INDEX IF NOT EXISTS case_received_text ON "case" (received_at, title, petitioner_name, content)',
]


def _v3_ledger_walk_indexes(database: SqliteDatabase) -> None:
    """Add the covering indexes the ledger walks in receipt order."""
    for sql in LEDGER_WALK_INDEXES:
        database.execute_sql(sql)


def _v4_citizen_side(database: SqliteDatabase) -> None:
    """Let monthly rating rules recognise their own proposals, and find the outbox and open complaints fast."""
    # A new file gets the column from _v1_create (it creates the tables from today's models).
    if "rule_key" not in {c.name for c in database.get_columns("accountability")}:
        database.execute_sql("ALTER TABLE accountability ADD COLUMN rule_key VARCHAR(255) NOT NULL DEFAULT ''")
    database.execute_sql("CREATE INDEX IF NOT EXISTS accountability_rule_key ON accountability (rule_key)")
    database.execute_sql("CREATE INDEX IF NOT EXISTS progressmessage_status ON progress_message (status, id)")
    database.execute_sql("CREATE INDEX IF NOT EXISTS complaint_open ON complaint (cleared_at, at)")


def add_duty_step_closure(database: SqliteDatabase) -> None:
    """Let a return or reassignment close the old department's open duty steps (退回 / 改派), never a breach."""
    columns = {c.name for c in database.get_columns("case_duty_step")}
    if "closed_as" not in columns:
        database.execute_sql("ALTER TABLE case_duty_step ADD COLUMN closed_as VARCHAR(255) NOT NULL DEFAULT ''")
    if "closed_at" not in columns:
        database.execute_sql("ALTER TABLE case_duty_step ADD COLUMN closed_at DATETIME")


def add_coordination_and_follow_ups(database: SqliteDatabase) -> None:
    """Record coordination meetings and their decisions, and the follow-up entries of major cases."""
    database.create_tables([models.CoordinationMeeting, models.MeetingDecision, models.FollowUp])
    for table in ("meeting_decision", "follow_up"):
        database.execute_sql(f"CREATE INDEX IF NOT EXISTS {table}_open ON {table} (due_at) WHERE done_at IS NULL")
        database.execute_sql(f"CREATE INDEX IF NOT EXISTS {table}_breached ON {table} (breached_at, department_id)"
                             " WHERE breached_at IS NOT NULL")


def add_merge_link(database: SqliteDatabase) -> None:
    """Let a repeat complaint be merged into its main case (merged_into, merged_at), and find a case's repeats fast."""
    columns = {c.name for c in database.get_columns("case")}
    if "merged_into_id" not in columns:
        database.execute_sql('ALTER TABLE "case" ADD COLUMN merged_into_id INTEGER REFERENCES "case" (id)')
    if "merged_at" not in columns:
        database.execute_sql('ALTER TABLE "case" ADD COLUMN merged_at DATETIME')
    database.execute_sql('CREATE INDEX IF NOT EXISTS case_merged_into ON "case" (merged_into_id)'
                         " WHERE merged_into_id IS NOT NULL")
    # Similar cases are looked for by community and receipt time (DESIGN.md "Repeat complaints").
    database.execute_sql('CREATE INDEX IF NOT EXISTS case_community_received ON "case" (community, received_at)')


def add_case_version(database: SqliteDatabase) -> None:
    """Give every case a version, bumped by each change, so a change made on a stale view is refused."""
    # A new file gets the column from _v1_create (it creates the tables from today's models).
    if "version" not in {c.name for c in database.get_columns("case")}:
        database.execute_sql('ALTER TABLE "case" ADD COLUMN version INTEGER NOT NULL DEFAULT 0')


def add_withdrawal(database: SqliteDatabase) -> None:
    """Mark a case closed as withdrawn on the platform (withdrawn_at), and find the few such cases fast."""
    if "withdrawn_at" not in {c.name for c in database.get_columns("case")}:
        database.execute_sql('ALTER TABLE "case" ADD COLUMN withdrawn_at DATETIME')
    database.execute_sql('CREATE INDEX IF NOT EXISTS case_withdrawn ON "case" (lead_department_id)'
                         " WHERE withdrawn_at IS NOT NULL")
    # Cases imported as 已撤销 before: their ledger says so (the import's note), and they closed when withdrawn.
    database.execute_sql(
        'UPDATE "case" SET withdrawn_at = closed_at WHERE withdrawn_at IS NULL AND status = \'closed\''
        " AND id IN (SELECT case_id FROM case_event WHERE action = 'import_update'"
        " AND note = '平台导入：状态为“已撤销”')")


def add_decision_day(database: SqliteDatabase) -> None:
    """Keep the day a coordination meeting set for each decision, so a calendar change can re-reckon it."""
    if "due_on" not in {c.name for c in database.get_columns("meeting_decision")}:
        database.execute_sql("ALTER TABLE meeting_decision ADD COLUMN due_on DATE")
    rows = database.execute_sql("SELECT id, due_at FROM meeting_decision WHERE due_on IS NULL").fetchall()
    for decision_id, due_at in rows:  # stored as text: the day is its first 10 characters
        database.execute_sql("UPDATE meeting_decision SET due_on = ? WHERE id = ?", (str(due_at)[:10], decision_id))


def notify_changes(database: SqliteDatabase) -> None:
    """Let other desks' windows hear of each change at once (PostgreSQL: a NOTIFY with every write).

    SQLite has no such message: its windows read `PRAGMA data_version` (wzdesk/models/changes.py); the
    PostgreSQL form is wzdesk/models/postgres_schema.py's."""


# Every schema change in the order it shipped, one transaction each (migrate): append a new one at the
# end, never edit or reorder one that has shipped.
MIGRATIONS: list[Callable[[SqliteDatabase], None]] = [
    _v1_create,
    _v2_case_search,
    _v3_ledger_walk_indexes,
    _v4_citizen_side,
    guard_ledger,
    add_metrics_indexes,
    add_department_first_indexes,
    add_detail_indexes,
    add_bigram_search,
    add_board_summary,
    drop_redundant_indexes,
    unique_number_texts,
    add_duty_step_closure,
    add_return_visit_answers,
    add_coordination_and_follow_ups,
    add_merge_link,
    move_photos_in,
    add_case_version,
    add_sort_indexes,
    shrink_event_indexes,
    add_withdrawal,
    add_decision_day,
    counters_per_statement,
    add_board_reads,
    notify_changes,
    add_colour_share_indexes,
]
SCHEMA_VERSION = len(MIGRATIONS)
