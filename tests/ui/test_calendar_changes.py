"""The calendar page's changes re-reckon deadlines; the status bar warns from November of a missing next year."""

from datetime import date, datetime

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QMessageBox

from tests.ui.conftest import make_window
from wzdesk.cases import lifecycle
from wzdesk.models import Case, Operator
from wzdesk.ui.mainwindow import MainWindow


def _admin() -> Operator:
    return Operator.create(username="zhouhong", display_name="周红", role="admin", created_at=datetime(2026, 11, 1))


def test_marking_a_day_and_importing_a_schedule_move_an_open_deadline(qtbot, database, departments, store,
                                                                      tmp_path):
    """Minor of Wed 12-30 is due 01-05 (provisional); Mon 1-4 made a holiday → 01-06; importing 2027 with
    元旦 and 1-4 → still 01-06 and no longer provisional; then the status bar stops warning of 2027."""
    window = make_window(qtbot, database, store)
    window.operator = _admin()
    case = lifecycle.intake({"title": "路灯不亮", "grade": "minor"}, datetime(2026, 12, 30, 10), window.operator)
    lifecycle.dispatch(case, departments[0], datetime(2026, 12, 30, 10), window.operator)
    assert Case.get_by_id(case.id).due_at.date() == date(2027, 1, 5)
    window.refresh_status()
    assert "2027 年节假日安排未录入" in window.calendar_label.text()

    editor = window.settings_page.calendar
    editor.calendar.setSelectedDate(QDate(2027, 1, 4))
    editor.mark(False)
    case = Case.get_by_id(case.id)
    assert case.due_at.date() == date(2027, 1, 6) and case.due_provisional

    path = tmp_path / "2027.csv"
    path.write_text("2027-01-01,放假,元旦\n2027-01-04,放假,元旦\n2027-02-05,放假,春节\n", encoding="utf-8")
    assert editor.import_path(path) == [2027]
    for box in editor.findChildren(QMessageBox, "information"):
        box.close()
    case = Case.get_by_id(case.id)
    assert case.due_at.date() == date(2027, 1, 6) and not case.due_provisional
    assert window.calendar_label.text() == ""


def test_no_warning_in_october_and_a_warning_from_november(qtbot, database, store):
    """2026 is known: on 10-31 nothing is warned of, on 11-01 the missing 2027 is."""
    for day, warned in ((datetime(2026, 10, 31, 9), False), (datetime(2026, 11, 1, 9), True)):
        window = MainWindow(database, clock=lambda day=day: day, store=store)
        qtbot.addWidget(window)
        window.refresh_status()
        assert ("2027 年节假日安排未录入" in window.calendar_label.text()) is warned
