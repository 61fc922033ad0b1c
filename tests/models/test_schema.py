"""The database file: pragmas, schema version, migrations and the ledger's indexes."""

import sqlite3

import pytest

from wzdesk.errors import UserError
from wzdesk.models import Category, DutyStep, Operator, db
from wzdesk.models.schema import SCHEMA_VERSION, schema_version
from wzdesk.office.database import close_database, open_database


@pytest.mark.sqlite_only  # about the SQLite file itself
def test_wal_foreign_keys_and_version(database):
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert schema_version(db) == SCHEMA_VERSION


def test_reopening_migrates_nothing_twice_and_keeps_data(database):
    Category.create(name="测试类别")
    close_database()
    open_database(database)
    assert Category.select().where(Category.name == "测试类别").count() == 1
    assert Operator.select().where(Operator.username == "system").count() == 1


def test_default_duty_menus_are_there(database):
    steps = {s.name for s in DutyStep.select().join_from(DutyStep, DutyStep.menu.rel_model)}
    assert {"联系反映人", "上门测量分贝", "出具书面处理决定", "寄出转移函件", "清运完毕并拍照反馈"} <= steps


@pytest.mark.sqlite_only  # about the SQLite file itself
def test_a_database_from_a_newer_release_is_refused(database):
    db.execute_sql("DROP TABLE schema_version")  # a file of a release that kept its version in user_version only
    db.execute_sql(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    close_database()
    with pytest.raises(UserError, match="请升级"):
        open_database(database)


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    bad = tmp_path / "不是数据库.sqlite"
    bad.write_text("这不是数据库" * 100, encoding="utf-8")
    with pytest.raises(UserError, match="不是问政督办台的数据库"):
        open_database(bad)


@pytest.mark.sqlite_only  # SQLite's query plan (PostgreSQL plans by its statistics: see bench/)
def test_board_query_uses_the_partial_index(database):
    """The board counts open cases down a partial index of the cases departments hold, with no sorting
    (issue 24: case_held_colour, ten times faster at a million cases than case_open_colour and the table)."""
    from wzdesk.board.counts import OPEN_COUNTS

    plan = " ".join(row[-1] for row in db.execute_sql("EXPLAIN QUERY PLAN " + OPEN_COUNTS, ("x",) * 4))
    assert "case_held_colour" in plan and "TEMP B-TREE" not in plan
    plain = " ".join(row[-1] for row in db.execute_sql(
        "EXPLAIN QUERY PLAN SELECT lead_department_id, count(*) FROM \"case\" "
        "WHERE status != 'closed' AND due_at < '2026-10-10' GROUP BY lead_department_id"))
    assert "case_open_" in plain


@pytest.mark.sqlite_only  # about the SQLite file itself
def test_partial_indexes_exist(database):
    con = sqlite3.connect(database)
    sql = {name: text for name, text in con.execute("SELECT name, sql FROM sqlite_master WHERE type='index'")}
    assert "WHERE status != 'closed'" in sql["case_open_board"]
    assert "WHERE status = 'closed'" in sql["case_dept_closed"]
    con.close()


@pytest.mark.sqlite_only  # about the SQLite file itself
def test_an_older_database_gains_the_coordination_and_follow_up_tables(database):
    from wzdesk.models.schema import MIGRATIONS, add_coordination_and_follow_ups

    for table in ("meeting_decision", "coordination_meeting", "follow_up"):
        db.execute_sql(f'DROP TABLE "{table}"')
    db.execute_sql("DROP TABLE schema_version")  # a file of a release that kept its version in user_version only
    db.execute_sql(f"PRAGMA user_version = {MIGRATIONS.index(add_coordination_and_follow_ups)}")
    close_database()
    open_database(database)
    assert {"coordination_meeting", "meeting_decision", "follow_up"} <= set(db.get_tables())
    indexes = {row[0] for row in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"follow_up_open", "follow_up_breached", "meeting_decision_open", "meeting_decision_breached"} <= indexes
    assert schema_version(db) == SCHEMA_VERSION
