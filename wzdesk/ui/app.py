"""Start the window: Qt's Chinese translations, a font that writes Chinese, the database, the frame."""

import os
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from wzdesk.errors import UserError
from wzdesk.office import desk_choice
from wzdesk.office.database import close_database, default_db_path, open_database
from wzdesk.resources import as_file, read_text, resource
from wzdesk.ui.fonts import ensure_chinese_font
from wzdesk.ui.i18n import _
from wzdesk.ui.single_instance import SingleInstance, bring_to_front


def install_translations(app: QApplication) -> list[QTranslator]:
    """Load Qt's own zh_CN translations so standard dialogs and buttons speak Chinese."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    loaded = []
    for name in ("qtbase_zh_CN", "qt_zh_CN"):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            loaded.append(translator)
    return loaded


def make_application(argv: list[str] | None = None) -> QApplication:
    """Return the QApplication, created once, with translations and a Chinese font."""
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setOrganizationName("wzdesk")
    app.setApplicationName("wzdesk")
    app.setApplicationDisplayName(_("问政督办台"))
    app.setWindowIcon(application_icon())
    app.setStyleSheet(read_text("styles", "wzdesk.qss"))
    install_translations(app)
    ensure_chinese_font(app)
    return app


def application_icon() -> QIcon:
    """Return the app's icon, drawn from the shipped SVG."""
    with as_file(resource("icons", "wzdesk.svg")) as path:
        return QIcon(str(path))


def run(db_path: Path | str | None) -> int:
    """Open the database (--db, WZDESK_DB, the desk's remembered choice, or ask) and show the main window;
    return the exit code."""
    app = make_application()
    store = QSettings("wzdesk", "wzdesk")
    given = desk_choice.chosen_database(db_path, store)
    target = given or _existing_default()
    from_choice = not db_path and not os.environ.get("WZDESK_DB", "").strip()
    instance = SingleInstance(target or default_db_path(), app)
    if instance.hand_over():
        return 0  # the window already open on this database came to the front
    instance.listen()
    desk = Desk(store)
    if not desk.open(target, ask=from_choice):
        return 0 if from_choice else 1
    instance.activated.connect(lambda: bring_to_front(desk.window))
    return app.exec()


def _existing_default() -> Path | None:
    """A desk of an earlier release has its file in the data folder: it goes on with it without being asked."""
    path = default_db_path()
    return path if path.exists() else None


class Desk:
    """The window of this desk on one database at a time; `open()` shows it, a switch in 设置 reopens it."""

    def __init__(self, store: QSettings):
        self.store = store
        self.window = None
        self.database: Path | str | None = None

    def open(self, target: Path | str | None, ask: bool, problem: str = "") -> bool:
        """Open `target` (asking which database when None, or when it fails and `ask`), sign in, show the window;
        return whether a window is showing."""
        failed = None
        while True:
            if target is None:
                target = _ask_database(failed or self.database, problem)
                if target is None:
                    return False
            problem = self._open(target)
            if not problem:
                break
            if not ask:
                QMessageBox.critical(None, _("无法打开数据库"), problem)
                return False
            failed, target = target, None
        if ask:
            desk_choice.remember(self.store, target)
        return self._show(target)

    def _open(self, target: Path | str) -> str:
        try:
            open_database(target)
        except UserError as exc:
            return str(exc)
        return ""

    def _show(self, target: Path | str) -> bool:
        from wzdesk.ui.dialogs.login import sign_in_at_start
        from wzdesk.ui.maintenance import daily_backup_on_start
        from wzdesk.ui.mainwindow import MainWindow, schedule_first_start
        from wzdesk.ui.morning import schedule_morning_ladder
        from wzdesk.ui.trust_warning import show_warnings, warn_on_opening

        operator = sign_in_at_start(self.store)
        if operator is None:
            return False
        self.database = target
        window = self.window = MainWindow(target, store=self.store, operator=operator)
        window.switch_database.connect(self.switch)
        window.show()
        show_warnings(window, warn_on_opening(window, target))
        schedule_first_start(window)
        schedule_morning_ladder(window)
        # Bound to the window: a window closed by a switch of database takes its pending backup with it.
        QTimer.singleShot(2000, window, lambda: setattr(window, "backup_task", daily_backup_on_start(window)))
        return True

    def switch(self, target: Path | str) -> None:
        """Close the window and its database, and reopen on `target` with a sign-in there; back to the old
        database if the new one cannot be opened or the sign-in is cancelled."""
        old, previous = self.window, self.database
        old.close()
        close_database()
        problem = self._open(target)
        if not problem and self._show(target):
            desk_choice.remember(self.store, target)
            old.deleteLater()
            return
        close_database()
        if problem:
            QMessageBox.warning(None, _("未能改用这个数据库"), problem + _("\n\n将回到原来的数据库。"))
        if self._open(previous) or not self._show(previous):
            QApplication.quit()
        old.deleteLater()


def _ask_database(current: Path | str | None, problem: str) -> Path | str | None:
    from wzdesk.ui.dialogs.database_choice import DatabaseChoiceDialog

    dialog = DatabaseChoiceDialog(current, problem)
    if dialog.exec() != DatabaseChoiceDialog.DialogCode.Accepted:
        return None
    return dialog.target
