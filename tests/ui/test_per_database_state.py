"""Saved filters and layout belong to one database; the window title names the office once."""

from PySide6.QtWidgets import QApplication

from tests.conftest import T0
from tests.ui.conftest import NOW, make_window
from wzdesk.demo.fill import DemoProgress, fill
from wzdesk.office import settings
from wzdesk.office.database import close_database, open_database
from wzdesk.office.defaults import system_operator
from wzdesk.ui.mainwindow import database_key


def test_filters_saved_on_one_database_stay_with_it(qtbot, database, demo_db, store, tmp_path):
    first = make_window(qtbot, database, store)
    grade = first.ledger.filters.grade
    grade.setCurrentIndex(grade.findData("major"))
    first.close()
    close_database()
    other = open_database(tmp_path / "另一个 台账.sqlite", now=T0)
    fill(60, 2, NOW, system_operator(), DemoProgress())
    second = make_window(qtbot, other, store)
    assert second.ledger_model.ledger_filter.grade == ""
    second.close()
    close_database()
    open_database(database, now=T0)
    third = make_window(qtbot, database, store)
    assert third.ledger_model.ledger_filter.grade == "major"
    assert database_key(database) != database_key(other)
    assert store.value(f"{database_key(database)}/database") == str(database)


def test_the_title_names_the_office_and_leaves_the_app_name_to_qt(window):
    assert window.windowTitle() == settings.get("office_name")
    assert QApplication.applicationDisplayName() == "问政督办台"
    assert "问政督办台" not in window.windowTitle()  # Qt appends the display name once
