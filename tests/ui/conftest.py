"""UI fixtures: a demo database, a window on a fixed clock with its own settings file."""

from datetime import datetime

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from wzdesk.demo.fill import DemoProgress, fill
from wzdesk.ui.app import make_application
from wzdesk.ui.mainwindow import MainWindow

NOW = datetime(2026, 11, 20, 10, 0)


@pytest.fixture
def demo_db(operator):
    """A database with 500 demo cases as of NOW."""
    fill(500, 4, NOW, operator, DemoProgress())
    return operator


@pytest.fixture
def store(tmp_path):
    return QSettings(str(tmp_path / "界面 设置.ini"), QSettings.Format.IniFormat)


def make_window(qtbot, database, store) -> MainWindow:
    make_application()
    window = MainWindow(database, clock=lambda: NOW, store=store)
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def window(qtbot, database, demo_db, store):
    return make_window(qtbot, database, store)


def refusal(widget) -> str:
    """Return the text of the refusal shown over `widget`, closing it."""
    box = widget.findChild(QMessageBox, "refusal")
    assert box is not None, "no refusal was shown"
    text = box.text()
    box.setObjectName("seen")
    box.close()
    return text
