"""本机数据库 / 办公室共享数据库: the form a desk chooses its database with, and its 连接测试.

The form only presents the core's answers (wzdesk/office/server_check.py): the connection test runs in a
thread of its own, so an unreachable server never freezes the window; setting up an empty database (a
second or two) runs on the window's thread, for the reason set_up_database gives.
"""

import threading
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from wzdesk.errors import UserError
from wzdesk.models.postgres_db import is_url
from wzdesk.office import pgpass
from wzdesk.office.paths import default_db_path
from wzdesk.office.server_address import DEFAULT_PORT, ServerAddress, address, parse_url
from wzdesk.office.server_check import Verdict, check_server, set_up
from wzdesk.ui.dialogs.file_dialogs import save_file_name
from wzdesk.ui.i18n import _

GOOD, BAD = "color:#1e6b1e", "color:#b00000"


class _Errand(QObject):
    """Run one core call in a thread of its own; `done(result)` arrives on the window's thread."""

    done = Signal(object)

    def run(self, call, *args) -> None:
        threading.Thread(target=lambda: self.done.emit(call(*args)), daemon=True).start()


class DatabaseChoice(QWidget):
    """Choose the SQLite file of this PC or the office's server; `verdict_shown(verdict)` after each test."""

    verdict_shown = Signal(object)
    confirmed = Signal(object)  # the database to use (confirm_choice), a Path or a URL
    refused = Signal(str)  # why the choice cannot be used as it stands

    def __init__(self, current: Path | str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("database_choice")
        self.verdict: Verdict | None = None
        self._options: tuple = ()
        self._confirming = False
        self._errand = _Errand(self)
        self._errand.done.connect(self._show_verdict)
        self._build()
        self.show_target(current)

    def _build(self) -> None:
        self.local = QRadioButton(_("本机数据库：台账存在这台电脑上，只有本机使用"))
        self.local.setObjectName("choose_local")
        self.server = QRadioButton(_("办公室共享数据库：几台电脑共用一本台账（PostgreSQL 服务器）"))
        self.server.setObjectName("choose_server")
        group = QButtonGroup(self)
        for button in (self.local, self.server):
            group.addButton(button)
            button.toggled.connect(self._enable_parts)
        layout = QVBoxLayout(self)
        layout.addWidget(self.local)
        layout.addWidget(self._local_box())
        layout.addWidget(self.server)
        layout.addWidget(self._server_box())
        self.answer = QLabel()
        self.answer.setObjectName("connection_verdict")
        self.answer.setWordWrap(True)
        layout.addWidget(self.answer)
        layout.addStretch(1)

    def _local_box(self) -> QGroupBox:
        self.local_box = QGroupBox()
        self.file = QLineEdit()
        self.file.setObjectName("database_file")
        browse = QPushButton(_("选择文件…"))
        browse.setObjectName("browse_file")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout(self.local_box)
        row.addWidget(QLabel(_("数据库文件")))
        row.addWidget(self.file, 1)
        row.addWidget(browse)
        return self.local_box

    def _server_box(self) -> QGroupBox:
        self.server_box = QGroupBox()
        self.pasted = self._edit("server_url", _("可直接粘贴信息科给的地址，如 postgresql://wzdesk@192.168.1.20/wzdesk"))
        self.pasted.editingFinished.connect(self._read_pasted)
        self.host = self._edit("server_host", _("服务器名或 IP 地址"))
        self.port = self._edit("server_port", str(DEFAULT_PORT))
        self.port.setText(str(DEFAULT_PORT))
        self.port.setMaximumWidth(90)
        self.database = self._edit("server_database", "wzdesk")
        self.user = self._edit("server_user", _("信息科分配的用户名"))
        self.password = self._edit("server_password", "")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.keep = QCheckBox(_("在本机记住密码（存入 PostgreSQL 的密码文件，只有本机的本用户可读）"))
        self.keep.setObjectName("keep_password")
        self.keep.setChecked(True)
        grid = QGridLayout(self.server_box)
        rows = [[(_("地址"), self.pasted, 3)], [(_("服务器"), self.host, 1), (_("端口"), self.port, 1)],
                [(_("数据库名"), self.database, 1), (_("用户名"), self.user, 1)], [(_("密码"), self.password, 1)]]
        for row, cells in enumerate(rows):
            for n, (title, widget, span) in enumerate(cells):
                grid.addWidget(QLabel(title), row, n * 2)
                grid.addWidget(widget, row, n * 2 + 1, 1, span)
        grid.addWidget(self.keep, 3, 2, 1, 2)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 2)
        grid.addLayout(self._test_row(), 4, 0, 1, 4)
        for edit in (self.host, self.port, self.database, self.user, self.password):
            edit.textEdited.connect(self._forget_verdict)
        return self.server_box

    def _edit(self, name: str, hint: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setPlaceholderText(hint)
        return edit

    def _test_row(self) -> QHBoxLayout:
        self.test_button = QPushButton(_("连接测试"))
        self.test_button.setObjectName("test_connection")
        self.test_button.clicked.connect(self.test_connection)
        self.set_up_button = QPushButton(_("为它建立台账"))
        self.set_up_button.setObjectName("set_up_database")
        self.set_up_button.setVisible(False)
        self.set_up_button.clicked.connect(self.set_up_database)
        row = QHBoxLayout()
        row.addWidget(self.test_button)
        row.addWidget(self.set_up_button)
        row.addStretch(1)
        return row

    # -- what is shown ----------------------------------------------------------------------------------

    def show_target(self, target: Path | str | None) -> None:
        """Fill the form with a database: a server's URL (its kept password too), else a file."""
        if target is not None and is_url(target):
            self.show_server(parse_url(str(target)))
            self.server.setChecked(True)
        else:
            self.file.setText(str(target or default_db_path()))
            self.local.setChecked(True)
        self._enable_parts()

    def show_server(self, server: ServerAddress) -> None:
        self.host.setText(server.host)
        self.port.setText(str(server.port))
        self.database.setText(server.database)
        self.user.setText(server.user)
        self.password.setText(server.password or pgpass.kept_password(server))
        self._options = server.options

    def _read_pasted(self) -> None:
        text = self.pasted.text().strip()
        if not text:
            return
        try:
            self.show_server(parse_url(text))
        except UserError as exc:
            self._say(str(exc), BAD)
            return
        self.pasted.clear()
        self._say("", GOOD)

    def _forget_verdict(self) -> None:
        """A part changed after the test: its verdict is about another address now."""
        self.verdict = None
        self.set_up_button.setVisible(False)
        self._say("", GOOD)

    def _enable_parts(self) -> None:
        self.local_box.setEnabled(self.local.isChecked())
        self.server_box.setEnabled(self.server.isChecked())

    def _browse(self) -> None:
        path, _filter = save_file_name(self, _("选择或新建数据库文件"), self.file.text(), _("数据库 (*.sqlite)"))
        if path:
            self.file.setText(path)

    def _say(self, text: str, style: str) -> None:
        self.answer.setStyleSheet(style)
        self.answer.setText(text)

    # -- the core's answers ------------------------------------------------------------------------------

    def chosen_server(self) -> ServerAddress:
        """Return the server as typed; refuse a missing part in Chinese."""
        server = address(self.host.text(), self.port.text(), self.database.text(), self.user.text(),
                         self.password.text())
        return replace(server, options=self._options)

    def test_connection(self) -> None:
        """Ask the server, in a thread; the verdict is shown when it answers."""
        self._ask(check_server, _("正在连接……"))

    def set_up_database(self) -> None:
        """Create the app's tables in the empty database, on the window's thread: while it runs the tables'
        models are bound to that database (set_up), so nothing else of the window may query meanwhile."""
        try:
            server = self.chosen_server()
        except UserError as exc:
            self._show_verdict(Verdict("incomplete", str(exc)))
            return
        self._say(_("正在建立台账……"), "")
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            verdict = set_up(server)
        finally:
            QApplication.restoreOverrideCursor()
        self._show_verdict(verdict)

    def _ask(self, call, waiting: str) -> None:
        try:
            server = self.chosen_server()
        except UserError as exc:
            self._confirming = False
            self._show_verdict(Verdict("incomplete", str(exc)))
            self.refused.emit(str(exc))
            return
        self.verdict = None
        self.test_button.setEnabled(False)
        self.set_up_button.setVisible(False)
        self._say(waiting, "")
        self._errand.run(call, server)

    def _show_verdict(self, verdict: Verdict) -> None:
        self.verdict = verdict
        self.test_button.setEnabled(True)
        self._say(verdict.message, GOOD if verdict.usable or verdict.can_set_up else BAD)
        self.set_up_button.setVisible(verdict.can_set_up)
        self.verdict_shown.emit(verdict)
        if self._confirming:
            self._confirming = False
            if verdict.usable:
                self.confirm_choice()
            else:
                self.refused.emit(verdict.message)

    def confirm_choice(self) -> None:
        """Emit `confirmed(target)` for a choice that may be used, testing the server first if not yet done;
        else `refused(why)`."""
        if self.server.isChecked() and self.verdict is None:
            self._confirming = True
            self.test_connection()
            return
        try:
            target = self.chosen()
        except UserError as exc:
            self.refused.emit(str(exc))
            return
        self.confirmed.emit(target)

    def chosen(self) -> Path | str:
        """Return the database chosen: a file, or the server's URL once its test said it may be used.

        The password then goes to the password file if the clerk asked to keep it; otherwise it rides in the
        returned URL for this opening only (the choice remembered never holds it: desk_choice.remember)."""
        if self.local.isChecked():
            text = self.file.text().strip()
            if not text:
                raise UserError(_("请填写数据库文件的位置。"))
            return Path(text).expanduser()
        server = self.chosen_server()
        if self.verdict is None or not self.verdict.usable:
            raise UserError(_("请先点“连接测试”，确认连接正常后再使用这个数据库。"))
        if self.keep.isChecked() and server.password:
            pgpass.keep_password(server)
            return server.url()
        return server.url_with_password()
