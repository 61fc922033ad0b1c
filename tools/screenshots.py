"""Save PNGs of the main views into docs/screenshots/: python tools/screenshots.py (runs offscreen).

It opens the window on a fresh demo database; a developer's tool, not shipped with the package.
"""

import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from wzdesk.demo.fill import DemoProgress, fill
from wzdesk.office.database import open_database
from wzdesk.office.defaults import system_operator
from wzdesk.ui.app import make_application
from wzdesk.ui.mainwindow import MainWindow

NOW = datetime(2026, 11, 20, 10, 0)
OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def save(widget, name: str, app: QApplication) -> None:
    settle(app)
    path = OUT / name
    # A 256-colour palette keeps each PNG well under 200 KB; the window uses few colours anyway.
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_Indexed8,
                                                                   Qt.ImageConversionFlag.AvoidDither)
    image.save(str(path), "PNG", 9)
    print(f"{path}  {path.stat().st_size // 1024} KB")


def main() -> int:
    app = make_application()
    OUT.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="wzdesk 截图 "))
    open_database(folder / "演示.sqlite", now=NOW)
    fill(3000, 7, NOW, system_operator(), DemoProgress())
    store = QSettings(str(folder / "ui.ini"), QSettings.Format.IniFormat)
    window = MainWindow(folder / "演示.sqlite", clock=lambda: NOW, store=store)
    window.resize(1360, 800)
    window.show()
    save(window, "ledger.png", app)
    window.ledger.view.selectRow(3)
    save(window, "case_pane.png", app)
    window.resize(1366, 768)  # the commonest office screen: every part of the window must show
    save(window, "ledger-1366.png", app)
    window.resize(1360, 800)
    window.show_page("督办看板")
    save(window, "board.png", app)
    dialog = window.new_case()
    dialog.title.setText("红旗路路灯不亮")
    save(dialog, "intake.png", app)
    dialog.reject()
    window.show_page("设置")
    save(window, "settings.png", app)
    window.settings_page.tabs.setCurrentIndex(1)
    save(window, "settings_rules.png", app)
    window.settings_page.tabs.setCurrentIndex(2)
    save(window, "calendar.png", app)
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
