"""The case pane shows a case's duty steps and records one done, refusing a missing photo note."""

from datetime import datetime, timedelta

from tests.ui.conftest import make_window, refusal
from wzdesk.cases import lifecycle
from wzdesk.models import CaseDutyStep, CaseEvent, Category

NOW = datetime(2026, 11, 20, 10, 0)


def test_duty_steps_shown_with_state_and_completed_from_the_pane(qtbot, database, departments, store, operator):
    window = make_window(qtbot, database, store)
    bins = Category.get(Category.name == "垃圾满溢")
    case = lifecycle.intake({"title": "城西社区垃圾桶满溢", "category": bins}, NOW - timedelta(hours=30), operator)
    lifecycle.dispatch(case, departments[2], NOW - timedelta(hours=29), operator)
    pane = window.case_pane
    pane.show_case(case.id)
    view = pane.duty_steps
    assert view.isVisible() and view.model.rowCount() == 1
    assert view.model.index(0, 0).data() == "清运完毕并拍照反馈"
    assert view.model.index(0, 3).data() == "已超时"  # 24 hours passed 5 hours ago
    dialog = view.open_complete()
    dialog.accept()
    assert "佐证" in refusal(dialog) and dialog.isVisible()
    dialog.evidence.setText("清运后照片 2 张")
    dialog.accept()
    assert not dialog.isVisible()
    assert CaseDutyStep.get().done_at == NOW
    assert CaseEvent.select().where(CaseEvent.action == "duty_step_done").count() == 1
    assert view.model.index(0, 3).data() == "超时完成"
    assert not view.complete_button.isEnabled()
    window.grab().save(str(database.parent / "duty.png"))


def test_case_without_a_menu_hides_the_section(qtbot, database, departments, store, operator):
    window = make_window(qtbot, database, store)
    case = lifecycle.intake({"title": "其他诉求"}, NOW, operator)
    window.case_pane.show_case(case.id)
    assert not window.case_pane.duty_steps.isVisible()
