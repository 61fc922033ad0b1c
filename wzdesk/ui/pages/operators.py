"""设置 → 操作员: the administrator adds clerks and supervisors, resets passwords, stops accounts."""

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from wzdesk.errors import UserError
from wzdesk.models import Operator
from wzdesk.office import auth
from wzdesk.ui.actions import ActionButton, ActionId, make_actions
from wzdesk.ui.dialogs.form import FormDialog
from wzdesk.ui.i18n import _
from wzdesk.ui.messages import confirm, refuse
from wzdesk.ui.pages.reference import _fill_row, _table
from wzdesk.vocabulary import ROLE_LABELS

ROLES = ("clerk", "supervisor", "admin")


class OperatorsPage(QWidget):
    """The list of operators with their roles, and the administrator's three actions."""

    def __init__(self, clock: Callable[[], datetime], operator: Callable[[], Operator], parent=None):
        super().__init__(parent)
        self._clock, self._operator = clock, operator
        self.table = _table("operators", ["姓名", "登录名", "角色", "状态"])
        buttons = QHBoxLayout()
        self.page_actions = make_actions(self, {
            ActionId.OPERATOR_ADD: lambda: self.add(), ActionId.OPERATOR_RESET: lambda: self.reset(),
            ActionId.OPERATOR_TOGGLE: lambda: self.toggle()})
        for action_id, name in ((ActionId.OPERATOR_ADD, "add_operator"), (ActionId.OPERATOR_RESET, "reset_password"),
                                (ActionId.OPERATOR_TOGGLE, "toggle_operator")):
            buttons.addWidget(ActionButton(self.page_actions[action_id], name))
        buttons.addStretch(1)
        note = QLabel(_("办事员：受理、派单、跟踪、打印；督办科长：另可确认问责、查看完整号码、从备份恢复；"
                        "管理员：另可管理操作员、修改督办规则和工作日历。"))
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        people = auth.operators()
        self.table.setRowCount(len(people))
        for row, person in enumerate(people):
            state = _("在用") if person.active else _("已停用")
            _fill_row(self.table, row, [person.display_name, person.username, ROLE_LABELS[person.role], state],
                      person.id, person.active)

    def selected(self) -> Operator | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return auth.operator_by_id(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def add(self) -> "AddOperatorDialog":
        return self._open(AddOperatorDialog(self._operator(), self._clock(), self))

    def reset(self) -> "ResetPasswordDialog | None":
        person = self.selected()
        return self._open(ResetPasswordDialog(person, self._operator(), self)) if person else None

    def toggle(self) -> QMessageBox | None:
        """Stop an account after asking (it can be started again), or start a stopped one at once."""
        person = self.selected()
        if person is None:
            return None
        if person.active:
            text = _("停用 {0}（{1}）后，该账号不能再登录；过去的台账记录仍署其名。可随时再次启用。").format(
                person.display_name, ROLE_LABELS[person.role])
            return confirm(self, _("停用操作员"), text, _("停用"), lambda: self._set_active(person, False))
        self._set_active(person, True)
        return None

    def _set_active(self, person: Operator, active: bool) -> None:
        try:
            auth.set_active(person, active, self._operator(), self._clock())
        except UserError as exc:
            refuse(self, exc, _("不能停用") if not active else _("不能启用"))
            return
        self.reload()
        self.select(person.id)

    def select(self, operator_id: int) -> None:
        """Select the row of an operator (kept after a change, whatever the order)."""
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).data(Qt.ItemDataRole.UserRole) == operator_id:
                self.table.selectRow(row)
                self.table.setCurrentCell(row, 0)
                return

    def _open(self, dialog: FormDialog) -> FormDialog:
        dialog.accepted.connect(self.reload)
        dialog.open()
        return dialog


def _password() -> QLineEdit:
    box = QLineEdit()
    box.setObjectName("password")
    box.setEchoMode(QLineEdit.EchoMode.Password)
    return box


class AddOperatorDialog(FormDialog):
    """Add a clerk, a supervisor or another administrator."""

    def __init__(self, by: Operator, at: datetime, parent=None):
        super().__init__(_("添加操作员"), parent)
        self.setObjectName("dialog_add_operator")
        self.by, self.at = by, at
        self.username, self.display_name, self.password = QLineEdit(), QLineEdit(), _password()
        self.username.setObjectName("username")
        self.display_name.setObjectName("display_name")
        self.role = QComboBox()
        self.role.setObjectName("role")
        for role in ROLES:
            self.role.addItem(ROLE_LABELS[role], role)
        self.form.addRow(_("姓名"), self.display_name)
        self.form.addRow(_("登录名"), self.username)
        self.form.addRow(_("角色"), self.role)
        self.form.addRow(_("初始密码"), self.password)

    def apply(self) -> None:
        auth.create_operator(self.username.text(), self.display_name.text(), self.role.currentData(),
                             self.password.text(), self.at, by=self.by)


class ResetPasswordDialog(FormDialog):
    """Give an operator a new password."""

    def __init__(self, person: Operator, by: Operator, parent=None):
        super().__init__(_("重设密码 — {0}").format(person.display_name), parent)
        self.setObjectName("dialog_reset_password")
        self.person, self.by = person, by
        self.password = _password()
        self.form.addRow(_("新密码"), self.password)

    def apply(self) -> None:
        auth.reset_password(self.person, self.password.text(), self.by)
