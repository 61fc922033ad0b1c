"""Several desks on one database (issue 24): a stale step is refused and the fresh state shown; another
desk's change appears within a few seconds, the clerk's selection and scroll position kept."""

import sqlite3
import threading
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QDate

from tests.ui.conftest import NOW, make_window, refusal
from wzdesk.cases import lifecycle
from wzdesk.models import Case, CaseEvent
from wzdesk.office import auth
from wzdesk.office.database import thread_connection
from wzdesk.ui.mainwindow import LIVE_INTERVAL_MS
from wzdesk.ui.models.ledger import CASE_ID_ROLE, COLUMNS
from wzdesk.vocabulary import GRADE_LABELS

GRADE_COLUMN = [key for key, _title in COLUMNS].index("grade")


def at_desk_b(work) -> None:
    """Run `work` at another desk: a thread of its own with its own connection to the same file."""
    failures = []

    def run():
        with thread_connection():
            try:
                work()
            except Exception as exc:  # handed back to the test, which fails on it
                failures.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=60)
    assert not thread.is_alive() and failures == []


@pytest.fixture
def li_qiang(admin):
    return auth.create_operator("deskb", "李强", "clerk", "desk-b-2026", NOW, by=admin)


@pytest.fixture
def pane(qtbot, database, departments, store, operator):
    window = make_window(qtbot, database, store)
    window.live_timer.stop()  # this test drives the refresh itself
    case = lifecycle.intake({"title": "红旗路路灯不亮"}, datetime(2026, 11, 19, 9, 0), operator)
    lifecycle.dispatch(case, departments[0], datetime(2026, 11, 19, 10, 0), operator)
    window.case_pane.show_case(case.id)
    return window.case_pane


def test_accepting_from_a_stale_pane_is_refused_and_the_pane_shows_the_fresh_state(pane, li_qiang):
    """Desk B accepts, progresses and replies while desk A's accept dialog is open: A's OK is refused."""
    dialog = pane.open_action("accept")
    dialog.expected.setDate(QDate(2026, 11, 25))
    case_id = pane.case.id

    def steps():
        case = Case.get_by_id(case_id)
        lifecycle.accept(case, NOW - timedelta(minutes=30), li_qiang)
        lifecycle.progress(case, "已到现场", NOW - timedelta(minutes=20), li_qiang)
        lifecycle.reply(case, "已更换灯具", NOW - timedelta(minutes=18), li_qiang)
    at_desk_b(steps)

    dialog.accept()
    # The refusal names the change by its time alone on the day it was made, else with its date.
    when = "09:42" if datetime.now().date() == NOW.date() else "2026-11-20 09:42"
    assert refusal(dialog) == f"该工单已被李强在 {when} 修改为已答复，请刷新后再办理"
    assert not dialog.isVisible()
    fresh = Case.get_by_id(case_id)
    assert (fresh.status, fresh.replied_at) == ("replied", NOW - timedelta(minutes=18))
    last = CaseEvent.select().where(CaseEvent.case == case_id).order_by(CaseEvent.id.desc()).first()
    assert last.action == "reply"  # no 签收 after the 答复
    assert pane.case.status == "replied" and "已答复" in pane.facts.text()
    assert "accept" not in pane.allowed_actions()  # the buttons are those of the fresh state


def test_a_change_at_another_desk_appears_within_seconds_and_the_selection_stays(qtbot, window, li_qiang):
    """A second connection writes a case below the first page; the timer shows it, selection and scroll kept."""
    ledger = window.ledger
    view, model = ledger.view, ledger.model
    while model.canFetchMore(view.rootIndex()) and model.rowCount() < 300:
        model.fetchMore(view.rootIndex())
    row = 260  # on the second page of the ledger, scrolled to
    case_id = model.index(row, 0).data(CASE_ID_ROLE)
    ledger.select_case(case_id)
    scroll = view.verticalScrollBar().value()
    assert scroll > 0 and window.case_pane.case.id == case_id
    other_row = row - 5
    other_id = model.index(other_row, 0).data(CASE_ID_ROLE)
    shown = model.index(other_row, GRADE_COLUMN).data()
    regraded = "major" if shown != "大" else "minor"
    with sqlite3.connect(window.db_path) as con:  # a desk that is not this window: its own connection
        con.execute('UPDATE "case" SET grade = ?, version = version + 1 WHERE id = ?', (regraded, other_id))

    qtbot.waitUntil(lambda: model.index(other_row, GRADE_COLUMN).data() == GRADE_LABELS[regraded],
                    timeout=LIVE_INTERVAL_MS * 3)
    assert ledger.current_case_id() == case_id
    assert view.verticalScrollBar().value() == scroll
    assert model.rowCount() >= 300  # the rows loaded stay loaded
    assert window.case_pane.case.id == case_id


def test_the_case_pane_follows_another_desk_s_step_on_the_shown_case(qtbot, window, li_qiang):
    """The case shown in the pane is replied at desk B: the pane shows 已答复 after the timer."""
    case = Case.select().where(Case.status.in_(["accepted", "in_progress"])).order_by(Case.id).first()
    window.open_case(case.id)
    assert not window.follow_other_desks()  # nothing changed elsewhere yet
    at_desk_b(lambda: lifecycle.reply(Case.get_by_id(case.id), "已处理完毕", NOW, li_qiang))
    qtbot.waitUntil(lambda: window.case_pane.case.status == "replied", timeout=LIVE_INTERVAL_MS * 3)
    assert window.case_pane.case.id == case.id
    assert "已答复" in window.case_pane.facts.text()
