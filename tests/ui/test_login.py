"""Signing in: the first start creates the administrator; a wrong password is refused in Chinese."""

from datetime import datetime

from tests.ui.conftest import refusal
from wzdesk.models import Operator
from wzdesk.office import auth
from wzdesk.ui.app import make_application
from wzdesk.ui.dialogs.login import FirstAdminDialog, LoginDialog

T0_LOGIN = datetime(2026, 10, 8, 9, 0)


def test_first_start_creates_the_administrator(qtbot, database):
    make_application()
    dialog = FirstAdminDialog()
    qtbot.addWidget(dialog)
    dialog.password.setText("secret12")
    dialog.again.setText("secret2")
    dialog.accept()
    assert "两次输入的密码不一样" in refusal(dialog)
    dialog.again.setText("secret12")
    dialog.accept()
    assert dialog.created.role == "admin" and not auth.needs_first_admin()


def test_login_refuses_a_wrong_password_then_remembers_the_name(qtbot, database, store):
    make_application()
    auth.create_operator("admin", "管理员", "admin", "secret12", Operator.get().created_at)
    dialog = LoginDialog(store)
    qtbot.addWidget(dialog)
    dialog.username.setText("admin")
    dialog.password.setText("wrong")
    dialog.accept()
    assert "登录名或密码不对" in refusal(dialog)
    dialog.password.setText("secret12")
    dialog.accept()
    assert dialog.operator.username == "admin" and store.value("operator") == "admin"
    assert LoginDialog(store).username.text() == "admin"


def test_sign_in_follows_straight_after_creating_the_administrator(qtbot, database, store):
    """The password was just typed twice: the first start signs the new administrator in, no third time."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from wzdesk.ui.dialogs.login import sign_in_at_start

    make_application()
    shown = []

    def fill_the_first_dialog():
        dialog = QApplication.activeModalWidget()
        shown.append(dialog.objectName())
        dialog.password.setText("secret12")
        dialog.again.setText("secret12")
        dialog.accept()
        QTimer.singleShot(500, lambda: _give_up(shown))  # a login dialog after it would be a second prompt

    def _give_up(names):
        extra = QApplication.activeModalWidget()
        if extra is not None:
            names.append(extra.objectName())
            extra.reject()

    QTimer.singleShot(0, fill_the_first_dialog)
    operator = sign_in_at_start(store)
    qtbot.wait(600)
    assert shown == ["first_admin"]
    assert operator is not None and operator.username == "admin" and operator.role == "admin"


def test_refusals_are_titled_by_what_happened(qtbot, database, store):
    """A wrong password is 登录未成功, not 无法保存; another form's refusal names its own step."""
    from PySide6.QtWidgets import QMessageBox

    make_application()
    auth.create_operator("admin", "管理员", "admin", "secret12", T0_LOGIN)
    login = LoginDialog(store)
    qtbot.addWidget(login)
    login.username.setText("admin")
    login.password.setText("wrong")
    login.accept()
    assert login.findChild(QMessageBox, "refusal").windowTitle() == "登录未成功"
    first = FirstAdminDialog()
    qtbot.addWidget(first)
    first.password.setText("a")
    first.again.setText("b")
    first.accept()
    assert first.findChild(QMessageBox, "refusal").windowTitle() == "未能创建管理员"
