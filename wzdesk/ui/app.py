"""Start the window: Qt's Chinese translations, a font that writes Chinese, the database, the frame."""

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from wzdesk.errors import UserError
from wzdesk.office.database import default_db_path, open_database
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


def run(db_path: Path | None) -> int:
    """Open the database and show the main window; return the exit code."""
    app = make_application()
    path = Path(db_path) if db_path else default_db_path()
    instance = SingleInstance(path, app)
    if instance.hand_over():
        return 0  # the window already open on this database came to the front
    instance.listen()
    try:
        open_database(path)
    except UserError as exc:
        QMessageBox.critical(None, _("无法打开数据库"), str(exc))
        return 1
    from wzdesk.ui.dialogs.login import sign_in_at_start
    from wzdesk.ui.maintenance import daily_backup_on_start
    from wzdesk.ui.mainwindow import MainWindow, schedule_first_start
    from wzdesk.ui.morning import schedule_morning_ladder

    store = QSettings("wzdesk", "wzdesk")
    operator = sign_in_at_start(store)
    if operator is None:
        return 0
    window = MainWindow(path, store=store, operator=operator)
    window.show()
    from wzdesk.ui.trust_warning import show_warnings, warn_on_opening

    show_warnings(window, warn_on_opening(window, path))
    instance.activated.connect(lambda: bring_to_front(window))
    schedule_first_start(window)
    schedule_morning_ladder(window)
    QTimer.singleShot(2000, lambda: setattr(window, "backup_task", daily_backup_on_start(window)))
    return app.exec()
