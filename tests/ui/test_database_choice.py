"""Choosing the database in the window (issue 24): 本机数据库 / 办公室共享数据库 with 连接测试 at the first
start and in 设置; the widgets present the core's verdicts (tests/office/test_server_choice.py) on the real
test server, and a switch in 设置 reopens the window on the new database after a sign-in there."""

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.ui.conftest import NOW, refusal
from wzdesk.office import desk_choice, pgpass
from wzdesk.office.database import close_database
from wzdesk.office.server_address import ServerAddress
from wzdesk.ui.app import Desk, make_application
from wzdesk.ui.dialogs.database_choice import DatabaseChoiceDialog
from wzdesk.ui.mainwindow import MainWindow

VERDICT_WITHIN_MS = 15_000  # a limit for waiting on the server, not a measure


@pytest.fixture
def dialog(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "pgpass.conf"))
    make_application()
    shown = DatabaseChoiceDialog()
    qtbot.addWidget(shown)
    shown.show()
    return shown


def fill_server(choice, host: str, database: str, user: str = "wzdesk", password: str = "") -> None:
    choice.server.setChecked(True)
    for edit, text in ((choice.host, host), (choice.database, database), (choice.user, user),
                       (choice.password, password)):
        edit.setText(text)
        edit.textEdited.emit(text)


def test_the_first_start_offers_the_file_of_this_pc_by_default(dialog, tmp_path):
    choice = dialog.choice
    assert choice.local.isChecked() and choice.file.text().endswith("wzdesk.sqlite")
    assert not choice.server_box.isEnabled()
    choice.file.setText(str(tmp_path / "督办 台账.sqlite"))
    choice.confirm_choice()
    assert dialog.result() == DatabaseChoiceDialog.DialogCode.Accepted
    assert dialog.target == tmp_path / "督办 台账.sqlite"


def test_an_empty_server_database_is_tested_set_up_and_chosen(qtbot, dialog, pg_server):
    """连接测试 says the database is empty and offers 为它建立台账; after it the choice is the server's URL."""
    name = pg_server.name(pg_server.fresh())
    choice = dialog.choice
    fill_server(choice, pg_server.socket_folder(), name)
    assert choice.server_box.isEnabled() and not choice.local_box.isEnabled()
    with qtbot.waitSignal(choice.verdict_shown, timeout=VERDICT_WITHIN_MS):
        choice.test_button.click()
    assert "还是空的" in choice.answer.text() and choice.set_up_button.isVisibleTo(dialog)
    with qtbot.waitSignal(choice.verdict_shown, timeout=VERDICT_WITHIN_MS):
        choice.set_up_button.click()
    assert choice.answer.text() == "连接正常：台账中有 0 件工单，可以使用。"
    assert not choice.set_up_button.isVisibleTo(dialog)
    choice.confirm_choice()
    assert dialog.target == ServerAddress(pg_server.socket_folder(), name, "wzdesk").url()


def test_a_wrong_database_name_is_said_and_the_choice_refused(qtbot, dialog, pg_server):
    choice = dialog.choice
    fill_server(choice, pg_server.socket_folder(), "no_such_ledger")
    with qtbot.waitSignal(choice.refused, timeout=VERDICT_WITHIN_MS):
        choice.confirm_choice()  # 使用这个数据库 tests first
    assert "没有名为“no_such_ledger”的数据库" in choice.answer.text()
    assert "没有名为“no_such_ledger”的数据库" in refusal(dialog)
    assert dialog.target is None and dialog.isVisible()


def test_a_missing_part_is_said_before_any_connection(dialog):
    choice = dialog.choice
    fill_server(choice, "", "wzdesk")
    choice.test_connection()
    assert choice.answer.text() == "请填写服务器地址。"


def test_a_changed_address_needs_a_new_test(qtbot, dialog, pg_server, pg_template):
    choice = dialog.choice
    fill_server(choice, pg_server.socket_folder(), pg_server.name(pg_server.fresh(pg_template)))
    with qtbot.waitSignal(choice.verdict_shown, timeout=VERDICT_WITHIN_MS):
        choice.test_connection()
    assert choice.verdict.usable
    choice.database.setText("other")
    choice.database.textEdited.emit("other")
    assert choice.verdict is None and choice.answer.text() == ""


