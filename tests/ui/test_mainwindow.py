"""The main window: navigation, filters, search of both lengths, the board, status bar and saved state."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from tests.ui.conftest import NOW, make_window
from wzdesk.board import counts as board
from wzdesk.models import Case, Department
from wzdesk.ui.actions import ActionId
from wzdesk.ui.models.ledger import CASE_ID_ROLE


def _statuses(window) -> set[str]:
    model = window.ledger_model
    return {model.index(r, 2).data() for r in range(model.rowCount())}


def test_menus_shortcuts_and_disabled_pages(window):
    titles = [a.text() for a in window.menuBar().actions()]
    # issue 22: the menus a Windows user expects
    assert [t.split("(")[0] for t in titles] == ["文件", "编辑", "视图", "督办", "文书", "统计", "设置", "帮助"]
    assert window.actions[ActionId.NEW_CASE].shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    assert window.actions[ActionId.REFRESH].shortcut() == QKeySequence("F5")
    assert window.actions[ActionId.EXPORT].shortcut() == QKeySequence("Ctrl+E")
    items = [window.nav.item(row) for row in range(window.nav.count())]
    enabled = {item.text() for item in items if item.flags() & Qt.ItemFlag.ItemIsEnabled}
    assert {"台账", "督办看板", "今日督办", "文书", "设置"} <= enabled
    assert all(item.toolTip() == "将在后续版本提供" for item in items if item.text() not in enabled)


def test_status_bar_counts_operator_and_calendar_warning(window):
    open_count, overdue = board.open_and_overdue(NOW)
    text = window.counts_label.text()
    assert f"在办 {open_count:,} 件" in text and f"超期 {overdue:,} 件" in text
    assert window.operator_label.text() == "操作员：王芳"
    assert "2027 年节假日安排未录入" in window.calendar_label.text()


def test_status_filter_narrows_the_ledger(window):
    combo = window.ledger.filters.status
    combo.setCurrentIndex(combo.findData("in_progress"))
    assert _statuses(window) == {"办理中"}
    expected = Case.select().where(Case.status == "in_progress").count()
    assert window.ledger.filters.count_label.text() == f"共 {expected} 件"
    window.ledger.filters.overdue.setChecked(True)
    assert all(window.ledger_model.index(r, 9).data().find("超期") > 0 for r in range(window.ledger_model.rowCount()))
    window.ledger.filters.reset()
    assert window.ledger_model.total() == 500


def test_search_exact_code_selects_the_case(window, qtbot):
    case = Case.select().order_by(Case.id.desc()).first()
    qtbot.keyClicks(window.search_box, case.code.lower())
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert window.ledger_model.rowCount() == 1
    assert window.ledger.current_case_id() == case.id
    assert case.code in window.case_pane.header.text()


def test_search_two_and_three_characters(window, qtbot):
    for word in ("路灯", "路灯不"):
        window.search_box.setText(word)
        qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
        model = window.ledger_model
        expected = Case.select().where(Case.title.contains(word) | Case.content.contains(word)
                                       | Case.petitioner_name.contains(word)).count()
        assert expected > 0 and model.total() == expected


def test_board_double_click_opens_the_ledger_on_that_cell(window, qtbot):
    window.show_page("督办看板")
    model = window.board.model
    row = next(r for r in range(model.rowCount() - 1) if model.index(r, 3).data() != "0")  # a red cell
    index = model.index(row, 3)
    window.board.view.doubleClicked.emit(index)
    dept = Department.get(Department.name == model.headerData(row, Qt.Orientation.Vertical))
    assert window.stack.currentWidget() is window.ledger
    assert window.ledger_model.total() == int(index.data())
    ids = [window.ledger_model.index(r, 0).data(CASE_ID_ROLE) for r in range(window.ledger_model.rowCount())]
    assert all(Case.get_by_id(i).lead_department_id == dept.id for i in ids)


def test_filters_and_geometry_persist(qtbot, database, demo_db, store):
    first = make_window(qtbot, database, store)
    combo = first.ledger.filters.grade
    combo.setCurrentIndex(combo.findData("major"))
    first.close()
    second = make_window(qtbot, database, store)
    assert second.ledger.filters.grade.currentData() == "major"
    assert second.ledger_model.ledger_filter.grade == "major"
