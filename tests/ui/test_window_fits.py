"""The window fits a 1366×768 office screen: minimum width, elided drop-downs, the pane and status bar on screen."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from wzdesk.models import Department
from wzdesk.ui.actions import ActionId


def _settle(qtbot) -> None:
    qtbot.wait(20)


def test_minimum_width_fits_1280_with_the_demo_units(window):
    longest = max(len(d.name) for d in Department.select())
    assert longest >= 12  # the demo's units are the long names that made the bar 1690 px wide
    assert window.minimumSizeHint().width() <= 1280
    assert window.minimumSize().width() <= 1280


def test_at_1366_by_768_the_pane_count_and_status_bar_are_on_screen(window, qtbot):
    window.resize(1366, 768)
    _settle(qtbot)
    assert window.width() == 1366 and window.height() == 768
    frame = window.rect()
    for widget in (window.dock, window.ledger.filters.count_label, window.statusBar(), window.db_label,
                   window.ledger.view):
        assert widget.isVisible()
        top_left = widget.mapTo(window, widget.rect().topLeft())
        bottom_right = widget.mapTo(window, widget.rect().bottomRight())
        assert frame.contains(top_left) and frame.contains(bottom_right), widget.objectName()


def test_long_unit_names_are_elided_and_told_in_the_tooltip(window):
    combo: QComboBox = window.ledger.filters.department
    longest = max(Department.select(), key=lambda d: len(d.name))
    combo.setCurrentIndex(combo.findData(longest.id))
    assert combo.toolTip() == longest.name
    assert combo.itemData(combo.currentIndex(), Qt.ItemDataRole.ToolTipRole) == longest.name
    assert combo.minimumSizeHint().width() < combo.fontMetrics().horizontalAdvance(longest.name)


def test_the_case_pane_collapses_and_comes_back(window, qtbot):
    window.actions[ActionId.SHOW_CASE_PANE].trigger()
    assert not window.dock.isVisible()
    window.actions[ActionId.SHOW_CASE_PANE].trigger()
    assert window.dock.isVisible()
    window.resizeDocks([window.dock], [520], Qt.Orientation.Horizontal)
    _settle(qtbot)
    assert window.dock.width() > 480


SCALED = r"""
import json
import sys
from datetime import datetime
from pathlib import Path
from PySide6.QtCore import QSettings
from wzdesk.demo.fill import DemoProgress, fill
from wzdesk.office.database import open_database
from wzdesk.office.defaults import system_operator
from wzdesk.ui.app import make_application
from wzdesk.ui.mainwindow import MainWindow
folder = Path(sys.argv[1])
app = make_application()
now = datetime(2026, 11, 20, 10, 0)
open_database(folder / "台账.sqlite", now=now)
fill(200, 3, now, system_operator(), DemoProgress())
store = QSettings(str(folder / "ui.ini"), QSettings.Format.IniFormat)
w = MainWindow(folder / "台账.sqlite", clock=lambda: now, store=store)
w.show()
w.resize(1280, 720)
for _ in range(5):
    app.processEvents()
def inside(widget):
    r = widget.rect()
    return w.rect().contains(widget.mapTo(w, r.topLeft())) and w.rect().contains(widget.mapTo(w, r.bottomRight()))
print(json.dumps({"ratio": w.devicePixelRatio(), "min_width": w.minimumSizeHint().width(), "width": w.width(),
                  "pane": w.dock.isVisible() and inside(w.dock), "status": inside(w.statusBar()),
                  "count": inside(w.ledger.filters.count_label)}))
w.close()
"""


def test_at_150_percent_a_1920_by_1080_screen_holds_everything(tmp_path):
    """1920×1080 at 150% is 1280×720 logical pixels: the window fits it with the pane, count and status bar."""
    import json
    import os
    import subprocess
    import sys

    env = {**os.environ, "QT_SCALE_FACTOR": "1.5", "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", SCALED, str(tmp_path)], env=env, capture_output=True, text=True,
                          timeout=120, check=True)
    shown = json.loads(done.stdout.strip().splitlines()[-1])
    assert shown["ratio"] == 1.5
    assert shown["min_width"] * 1.5 <= 1920 and shown["width"] == 1280
    assert shown["pane"] and shown["status"] and shown["count"]
