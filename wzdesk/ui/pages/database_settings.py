"""设置 → 数据库: the database this desk works on, and switching it (the window reopens on the new one)."""

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from wzdesk.office.server import shown
from wzdesk.ui.i18n import _
from wzdesk.ui.messages import confirm, warn
from wzdesk.ui.widgets.database_choice import DatabaseChoice


class DatabaseSettings(QWidget):
    """Show the database in use and let the desk choose another; `switch_requested(target)` once confirmed."""

    switch_requested = Signal(object)

    def __init__(self, current: Path | str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("database_settings")
        self.current = current
        self.in_use = QLabel(_("本机正在使用：{0}").format(shown(str(current))))
        self.in_use.setObjectName("database_in_use")
        self.in_use.setWordWrap(True)
        self.choice = DatabaseChoice(current, self)
        self.switch_button = QPushButton(_("改用这个数据库…"))
        self.switch_button.setObjectName("switch_database")
        self.switch_button.clicked.connect(self.choice.confirm_choice)
        self.choice.confirmed.connect(self._confirm)
        self.choice.refused.connect(lambda why: warn(self, why, _("还不能改用这个数据库")))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.switch_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.in_use)
        layout.addWidget(self.choice, 1)
        layout.addLayout(row)

    def _confirm(self, target: Path | str):
        text = _("问政督办台将关闭当前台账，在“{0}”上重新打开，并请您在那里登录。本机以后都使用这个数据库。继续吗？")
        return confirm(self, _("改用其他数据库"), text.format(shown(str(target))), _("改用并重新打开"),
                       lambda: self.switch_requested.emit(target))
