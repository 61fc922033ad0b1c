"""The schema on a PostgreSQL server: its version table, its own forms of SQLite's parts, and the refusals."""

import psycopg
import pytest

from tests.conftest import T0
from wzdesk.errors import UserError
from wzdesk.models import db
from wzdesk.models.schema import SCHEMA_VERSION
from wzdesk.office.database import close_database, open_database


@pytest.fixture
def server_db(pg_database):
    open_database(pg_database, now=T0)
    yield pg_database
    close_database()


def test_the_version_is_kept_in_the_version_table(server_db):
    assert db.execute_sql("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]


def test_a_database_from_a_newer_release_is_refused(server_db):
    db.execute_sql("UPDATE schema_version SET version = %s", (SCHEMA_VERSION + 1,))
    close_database()
    with pytest.raises(UserError, match="请升级"):
        open_database(server_db)


def test_partial_indexes_the_search_index_and_the_guards_are_there(server_db):
    indexes = dict(db.execute_sql("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'case'").fetchall())
    assert "WHERE ((status)::text <> 'closed'::text)" in indexes["case_open_board"]
    assert "gin" in indexes["case_text_trgm"] and "gin_trgm_ops" in indexes["case_text_trgm"]
    triggers = {name for (name,) in db.execute_sql(
        "SELECT tgname FROM pg_trigger WHERE tgrelid = 'case_event'::regclass AND NOT tgisinternal")}
    assert {"case_event_head", "case_event_no_update", "case_event_no_delete", "case_event_no_truncate"} <= triggers


@pytest.mark.parametrize("statement", ["UPDATE case_event SET note = 'x'", "DELETE FROM case_event",
                                       "TRUNCATE case_event"])
def test_the_ledger_refuses_changes_in_the_database_itself(server_db, statement):
    from wzdesk.cases import lifecycle
    from wzdesk.office.defaults import system_operator

    lifecycle.intake({"title": "路灯不亮"}, T0, system_operator())
    close_database()
    with psycopg.connect(server_db) as con, pytest.raises(psycopg.IntegrityError, match="只能追加"):
        con.execute(statement)


def test_a_reading_command_creates_nothing_on_an_empty_database(pg_server):
    url = pg_server.fresh()
    try:
        with pytest.raises(UserError, match="还没有问政督办台的数据"):
            open_database(url, create=False)
        with psycopg.connect(url) as con:
            assert con.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone() == (0,)
    finally:
        pg_server.drop(url)


def test_a_database_that_would_sort_otherwise_is_refused_with_how_to_create_one(pg_server):
    url = pg_server.url("wz_ascii")
    pg_server.admin("CREATE DATABASE wz_ascii ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0")
    try:
        with pytest.raises(UserError, match="LC_COLLATE 'C'"):
            open_database(url)
    finally:
        close_database()
        pg_server.drop(url)


def test_a_server_that_does_not_answer_is_refused_in_chinese(tmp_path):
    with pytest.raises(UserError, match="连接不上数据库服务器"):
        open_database(f"postgresql://wzdesk@/nowhere?host={tmp_path}")


def _closed_per_department() -> dict:
    return dict(db.execute_sql("SELECT COALESCE(lead_department_id, 0), count(*) FROM \"case\""
                               " WHERE status = 'closed' GROUP BY 1").fetchall())


def _kept_closed() -> dict:
    return dict(db.execute_sql("SELECT department_id, n FROM closed_count WHERE n <> 0").fetchall())


def test_the_closed_counts_follow_statements_that_change_many_cases_at_once(server_db):
    """The kept counts move once per statement: a many-row update, a move of department and a delete."""
    from wzdesk.models import Case, Department

    first, second = (Department.create(name=name).id for name in ("城管局", "住建局"))
    from wzdesk.cases import lifecycle
    from wzdesk.office.defaults import system_operator

    for n in range(30):
        lifecycle.intake({"title": f"路灯不亮{n}"}, T0, system_operator(), code=f"C{n + 1}")
    db.execute_sql("UPDATE \"case\" SET lead_department_id = %s", (first,))
    db.execute_sql("UPDATE \"case\" SET status = 'closed' WHERE code <= 'C2'")  # C1, C10…C19, C2: 12 cases
    db.execute_sql("UPDATE \"case\" SET lead_department_id = %s WHERE code IN ('C1', 'C3')", (second,))
    assert _closed_per_department() == {first: 11, second: 1}
    assert _kept_closed() == _closed_per_department()
    # copies without events, closed, added and taken away by one statement each
    copied = [f.column_name for f in Case._meta.sorted_fields if f.column_name not in {"id", "code", "flagged"}]
    names = ", ".join(f'"{c}"' for c in copied)
    db.execute_sql(f'INSERT INTO "case" (code, {names}) SELECT code || \'-copy\', {names} FROM "case"'
                   " WHERE status = 'closed'")
    assert _kept_closed() == {first: 22, second: 2}
    db.execute_sql("DELETE FROM \"case\" WHERE code IN ('C1-copy', 'C11-copy')")
    assert _closed_per_department() == {first: 21, second: 1}
    assert _kept_closed() == _closed_per_department()


def test_the_ledger_head_follows_statements_of_many_events(server_db):
    """The demo copies its events in by the thousand: the kept head is the last of them and counts every one."""
    from datetime import datetime

    from wzdesk.demo.fill import DemoProgress, fill
    from wzdesk.office.defaults import system_operator

    fill(300, 7, datetime(2026, 11, 20, 10, 0), system_operator(), DemoProgress())
    last_id, last_hash, events = db.execute_sql("SELECT last_id, last_hash, events FROM ledger_head").fetchone()
    assert (last_id, events) == db.execute_sql("SELECT max(id), count(*) FROM case_event").fetchone()
    assert events > 600
    assert last_hash == db.execute_sql("SELECT hash FROM case_event ORDER BY id DESC LIMIT 1").fetchone()[0]


def test_the_board_reads_indexes_of_exactly_the_cases_it_counts(server_db):
    """The board's two partial indexes hold the statuses the board counts (else its queries would not use them)."""
    from wzdesk.board.office import DEPARTMENT_HELD, OFFICE_HELD

    indexes = dict(db.execute_sql("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'case'").fetchall())
    for name, statuses in (("case_held_colour", DEPARTMENT_HELD), ("case_office_since", OFFICE_HELD)):
        listed = indexes[name].split("ARRAY[", 1)[1].split("]", 1)[0]
        assert [s.split("'")[1] for s in listed.split(", ")] == list(statuses)
