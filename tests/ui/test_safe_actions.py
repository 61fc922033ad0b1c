"""Destructive steps ask first, with a reason the ledger keeps, and can be undone; a satisfied rating closes."""

import json
from datetime import datetime

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.ui.conftest import NOW, make_window, refusal
from wzdesk.cases import lifecycle
from wzdesk.citizen import observers
from wzdesk.errors import UserError
from wzdesk.models import Case, CaseEvent, Observer, Operator


def _press(box: QMessageBox, text: str) -> None:
    next(b for b in box.buttons() if b.text() == text).click()


def test_retiring_an_observer_asks_why_and_can_be_undone(window, qtbot):
    page = window.observers
    window.show_page("观察员")
    observer = Observer.select().where(Observer.retired_on.is_null()).first()
    page.select_observer(observer.id)
    dialog = page.retire()
    dialog.accept()
    assert "请填写原因" in refusal(dialog) and Observer.get_by_id(observer.id).retired_on is None
    dialog.reason.setText("迁居外地")
    dialog.accept()
    assert Observer.get_by_id(observer.id).retired_on == NOW.date()
    event = CaseEvent.select().where(CaseEvent.action == "observer_retired").order_by(CaseEvent.id.desc()).first()
    assert event.note.endswith("：迁居外地")
    page.include_retired.setChecked(True)
    page.select_observer(observer.id)
    again = page.reinstate()
    again.reason.setText("误操作，恢复")
    again.accept()
    assert Observer.get_by_id(observer.id).retired_on is None
    assert CaseEvent.select().where(CaseEvent.action == "observer_reinstated").count() == 1


def test_reinstating_an_active_observer_is_refused_in_chinese(operator, database):
    observer = observers.add_observer({"name": "周敏", "community": "东风路社区"}, NOW, operator)
    with pytest.raises(UserError, match="在册，无需恢复"):
        observers.reinstate(observer, NOW, operator)


def test_stopping_an_operator_asks_keeps_the_selection_and_can_be_undone(qtbot, database, demo_db, store):
    window = make_window(qtbot, database, store)
    window.operator = Operator.get(Operator.username == "admin")
    window.show_page("设置")
    page = window.settings_page.operators
    page.reload()
    chief = Operator.get(Operator.username == "liqiang")
    page.select(chief.id)
    box = page.toggle()
    _press(box, "取消")
    assert Operator.get_by_id(chief.id).active
    box = page.toggle()
    _press(box, "停用")
    assert not Operator.get_by_id(chief.id).active
    assert page.selected().id == chief.id
    assert page.toggle() is None  # starting again needs no question
    assert Operator.get_by_id(chief.id).active and page.selected().id == chief.id


def test_stopping_and_starting_an_operator_are_ledger_events_on_the_same_row(qtbot, database, demo_db, store):
    """停用 and 启用 each write their event (at the window's clock, by the administrator); the row stays put."""
    window = make_window(qtbot, database, store)
    admin = Operator.get(Operator.username == "admin")
    window.operator = admin
    page = window.settings_page.operators
    page.reload()
    chief = Operator.get(Operator.username == "liqiang")
    page.select(chief.id)
    row = page.table.currentRow()
    before = CaseEvent.select().count()
    _press(page.toggle(), "停用")
    assert page.table.currentRow() == row and page.selected().id == chief.id
    assert page.table.item(row, 3).text() == "已停用"
    page.toggle()
    assert page.table.currentRow() == row and Operator.get_by_id(chief.id).active
    events = list(CaseEvent.select().where(CaseEvent.id > 0).order_by(CaseEvent.id.desc()).limit(2))[::-1]
    assert CaseEvent.select().count() == before + 2
    assert [e.action for e in events] == ["operator_deactivated", "operator_activated"]
    assert all(e.at == NOW and e.operator_id == admin.id and json.loads(e.data)["operator"] == chief.id
               for e in events)
    assert all("liqiang" in e.note for e in events)


def test_a_satisfied_rating_closes_in_the_same_dialog(qtbot, database, departments, store, operator):
    window = make_window(qtbot, database, store)
    at = datetime(2026, 11, 19, 9, 0)
    case = lifecycle.intake({"title": "红旗路路灯不亮"}, at, operator)
    lifecycle.dispatch(case, departments[0], at, operator)
    lifecycle.accept(case, at, operator)
    lifecycle.reply(case, "已更换灯泡", at, operator)
    window.case_pane.show_case(case.id)
    dialog = window.case_pane.open_action("rate")
    dialog.solved.setCurrentIndex(dialog.solved.findData(True))
    dialog.level.setCurrentIndex(dialog.level.findData("dissatisfied"))
    assert not dialog.close_too.isEnabled()
    dialog.level.setCurrentIndex(dialog.level.findData("satisfied"))
    assert dialog.close_too.isEnabled() and dialog.close_too.isChecked()
    dialog.accept()
    assert Case.get_by_id(case.id).status == "closed"
    assert [e.action for e in Case.get_by_id(case.id).events.order_by(CaseEvent.id)][-2:] == ["rate", "close"]
