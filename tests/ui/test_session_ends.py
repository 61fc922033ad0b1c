"""A clerk stopped (or given another role) while the window is open can take no further step: the core
refuses at the moment of the write, read fresh from the file, and the window asks for a new sign-in."""

import sqlite3
from datetime import datetime

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel, QLineEdit

from tests.ui.conftest import make_window
from wzdesk.cases import lifecycle
from wzdesk.errors import SessionEnded
from wzdesk.models import Case, CaseEvent, Operator
from wzdesk.office import auth
from wzdesk.ui.mainwindow import MainWindow

NOW = datetime(2026, 11, 20, 10, 0)


@pytest.fixture
def signed_in(qtbot, database, departments, store: QSettings, admin):
    """A window where the clerk 李娜 signed in with her password, a received case in the pane."""
    auth.create_operator("lina", "李娜", "clerk", "lina-2026", NOW, by=admin)
    clerk = auth.sign_in("lina", "lina-2026", NOW)
    case = lifecycle.intake({"title": "红旗路路灯不亮"}, datetime(2026, 11, 19, 9, 0), clerk)
    window = make_window(qtbot, database, store)
    window.operator = clerk
    window.case_pane.show_case(case.id)
    return window, case


def _behind_the_back(database, sql: str) -> None:
    with sqlite3.connect(database) as con:
        con.execute(sql)


def _dispatch(window: MainWindow):
    dialog = window.case_pane.open_action("dispatch")
    dialog.lead.setCurrentIndex(1)
    dialog.accept()
    return dialog


def test_a_clerk_stopped_while_her_window_is_open_is_refused_and_asked_to_sign_in(qtbot, signed_in, database):
    window, case = signed_in
    events = CaseEvent.select().count()
    _behind_the_back(database, "UPDATE operator SET active = 0 WHERE username = 'lina'")
    dialog = _dispatch(window)
    assert not dialog.isVisible()  # the form closed: nothing more may be done under this account
    assert Case.get_by_id(case.id).status == "received" and CaseEvent.select().count() == events
    login = window.session_ending
    assert login is not None and login.isVisible() and login.objectName() == "session_ended"
    assert any("李娜" in label.text() and "已被停用" in label.text() for label in login.findChildren(QLabel))
    assert not window.centralWidget().isEnabled() and not window.dock.isEnabled()

    auth.create_operator("wang", "王强", "clerk", "wang-2026", NOW, by=Operator.get(Operator.username == "chief"))
    login.findChild(QLineEdit, "username").setText("wang")
    login.findChild(QLineEdit, "password").setText("wang-2026")
    login.accept()
    assert window.operator.username == "wang" and window.session_ending is None
    assert window.centralWidget().isEnabled() and window.dock.isEnabled()
    _dispatch(window)
    assert Case.get_by_id(case.id).status == "dispatched"
    assert CaseEvent.select().order_by(CaseEvent.id.desc()).first().operator.username == "wang"


def test_cancelling_the_new_sign_in_closes_the_window(qtbot, signed_in, database):
    window, _case = signed_in
    _behind_the_back(database, "UPDATE operator SET active = 0 WHERE username = 'lina'")
    _dispatch(window)
    window.session_ending.reject()
    assert not window.isVisible()


def test_a_role_changed_since_signing_in_ends_the_session_too(signed_in, database):
    window, case = signed_in
    _behind_the_back(database, "UPDATE operator SET role = 'system' WHERE username = 'lina'")
    with pytest.raises(SessionEnded, match="角色已由办事员改为"):
        lifecycle.dispatch(Case.get_by_id(case.id), _first_department(), NOW, window.operator)
    assert Case.get_by_id(case.id).status == "received"


def _first_department():
    from wzdesk.models import Department

    return Department.select().first()


def test_every_service_write_checks_the_account_at_that_moment(signed_in, database):
    """Not only the lifecycle: a complaint, a progress message, anything that writes the ledger."""
    from wzdesk.citizen import complaints

    window, case = signed_in
    _behind_the_back(database, "UPDATE operator SET active = 0 WHERE username = 'lina'")
    with pytest.raises(SessionEnded, match="已被停用"):
        complaints.record_complaint(Case.get_by_id(case.id), "处理太慢", NOW, window.operator)
    assert not Case.get_by_id(case.id).flag_complaint
