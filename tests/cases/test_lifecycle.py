"""Every lifecycle transition, allowed and refused, each written with its ledger event."""

import hashlib
import json
from datetime import datetime, timedelta

import pytest

from wzdesk.cases import lifecycle, repeats
from wzdesk.cases.lifecycle import ALLOWED_FROM
from wzdesk.errors import UserError
from wzdesk.models import Case, CaseCoDepartment, CaseEvent
from wzdesk.models.chain import HASHED_COLUMNS, verify_chain
from wzdesk.vocabulary import STATUS_LABELS

T0 = datetime(2026, 10, 8, 9, 0)


def hours(n: float) -> datetime:
    return T0 + timedelta(hours=n)


def new_case(operator, **fields) -> Case:
    return lifecycle.intake({"title": "龙须塘社区路灯不亮", "content": "晚上一片漆黑", **fields}, T0, operator)


def to_status(status: str, operator, departments) -> Case:
    """Walk a fresh case through the lifecycle to `status`."""
    case = new_case(operator)
    lead = departments[0]
    # Issue 15 (首接负责制): the first receiver may not return a case, so each case starts with another
    # department and is reassigned to `lead`, which may then return it as the matrix below expects.
    def dispatched(c):
        lifecycle.dispatch(c, departments[2], hours(1), operator)
        return lifecycle.reassign(c, lead, "改由城管局办理", hours(1), operator)

    steps = {
        "dispatched": dispatched,
        "accepted": lambda c: lifecycle.accept(c, hours(2), operator),
        "in_progress": lambda c: lifecycle.progress(c, "已到现场查看", hours(3), operator),
        "replied": lambda c: lifecycle.reply(c, "已更换灯具", hours(4), operator),
        "verified": lambda c: lifecycle.verify(c, True, "晚上路灯已亮", hours(5), operator),
        "closed": lambda c: lifecycle.close(c, hours(6), operator),
    }
    if status == "received":
        return case
    if status == "merged":  # issue 23: a repeat merged into another case of the same problem
        return repeats.merge(case, new_case(operator), hours(1), operator)
    if status == "returned":
        dispatched(case)
        return lifecycle.return_case(case, "不属于本单位职责", hours(2), operator)
    for name, step in steps.items():
        step(case)
        if name == status:
            return case
    raise AssertionError(status)


ACTIONS = {
    "dispatch": lambda c, op, d: lifecycle.dispatch(c, d[1], hours(8), op),
    "accept": lambda c, op, d: lifecycle.accept(c, hours(8), op),
    "return": lambda c, op, d: lifecycle.return_case(c, "职责不符", hours(8), op),
    "reassign": lambda c, op, d: lifecycle.reassign(c, d[2], "改由街道办理", hours(8), op),
    "progress": lambda c, op, d: lifecycle.progress(c, "正在处理", hours(8), op),
    "reply": lambda c, op, d: lifecycle.reply(c, "已处理", hours(8), op),
    "verify_pass": lambda c, op, d: lifecycle.verify(c, True, "已修好", hours(8), op),
    "verify_fail": lambda c, op, d: lifecycle.verify(c, False, "仍不亮", hours(8), op),
    "rate": lambda c, op, d: lifecycle.rate(c, "satisfied", hours(8), op),
    "reopen": lambda c, op, d: lifecycle.reopen(c, "群众反映仍未解决", hours(8), op),
}


@pytest.mark.parametrize("status", list(STATUS_LABELS))
@pytest.mark.parametrize("action", list(ACTIONS))
def test_each_action_allowed_only_from_its_statuses(status, action, operator, departments):
    """An allowed action writes exactly one event; a refused one writes nothing and says why in Chinese."""
    case = to_status(status, operator, departments)
    events_before = CaseEvent.select().count()
    if status in ALLOWED_FROM[action]:
        ACTIONS[action](case, operator, departments)
        assert CaseEvent.select().count() == events_before + 1
        last = CaseEvent.select().order_by(CaseEvent.id.desc()).get()
        assert (last.action, last.from_status, last.case_id) == (action, status, case.id)
        assert last.to_status == Case.get_by_id(case.id).status
    else:
        with pytest.raises(UserError, match="不能"):
            ACTIONS[action](case, operator, departments)
        assert CaseEvent.select().count() == events_before
        assert Case.get_by_id(case.id).status == status


def test_intake_codes_follow_a_per_year_sequence(operator):
    """Hand-entered cases get WZ-2026-000001, -000002 …; a new year starts again at 1."""
    first, second = new_case(operator), new_case(operator)
    next_year = lifecycle.intake({"title": "下水道堵塞"}, datetime(2027, 1, 4, 9), operator)
    assert [first.code, second.code, next_year.code] == ["WZ-2026-000001", "WZ-2026-000002", "WZ-2027-000001"]


def test_imported_case_keeps_platform_code_and_duplicates_are_refused(operator):
    case = lifecycle.intake({"title": "噪音扰民"}, T0, operator, code="12345-20261008-0001")
    assert case.code == "12345-20261008-0001"
    with pytest.raises(UserError, match="已存在"):
        lifecycle.intake({"title": "噪音扰民"}, T0, operator, code="12345-20261008-0001")
    assert Case.select().count() == 1


def test_hand_code_skips_a_number_taken_by_an_import(operator):
    lifecycle.intake({"title": "占号"}, T0, operator, code="WZ-2026-000001")
    assert new_case(operator).code == "WZ-2026-000002"


def test_intake_refuses_missing_title_and_bad_grade(operator):
    with pytest.raises(UserError, match="诉求标题"):
        lifecycle.intake({"title": "  "}, T0, operator)
    with pytest.raises(UserError, match="分级"):
        lifecycle.intake({"title": "路灯", "grade": "huge"}, T0, operator)
    assert Case.select().count() == 0 and CaseEvent.select().count() == 0


