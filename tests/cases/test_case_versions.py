"""No lost update (issue 24): a change made on a stale view of a case is refused, on real second connections."""

import os
import sqlite3
import subprocess
import sys
import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from wzdesk.cases import lifecycle
from wzdesk.citizen import complaints
from wzdesk.errors import UserError
from wzdesk.models import Case, CaseEvent, Operator
from wzdesk.models.case_versions import StaleCase
from wzdesk.office import auth
from wzdesk.office.database import thread_connection

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "desk-b-2026"
# Today's wall-clock date, so the refusal names the change by its time of day alone ("在 10:42").
TODAY = datetime.combine(datetime.now().date(), datetime.min.time())


def at(hour: int, minute: int = 0) -> datetime:
    return TODAY + timedelta(hours=hour, minutes=minute)


@pytest.fixture
def li_qiang(admin):
    """The clerk at desk B."""
    return auth.create_operator("liqiang", "李强", "clerk", PASSWORD, at(7), by=admin)


@pytest.fixture
def dispatched(operator, departments):
    case = lifecycle.intake({"title": "龙须塘社区路灯不亮", "content": "晚上一片漆黑"}, at(8), operator)
    return lifecycle.dispatch(case, departments[0], at(8, 30), operator)


def desk_b(database: Path, *args: str) -> subprocess.CompletedProcess:
    """Run one step at desk B: another process, its own connection to the same file."""
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", str(database), "--operator", "liqiang", *args],
        capture_output=True, text=True, encoding="utf-8", timeout=120,
        env={**os.environ, "WZDESK_PASSWORD": PASSWORD},
    )


def raw_row(database: Path | str, code: str) -> tuple:
    """Read the case as a third connection sees it (plain sqlite3 or psycopg, nothing of wzdesk)."""
    sql = 'SELECT status, replied_at, version FROM "case" WHERE code = ?'
    if str(database).startswith("postgresql://"):
        import psycopg

        with psycopg.connect(str(database)) as con:
            return con.execute(sql.replace("?", "%s"), (code,)).fetchone()
    with sqlite3.connect(database) as con:
        return con.execute(sql, (code,)).fetchone()


def test_desk_a_accepting_on_a_stale_view_is_refused_after_desk_b_replied(database, operator, li_qiang,
                                                                           dispatched):
    """The issue's scenario: B accepts, progresses and replies; A, still showing 已派单, accepts — refused."""
    view = Case.get_by_id(dispatched.id)  # desk A's case pane
    seen = view.version
    for step in (["accept", "--at", f"{at(10, 30):%Y-%m-%d %H:%M}"],
                 ["progress", "--note", "已到现场查看", "--at", f"{at(10, 35):%Y-%m-%d %H:%M}"],
                 ["reply", "--note", "已更换灯具", "--at", f"{at(10, 42):%Y-%m-%d %H:%M}"]):
        done = desk_b(database, "act", dispatched.code, *step)
        assert done.returncode == 0, done.stderr
    before = raw_row(database, dispatched.code)
    assert before == ("replied", f"{at(10, 42):%Y-%m-%d %H:%M:%S}", seen + 3)
    events = CaseEvent.select().where(CaseEvent.case == dispatched.id).count()

    with pytest.raises(StaleCase) as refused:
        lifecycle.accept(view, at(10, 50), operator, expected_version=seen)

    assert str(refused.value) == "该工单已被李强在 10:42 修改为已答复，请刷新后再办理"
    assert raw_row(database, dispatched.code) == before  # replied_at kept, version untouched
    actions = [e.action for e in CaseEvent.select().where(CaseEvent.case == dispatched.id).order_by(CaseEvent.id)]
    assert len(actions) == events
    assert actions[-3:] == ["accept", "progress", "reply"]  # no 签收 after the 答复


def test_a_stale_view_is_refused_even_when_the_write_would_find_the_case_acceptable(database, operator, li_qiang,
                                                                                   dispatched):
    """A stale view whose old status allowed the step: the conditional UPDATE itself refuses it."""
    view = Case.get_by_id(dispatched.id)
    other = Case.get_by_id(dispatched.id)
    complaints.record_complaint(other, "电话打不通", at(9, 15), li_qiang)  # same status, new version
    with pytest.raises(StaleCase) as refused:
        lifecycle.accept(view, at(9, 30), operator)  # no expected version: the version it read
    assert str(refused.value) == "该工单已被李强在 09:15 修改（我有话说，现为已派单），请刷新后再办理"
    fresh = Case.get_by_id(dispatched.id)
    assert (fresh.status, fresh.responded_at, fresh.flag_complaint) == ("dispatched", None, True)


def test_a_fresh_case_read_with_the_clerks_older_version_is_refused_before_its_status_is_judged(
        database, operator, li_qiang, dispatched):
    """The window may read the case again on a click: the version the clerk saw still decides."""
    seen = dispatched.version
    lifecycle.accept(Case.get_by_id(dispatched.id), at(9), li_qiang)
    with pytest.raises(StaleCase, match="该工单已被李强在 09:00 修改为已签收"):
        lifecycle.accept(Case.get_by_id(dispatched.id), at(9, 5), operator, expected_version=seen)


