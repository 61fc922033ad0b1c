"""The morning ladder runs in the background when the app starts, and a case change re-evaluates it."""

from datetime import datetime, timedelta

from tests.ui.conftest import make_window
from wzdesk.cases import lifecycle
from wzdesk.models import CaseEvent, LadderStep, Notice
from wzdesk.ui.morning import run_morning_ladder

NOW = datetime(2026, 11, 20, 10, 0)


def test_morning_run_produces_the_days_letters_without_blocking(qtbot, database, departments, store, operator):
    case = lifecycle.intake({"title": "东风路路灯不亮"}, NOW - timedelta(days=3), operator)
    lifecycle.dispatch(case, departments[0], NOW - timedelta(days=3), operator)
    window = make_window(qtbot, database, store)
    task = run_morning_ladder(window)
    with qtbot.waitSignal(task.finished, timeout=20000):
        pass
    assert LadderStep.select().where(LadderStep.step == "reminder_letter").count() == 1
    assert Notice.get().number_text == "邵问督提〔2026〕1号"
    assert "今日催办产生 1 项" in window.statusBar().currentMessage()


def test_a_case_change_runs_the_ladder_for_that_case(qtbot, database, departments, store, operator):
    window = make_window(qtbot, database, store)
    case = lifecycle.intake({"title": "红旗路噪音扰民"}, NOW - timedelta(days=2), operator)
    lifecycle.dispatch(case, departments[1], NOW - timedelta(days=2), operator)
    window.case_changed(case.id)
    assert CaseEvent.select().where(CaseEvent.action == "reminder_letter").count() == 1
