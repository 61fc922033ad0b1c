"""Duty menus: steps owed on dispatch, completion as ledger events, breaches that flag the case red."""

from datetime import datetime, timedelta

import pytest

from wzdesk.board.colours import colour_of
from wzdesk.cases import lifecycle
from wzdesk.cases.duties import case_step_by_id, complete, outstanding_steps, record_breaches, step_states
from wzdesk.errors import UserError
from wzdesk.models import Case, CaseDutyStep, CaseEvent, Category
from wzdesk.supervision.ladder import run_ladder

T0 = datetime(2026, 10, 8, 9, 0)


def dispatched(operator, dept, category: str) -> Case:
    cat = Category.get(Category.name == category)
    case = lifecycle.intake({"title": "测试诉求", "category": cat}, T0, operator)
    return lifecycle.dispatch(case, dept, T0, operator)


def test_noise_menu_steps_and_their_due_times(operator, departments):
    case = dispatched(operator, departments[1], "噪音扰民")
    due = {s.step.name: s.due_at for s in case.duty_steps}
    assert due == {"联系反映人": T0 + timedelta(hours=1), "上门测量分贝": T0 + timedelta(hours=24),
                   "出具书面处理决定": T0 + timedelta(days=3)}


def test_social_insurance_transfer_counts_working_days(operator, departments):
    case = dispatched(operator, departments[0], "社保转移")
    letter = next(s for s in case.duty_steps if s.step.name == "寄出转移函件")
    assert letter.due_at == datetime(2026, 10, 14, 23, 59, 59)  # 9, 10 (Sat, make-up), 12, 13, 14


def test_step_done_in_time_is_an_event_and_no_breach(operator, departments):
    case = dispatched(operator, departments[1], "噪音扰民")
    first = case.duty_steps.join(CaseDutyStep.step.rel_model).where(
        CaseDutyStep.step.rel_model.seq == 1).get()
    complete(first, T0 + timedelta(minutes=40), operator)
    assert CaseEvent.select().where(CaseEvent.action == "duty_step_done").count() == 1
    assert record_breaches(T0 + timedelta(minutes=61), operator) == []
    with pytest.raises(UserError, match="无需重复"):
        complete(first, T0 + timedelta(minutes=50), operator)


def test_missed_step_is_a_breach_against_the_department_and_turns_the_case_red(operator, departments):
    case = dispatched(operator, departments[1], "噪音扰民")
    breaches = record_breaches(T0 + timedelta(hours=1, minutes=1), operator)
    assert [b.step.name for b in breaches] == ["联系反映人"]
    assert breaches[0].department_id == departments[1].id
    assert Case.get_by_id(case.id).flag_duty_breach
    assert colour_of(case.id, T0 + timedelta(hours=2), 7) == "red"
    assert record_breaches(T0 + timedelta(hours=2), operator) == []  # recorded once
    states = dict((s.step.name, state) for s, state in step_states(case, T0 + timedelta(hours=2)))
    assert states == {"联系反映人": "已超时", "上门测量分贝": "待办", "出具书面处理决定": "待办"}


def test_photo_evidence_is_required_where_the_menu_says(operator, departments):
    case = dispatched(operator, departments[2], "垃圾满溢")
    step = case.duty_steps.get()
    with pytest.raises(UserError, match="佐证"):
        complete(step, T0 + timedelta(hours=3), operator)
    complete(step, T0 + timedelta(hours=3), operator, evidence="清运后照片 2 张")
    assert step_states(case, T0 + timedelta(hours=30))[0][1] == "已完成"


def test_ladder_run_records_breaches_but_does_not_list_them_as_rungs(operator, departments):
    case = dispatched(operator, departments[1], "噪音扰民")
    lifecycle.accept(case, T0 + timedelta(minutes=30), operator)
    assert run_ladder(T0 + timedelta(hours=2), operator) == []
    assert CaseEvent.select().where(CaseEvent.action == "duty_breach").count() == 1


def test_outstanding_steps_leave_out_the_done_ones(operator, departments):
    """The noise menu owes three steps; once the first is done two remain, found again by id."""
    case = dispatched(operator, departments[1], "噪音扰民")
    assert [s.step.name for s in outstanding_steps(case)] == ["联系反映人", "上门测量分贝", "出具书面处理决定"]
    first = outstanding_steps(case)[0]
    complete(case_step_by_id(first.id), T0 + timedelta(minutes=40), operator)
    assert [s.step.name for s in outstanding_steps(case)] == ["上门测量分贝", "出具书面处理决定"]
    assert case_step_by_id(None) is None
