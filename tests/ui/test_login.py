"""Signing in: the first start creates the administrator; a wrong password is refused in Chinese."""

from tests.ui.conftest import refusal
from wzdesk.models import Operator
from wzdesk.office import auth
from wzdesk.ui.app import make_application
from wzdesk.ui.dialogs.login import FirstAdminDialog, LoginDialog


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
