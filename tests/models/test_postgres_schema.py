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
