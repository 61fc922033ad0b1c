"""Every list of cases drives the case pane: selection shows, double-click opens, right-click offers actions."""

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QPushButton

from tests.ui.conftest import NOW
from wzdesk.models import Case, NoticeCase, Rating
from wzdesk.supervision.ladder import run_ladder
from wzdesk.vocabulary import COLOURS


def _select(view, index) -> None:
    view.selectionModel().setCurrentIndex(
        index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)


def _first_case_row(tree):
    model = tree.model()
    for top in range(model.rowCount()):
        group = model.index(top, 0)
        if model.rowCount(group):
            return model.index(0, 0, group)
    raise AssertionError("no case under any letter")


def test_today_case_rows_drive_the_case_pane(window, operator):
    run_ladder(NOW, operator)
    window.show_page("今日督办")
    child = _first_case_row(window.today.tree)
    _select(window.today.tree, child.siblingAtColumn(1))
    assert window.case_pane.case is not None and window.case_pane.case.code == child.data()


def test_double_click_brings_back_a_closed_pane(window):
    window.dock.hide()
    view = window.ledger.view
    index = window.ledger_model.index(4, 1)
    view.doubleClicked.emit(index)
    assert window.dock.isVisible()
    assert window.case_pane.case.id == window.ledger_model.case_id(4)


def test_right_click_copies_the_code_and_offers_only_what_is_allowed(window):
    case = Case.select().where(Case.status == "dispatched").first()
    menu = window.case_links.menu_for(window.ledger.view, case.id)
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts[:2] == ["打开工单详情", f"复制工单编号 {case.code}"]
    assert "签收" in texts and "办结" not in texts and "答复" not in texts
    next(a for a in menu.actions() if a.text().startswith("复制工单编号")).trigger()
    assert QApplication.clipboard().text() == case.code


def test_documents_accountability_and_interview_rows_show_their_case(window, operator):
    run_ladder(NOW, operator)
    window.show_page("文书")
    link = NoticeCase.select().join(NoticeCase.notice.rel_model, on=NoticeCase.notice).first()
    row = window.documents.model.row_of(link.notice_id)
    assert row >= 0
    window.documents.table.selectRow(row)
    first = NoticeCase.select().where(NoticeCase.notice == link.notice_id).order_by(NoticeCase.id).first()
    assert window.case_pane.case.id == first.case_id
    for name, page in (("问责", window.accountability), ("约谈", window.interviews)):
        window.show_page(name)
        if page.model.rowCount():
            window.case_pane.show_case(None)
            page.table.selectRow(0)
            assert window.case_pane.case is not None, name


def test_a_verification_queue_row_drives_the_pane_by_keyboard(window):
    window.show_page("核验与回访")
    table = window.citizen.checks.table
    assert table.model().rowCount() > 1
    _select(table, table.model().index(1, 0))
    assert window.case_pane.case.id == table.model().row_at(1).case_id


def test_the_board_sorts_by_a_colour_with_the_total_last(window):
    window.show_page("督办看板")
    model, view = window.board.model, window.board.view
    red = COLOURS.index("red")
    view.sortByColumn(red, Qt.SortOrder.DescendingOrder)
    values = [int(model.index(r, red).data()) for r in range(model.rowCount() - 1)]
    assert values == sorted(values, reverse=True) and values[0] > 0
    assert model.headerData(model.rowCount() - 1, Qt.Orientation.Vertical) == "合计"
    assert int(model.index(model.rowCount() - 1, red).data()) == sum(values)


def test_close_is_greyed_with_the_reason_until_confirmed(window):
    replied = Case.select().where(Case.status == "replied")
    case = next(c for c in replied if not Rating.select().where(Rating.case == c).exists())
    window.case_pane.show_case(case.id)
    button = window.case_pane.findChild(QPushButton, "act_close")
    assert not button.isEnabled() and "还不能办结" in button.toolTip()
    assert window.case_pane.findChild(QPushButton, "act_verify_pass").isEnabled()


def test_every_proposal_names_its_rule(window):
    """The 问责建议 tab's 规则 column is never empty: a hand-entered proposal says 手工登记."""
    window.show_page("核验与回访")
    model = window.citizen.proposals.model
    assert model.rowCount() > 0
    assert all(model.index(r, 0).data() for r in range(model.rowCount()))
