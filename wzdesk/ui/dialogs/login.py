"""Signing in at start: the first start creates the administrator, then everyone signs in by name."""

import html
from datetime import datetime

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLineEdit, QWidget

from wzdesk.models import Operator
from wzdesk.office import auth
from wzdesk.ui.dialogs.form import FormDialog
from wzdesk.ui.i18n import _


def _password_box(name: str) -> QLineEdit:
    box = QLineEdit()
    box.setObjectName(name)
    box.setEchoMode(QLineEdit.EchoMode.Password)
    return box


class FirstAdminDialog(FormDialog):
    """Create the office's first administrator, who then adds the clerks and supervisors."""

    def __init__(self, clock=datetime.now, parent: QWidget | None = None):
        super().__init__(_("首次使用：创建管理员"), parent, intro=_(
            "这是本数据库第一次启动。请先创建管理员账号：管理员可以添加办事员和督办科长、修改督办规则和工作日历。"))
        self.setObjectName("first_admin")
        self.refusal_title = _("未能创建管理员")
        self.clock = clock
        self.username = QLineEdit("admin")
        self.username.setObjectName("username")
        self.display_name = QLineEdit(_("管理员"))
        self.display_name.setObjectName("display_name")
        self.password = _password_box("password")
        self.again = _password_box("again")
        self.form.addRow(_("登录名"), self.username)
        self.form.addRow(_("姓名"), self.display_name)
        self.form.addRow(_("密码"), self.password)
        self.form.addRow(_("再输一次"), self.again)
        self.created: Operator | None = None

    def apply(self) -> None:
        if self.password.text() != self.again.text():
            from wzdesk.errors import UserError

            raise UserError(_("两次输入的密码不一样。"))
        self.created = auth.create_operator(self.username.text(), self.display_name.text(), "admin",
                                            self.password.text(), self.clock())


class LoginDialog(FormDialog):
    """Sign in with a login name and password; the desk remembers the last name."""

    def __init__(self, store: QSettings, parent: QWidget | None = None, reason: str = ""):
        from wzdesk.office import settings

        intro = _("<b>{0}</b><br>请输入登录名和密码。忘记密码请找管理员重设。").format(settings.get("office_name"))
        if reason:  # why the last session ended (an account stopped while its window was open)
            intro = f"<span style='color:#b00000'>{html.escape(reason)}</span><br><br>" + intro
        super().__init__(_("登录问政督办台"), parent, intro=intro)
        self.setObjectName("login")
        self.refusal_title = _("登录未成功")
        self.store = store
        self.username = QLineEdit(str(store.value("operator", "")))
        self.username.setObjectName("username")
        self.password = _password_box("password")
        self.form.addRow(_("登录名"), self.username)
        self.form.addRow(_("密码"), self.password)
        (self.password if self.username.text() else self.username).setFocus()
        self.operator: Operator | None = None

    def apply(self) -> None:
        self.operator = auth.sign_in(self.username.text(), self.password.text())
        self.store.setValue("operator", self.operator.username)


def sign_in_at_start(store: QSettings) -> Operator | None:
    """Run the first-start and sign-in dialogs modally; return who signed in, or None if cancelled."""
    if auth.needs_first_admin():
        first = FirstAdminDialog()
        if first.exec() != FirstAdminDialog.DialogCode.Accepted:
            return None
        store.setValue("operator", first.created.username)
        return first.created  # the password was just typed twice: no need to type it a third time
    login = LoginDialog(store)
    if login.exec() != LoginDialog.DialogCode.Accepted:
        return None
    return login.operator