def test_a_pasted_url_fills_the_parts_and_its_password_goes_to_the_password_file(qtbot, dialog, pg_server,
                                                                                 pg_template, tmp_path):
    name = pg_server.name(pg_server.fresh(pg_template))
    choice = dialog.choice
    choice.server.setChecked(True)
    choice.pasted.setText(f"postgresql://wzdesk:desk-pw@/{name}?host={pg_server.socket_folder()}")
    choice.pasted.editingFinished.emit()
    assert (choice.host.text(), choice.database.text(), choice.user.text(), choice.password.text()) == (
        pg_server.socket_folder(), name, "wzdesk", "desk-pw")
    assert choice.pasted.text() == ""
    with qtbot.waitSignal(choice.confirmed, timeout=VERDICT_WITHIN_MS):
        choice.confirm_choice()
    assert dialog.target == ServerAddress(pg_server.socket_folder(), name, "wzdesk").url()  # no password in it
    assert pgpass.kept_password(ServerAddress(pg_server.socket_folder(), name, "wzdesk")) == "desk-pw"
    assert (tmp_path / "pgpass.conf").exists()


def test_a_password_not_to_be_kept_rides_in_the_url_of_this_opening_only(qtbot, dialog, pg_server, pg_template,
                                                                         tmp_path):
    name = pg_server.name(pg_server.fresh(pg_template))
    choice = dialog.choice
    fill_server(choice, pg_server.socket_folder(), name, password="only-now")
    choice.keep.setChecked(False)
    with qtbot.waitSignal(choice.confirmed, timeout=VERDICT_WITHIN_MS):
        choice.confirm_choice()
    assert ":only-now@" in dialog.target and not (tmp_path / "pgpass.conf").exists()
    store = {}

    class Store:
        value = staticmethod(lambda key, default=None: store.get(key, default))
        setValue = staticmethod(store.__setitem__)

    desk_choice.remember(Store, dialog.target)
    assert "only-now" not in repr(store)


def sign_in_as_new_admin() -> None:
    """Answer the first-administrator dialog the new database asks for."""
    dialog = QApplication.activeModalWidget()
    dialog.password.setText("new-desk-2026")
    dialog.again.setText("new-desk-2026")
    dialog.accept()


def test_switching_in_settings_reopens_the_window_on_the_new_database(qtbot, database, store, tmp_path):
    """设置 → 数据库: another file chosen and confirmed; the window reopens there after a sign-in, remembered."""
    make_application()
    window = MainWindow(database, clock=lambda: NOW, store=store)  # the desk deletes it when it switches
    window.show()
    page = window.database_settings
    assert window.settings_page.tabs.tabText(window.settings_page.tabs.indexOf(page)) == "数据库"
    assert str(database) in page.in_use.text()
    desk = Desk(store)
    desk.window, desk.database = window, database
    window.switch_database.connect(desk.switch)
    target = tmp_path / "新的 台账.sqlite"
    page.choice.file.setText(str(target))
    page.switch_button.click()
    box = page.findChild(QMessageBox, "confirmation")
    assert "新的 台账.sqlite" in box.text()
    gone = []
    window.destroyed.connect(lambda: gone.append(True))
    QTimer.singleShot(0, sign_in_as_new_admin)
    box.buttons()[0].click()
    try:
        qtbot.waitUntil(lambda: desk.window is not window, timeout=VERDICT_WITHIN_MS)
        qtbot.wait(100)  # the new window's first status count and first-start offer, on its open database
        assert desk.window.db_path == target and Path(desk.window.database_settings.current) == target
        qtbot.waitUntil(lambda: bool(gone), timeout=VERDICT_WITHIN_MS)  # the old window is gone
        assert desk.window.isVisible()
        assert desk_choice.remembered(store) == target
        assert desk.window.operator.username == "admin"
    finally:
        desk.window.close()
        desk.window.deleteLater()  # with its pending timers (the daily backup's)
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        close_database()
