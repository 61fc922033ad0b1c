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
