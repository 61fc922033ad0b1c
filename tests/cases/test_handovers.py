"""Returns and reassignments: the old department is let off its open duty steps, never breached (issue 15).

The noise menu: 联系反映人 within 1 hour, 上门测量分贝 within 24 hours, 出具书面处理决定 within 3 days.
"""

from datetime import datetime, timedelta

import pytest

from wzdesk.cases import lifecycle
from wzdesk.cases.duties import step_states
from wzdesk.cases.handovers import handover_counts
from wzdesk.errors import UserError
from wzdesk.models import CaseDutyStep, CaseEvent, Category
from wzdesk.supervision.ladder import run_ladder

T0 = datetime(2026, 10, 8, 9, 0)  # Thu


@pytest.fixture
def noise(operator):
    cat = Category.get(Category.name == "噪音扰民")
    return lifecycle.intake({"title": "夜间施工噪音", "category": cat}, T0 - timedelta(hours=1), operator)


def _states(case, dept, at):
    return {row.step.name: state for row, state in step_states(case, at) if row.department_id == dept.id}


def test_a_return_after_25_minutes_is_no_breach(noise, operator, departments):
    first, second, _third = departments
    lifecycle.dispatch(noise, first, T0, operator)
    lifecycle.reassign(noise, second, "属生态环境局职责", T0 + timedelta(minutes=5), operator)
    lifecycle.return_case(noise, "施工许可属住建部门", T0 + timedelta(minutes=30), operator)  # 25 minutes on
    at = datetime(2026, 10, 12, 9, 0)  # Mon: every step of both departments long past due
    run_ladder(at, operator)
    assert CaseEvent.select().where(CaseEvent.action == "duty_breach").count() == 0
    assert CaseDutyStep.select().where(CaseDutyStep.breached_at.is_null(False)).count() == 0
    assert set(_states(noise, first, at).values()) == {"改派"}
    assert set(_states(noise, second, at).values()) == {"退回"}
    assert not type(noise).get_by_id(noise.id).flag_duty_breach


def test_the_new_department_owes_its_steps_from_its_own_dispatch(noise, operator, departments):
    first, _second, third = departments
    lifecycle.dispatch(noise, first, T0, operator)
    redispatch = datetime(2026, 10, 9, 14, 0)
    lifecycle.reassign(noise, third, "属地管理", redispatch, operator)
    owed = {s.step.name: s.due_at for s in CaseDutyStep.select().where(CaseDutyStep.department == third.id)}
    assert owed["联系反映人"] == datetime(2026, 10, 9, 15, 0)
    assert run_ladder(datetime(2026, 10, 9, 15, 0), operator) == []
    assert CaseEvent.select().where(CaseEvent.action == "duty_breach").count() == 0
    run_ladder(datetime(2026, 10, 9, 15, 1), operator)
    breaches = list(CaseDutyStep.select().where(CaseDutyStep.breached_at.is_null(False)))
    assert [(b.department_id, b.step.name) for b in breaches] == [(third.id, "联系反映人")]


def test_a_department_the_case_comes_back_to_owes_its_steps_afresh(noise, operator, departments):
    first, second, _ = departments
    lifecycle.dispatch(noise, first, T0, operator)
    lifecycle.reassign(noise, second, "属生态环境局职责", T0 + timedelta(minutes=5), operator)
    back = datetime(2026, 10, 9, 9, 0)
    lifecycle.reassign(noise, first, "经会商仍由城管局办理", back, operator)
    assert _states(noise, first, back) == {"联系反映人": "待办", "上门测量分贝": "待办", "出具书面处理决定": "待办"}
    row = CaseDutyStep.get(CaseDutyStep.department == first.id, CaseDutyStep.step.in_(
        [s.step for s in CaseDutyStep.select() if s.step.name == "联系反映人"]))
    assert row.due_at == datetime(2026, 10, 9, 10, 0)


def test_the_first_receiver_may_not_return_a_case(noise, operator, departments):
    lifecycle.dispatch(noise, departments[0], T0, operator)
    with pytest.raises(UserError, match="首接负责制"):
        lifecycle.return_case(noise, "不属本单位职责", T0 + timedelta(minutes=25), operator)
    assert type(noise).get_by_id(noise.id).status == "dispatched"
    assert CaseEvent.select().where(CaseEvent.action == "return").count() == 0


def test_returns_and_reassignments_are_counted_per_department(noise, operator, departments):
    first, second, third = departments
    lifecycle.dispatch(noise, first, T0, operator)
    lifecycle.reassign(noise, second, "属生态环境局职责", T0 + timedelta(minutes=5), operator)
    lifecycle.return_case(noise, "施工许可属住建部门", T0 + timedelta(minutes=30), operator)
    lifecycle.dispatch(noise, third, T0 + timedelta(hours=2), operator)
    counts = handover_counts(datetime(2026, 10, 1), datetime(2026, 11, 1))
    assert counts == {first.id: {"returned": 0, "reassigned": 1}, second.id: {"returned": 1, "reassigned": 0}}
    assert handover_counts(datetime(2026, 11, 1), datetime(2026, 12, 1)) == {}