def test_dispatch_sets_first_receiver_clock_and_co_departments(operator, departments):
    lead, co, _ = departments
    case = lifecycle.dispatch(new_case(operator), lead, T0, operator, co_departments=[co, lead])
    assert case.first_receiver_id == lead.id and case.lead_department_id == lead.id
    assert case.due_at == datetime(2026, 10, 12, 23, 59, 59)
    assert case.response_due_at == datetime(2026, 10, 9, 9, 0)
    assert [link.department_id for link in CaseCoDepartment.select()] == [co.id]
    event = CaseEvent.select().order_by(CaseEvent.id.desc()).get()
    assert event.to_department_id == lead.id and "协办" in event.note


def test_return_and_redispatch_restarts_the_clock_for_the_new_department(operator, departments):
    """Issue 15: the first receiver may not return, so the case reaches `lead` by reassignment first."""
    lead, other, first = departments
    case = lifecycle.dispatch(new_case(operator), first, T0, operator)
    with pytest.raises(UserError, match="首接单位"):
        lifecycle.return_case(case, "不属于本单位职责", hours(1), operator)
    lifecycle.reassign(case, lead, "属城管职责", hours(2), operator)
    lifecycle.return_case(case, "不属于本单位职责", hours(5), operator)
    assert case.due_at is None and case.status == "returned"
    redispatched = datetime(2026, 10, 12, 10, 0)
    lifecycle.dispatch(case, other, redispatched, operator)
    assert case.lead_department_id == other.id and case.first_receiver_id == first.id
    assert case.dispatched_at == redispatched and case.dispatch_count == 3
    assert case.due_at == datetime(2026, 10, 15, 23, 59, 59)


def test_reassign_restarts_clock_and_refuses_same_department(operator, departments):
    lead, other, _ = departments
    case = lifecycle.dispatch(new_case(operator), lead, T0, operator)
    lifecycle.accept(case, hours(1), operator)
    with pytest.raises(UserError, match="无需改派"):
        lifecycle.reassign(case, lead, "原单位", hours(2), operator)
    lifecycle.reassign(case, other, "改由生态环境局办理", datetime(2026, 10, 9, 9), operator)
    assert case.status == "dispatched" and case.responded_at is None
    assert case.due_at == datetime(2026, 10, 13, 23, 59, 59)


def test_return_needs_a_reason(operator, departments):
    case = lifecycle.dispatch(new_case(operator), departments[0], T0, operator)
    with pytest.raises(UserError, match="退回理由"):
        lifecycle.return_case(case, "", hours(1), operator)
    assert Case.get_by_id(case.id).status == "dispatched"


def test_progress_from_a_department_not_on_the_case_is_refused(operator, departments):
    lead, co, outsider = departments
    case = lifecycle.dispatch(new_case(operator), lead, T0, operator, co_departments=[co])
    lifecycle.accept(case, hours(1), operator)
    lifecycle.progress(case, "协办单位到场配合", hours(2), operator, department=co)
    with pytest.raises(UserError, match="不是工单"):
        lifecycle.progress(case, "越权", hours(3), operator, department=outsider)


def test_close_needs_passed_check_or_a_rating_that_is_not_dissatisfied(operator, departments):
    case = to_status("replied", operator, departments)
    with pytest.raises(UserError, match="还不能办结"):
        lifecycle.close(case, hours(9), operator)
    lifecycle.rate(case, "basically_satisfied", hours(10), operator)
    lifecycle.close(case, hours(11), operator)
    assert case.status == "closed" and case.closed_at == hours(11)


def test_dissatisfied_rating_reopens_as_false_closure(operator, departments):
    case = to_status("closed", operator, departments)
    lifecycle.rate(case, "dissatisfied", hours(20), operator, comment="还是不亮")
    assert case.status == "in_progress" and case.flag_false_closure and case.reopen_count == 1
    assert case.closed_at is None


def test_failed_verification_reopens_for_rework(operator, departments):
    case = to_status("replied", operator, departments)
    lifecycle.verify(case, False, "现场查看路灯仍不亮", hours(8), operator)
    assert case.status == "in_progress" and case.flag_false_closure
    lifecycle.reply(case, "已返工更换线路", hours(30), operator)
    with pytest.raises(UserError, match="还不能办结"):
        lifecycle.close(case, hours(31), operator)


def test_time_before_receipt_is_refused(operator, departments):
    case = new_case(operator)
    with pytest.raises(UserError, match="早于"):
        lifecycle.dispatch(case, departments[0], T0 - timedelta(days=1), operator)


def test_every_event_is_chained_and_the_chain_verifies(operator, departments):
    to_status("closed", operator, departments)
    to_status("returned", operator, departments)
    assert verify_chain() is None
    # Each event's hash covers the one before it: sha256 of the JSON list [previous hash, its columns].
    # The previous hash is not stored again on the event (it is the previous event's own, issue 26).
    columns = ", ".join(HASHED_COLUMNS)
    rows = CaseEvent._meta.database.execute_sql(f"SELECT {columns}, prev_hash, hash FROM case_event ORDER BY id")
    previous = "0" * 64
    for row in rows.fetchall():
        text = json.dumps([previous, *row[:-2]], ensure_ascii=False, separators=(",", ":"))
        assert row[-1] == hashlib.sha256(text.encode("utf-8")).hexdigest() and row[-2] == ""
        previous = row[-1]


def test_holder_says_who_has_the_case(operator, departments):
    case = to_status("accepted", operator, departments)
    assert lifecycle.holder(case) == "邵阳市城市管理和综合执法局"
    assert lifecycle.holder(to_status("returned", operator, departments)).startswith("督办室")