def test_two_desks_that_read_the_same_version_cannot_both_win(database, operator, li_qiang, dispatched):
    """Two threads, each on its own connection, read the case and accept it at once: exactly one wins."""
    ready, outcomes = threading.Barrier(2), {}

    def desk(name: str, who: Operator, minute: int) -> None:
        with thread_connection():
            case = Case.get_by_id(dispatched.id)
            ready.wait(timeout=30)
            try:
                lifecycle.accept(case, at(9, minute), who, note=name)
                outcomes[name] = "won"
            except UserError as exc:
                outcomes[name] = str(exc)

    threads = [threading.Thread(target=desk, args=("A", operator, 1)),
               threading.Thread(target=desk, args=("B", li_qiang, 2))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["A", "B"]
    winners = [name for name, outcome in outcomes.items() if outcome == "won"]
    assert len(winners) == 1
    loser = "B" if winners == ["A"] else "A"
    assert outcomes[loser].endswith("修改为已签收，请刷新后再办理")
    accepts = list(CaseEvent.select().where(CaseEvent.case == dispatched.id, CaseEvent.action == "accept"))
    assert [e.note for e in accepts] == winners
    assert Case.get_by_id(dispatched.id).version == dispatched.version + 1


def test_each_step_bumps_the_version_by_one(database, operator, departments):
    """intake 0, then every step of the walk one more (a dispatch writes the row twice: clock, then event)."""
    case = lifecycle.intake({"title": "噪音扰民"}, at(8), operator)
    versions = [Case.get_by_id(case.id).version]
    for step in (lambda c: lifecycle.dispatch(c, departments[0], at(9), operator),
                 lambda c: lifecycle.accept(c, at(10), operator),
                 lambda c: lifecycle.progress(c, "已联系", at(11), operator),
                 lambda c: lifecycle.reply(c, "已处理", at(12), operator),
                 lambda c: lifecycle.verify(c, True, "现场安静", at(13), operator),
                 lambda c: lifecycle.close(c, at(14), operator)):
        step(Case.get_by_id(case.id))
        versions.append(Case.get_by_id(case.id).version)
    assert versions == [1, 3, 4, 5, 6, 7, 8]  # the intake's own event write is its first change


def test_the_version_column_is_added_to_an_older_database_with_zero(tmp_path):
    """The migration gives every case of an existing file version 0."""
    from wzdesk.models.base import db, sqlite_db
    from wzdesk.models.schema import MIGRATIONS, add_case_version

    db.initialize(sqlite_db)  # an earlier test of this worker may have left the proxy on a server

    assert add_case_version in MIGRATIONS
    path = tmp_path / "旧 台账.sqlite"
    with sqlite3.connect(path) as con:
        con.execute('CREATE TABLE "case" (id INTEGER PRIMARY KEY, code TEXT)')
        con.execute("INSERT INTO \"case\" (code) VALUES ('WZ-2026-000001')")
    db.init(str(path))
    db.connect()
    try:
        add_case_version(db)
        add_case_version(db)  # a second run finds the column and does nothing
        assert db.execute_sql('SELECT version FROM "case"').fetchall() == [(0,)]
    finally:
        db.close()


def _noise_case(operator, departments) -> Case:
    from wzdesk.models import Category

    case = lifecycle.intake({"title": "工地夜间施工", "category": Category.get(Category.name == "噪音扰民")},
                            at(8), operator)
    return lifecycle.dispatch(case, departments[1], at(8, 30), operator)


def test_a_duty_step_done_on_a_stale_view_is_refused_and_a_fresh_one_bumps_the_version(operator, li_qiang,
                                                                                      departments):
    """The steps are part of what the clerk saw: B reassigned the case, A's 登记步骤完成 is refused."""
    from wzdesk.cases import duties

    case = _noise_case(operator, departments)
    seen = Case.get_by_id(case.id).version
    step = duties.outstanding_steps(case)[0]
    lifecycle.reassign(Case.get_by_id(case.id), departments[2], "改由街道办理", at(9), li_qiang)
    with pytest.raises(StaleCase, match="该工单已被李强在 09:00 修改（改派，现为已派单），请刷新后再办理"):
        duties.complete(step, at(9, 10), operator, expected_version=seen)
    assert duties.case_step_by_id(step.id).done_at is None
    fresh = Case.get_by_id(case.id)
    new_step = duties.outstanding_steps(fresh)[0]
    duties.complete(new_step, at(9, 20), operator, expected_version=fresh.version)
    assert Case.get_by_id(case.id).version == fresh.version + 1


def test_a_system_job_bumps_the_version_so_a_view_read_before_it_is_stale(operator, li_qiang, departments):
    """A breach recorded by the daily run changes the case (red): a step on the older view is refused."""
    from wzdesk.cases import duties

    case = _noise_case(operator, departments)
    view = Case.get_by_id(case.id)
    assert [s.step.name for s in duties.record_breaches(at(9, 31), operator)] == ["联系反映人"]
    fresh = Case.get_by_id(case.id)
    assert (fresh.flag_duty_breach, fresh.version) == (True, view.version + 1)
    with pytest.raises(StaleCase):
        lifecycle.accept(view, at(9, 40), li_qiang, expected_version=view.version)
    assert Case.get_by_id(case.id).flag_duty_breach  # the stale view's False was not written back


def test_clearing_a_complaint_on_a_stale_view_is_refused(operator, li_qiang, dispatched):
    view = Case.get_by_id(dispatched.id)
    complaint = complaints.record_complaint(view, "没人联系我", at(9), operator)
    seen = view.version  # the pane after the complaint was recorded
    lifecycle.accept(Case.get_by_id(dispatched.id), at(9, 30), li_qiang)
    with pytest.raises(StaleCase, match="该工单已被李强在 09:30 修改为已签收"):
        complaints.clear_complaint(complaint, "已回电说明", at(9, 40), operator, expected_version=seen)
    assert complaints.open_complaints(Case.get_by_id(dispatched.id)) != []
