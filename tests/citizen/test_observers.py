"""The observer roster: masked contact, revealing it recorded, coverage per community, assignments, certificates."""

from datetime import date, datetime, timedelta

import pytest

from tests.citizen.citizen_helpers import replied_case
from tests.documents.pdfprobe import page_texts
from wzdesk.cases import lifecycle
from wzdesk.citizen import observers, verification
from wzdesk.errors import UserError
from wzdesk.models import CaseEvent, Notice, Operator
from wzdesk.models.chain import verify_chain

AT = datetime(2026, 11, 2, 9, 0)
BASE = {"name": "周桂芳", "kind": "退休教师", "district": "双清区", "street": "龙须塘街道", "community": "龙须塘社区",
        "phone": "13812345678", "id_no": "43050219600101123X"}


def test_the_roster_masks_phone_and_id_number(operator):
    """Every row shows 138****5678 and a masked ID number."""
    observers.add_observer(BASE, AT, operator)
    row = observers.observer_rows()[0]
    assert (row.phone, row.id_no) == ("138****5678", "430***********123X")


@pytest.mark.parametrize("change, message", [({"name": ""}, "姓名"), ({"community": ""}, "社区"),
                                             ({"phone": "12345"}, "联系电话"), ({"id_no": "4305"}, "18 位")])
def test_bad_details_are_refused(operator, change, message):
    with pytest.raises(UserError, match=message):
        observers.add_observer({**BASE, **change}, AT, operator)


def test_editing_with_the_masked_number_left_as_shown_keeps_the_real_one(operator):
    """The edit form shows masked numbers; saving them unchanged must not store the stars."""
    observer = observers.add_observer(BASE, AT, operator)
    observers.edit_observer(observer, {**BASE, "phone": "138****5678", "id_no": "430***********123X",
                                       "kind": "老党员"}, AT, operator)
    assert (observer.phone, observer.id_no, observer.kind) == ("13812345678", "43050219600101123X", "老党员")


def test_every_roster_change_is_a_ledger_event_without_the_numbers(operator):
    """Adding, editing and retiring each write one case-less event naming the observer, never a number;
    saving the form unchanged writes nothing."""
    observer = observers.add_observer(BASE, AT, operator)
    observers.edit_observer(observer, {**BASE, "phone": "13900001111"}, AT, operator)
    observers.edit_observer(observer, {**BASE, "phone": "139****1111", "id_no": "430***********123X"}, AT, operator)
    observers.retire(observer, AT + timedelta(days=30), operator)
    events = list(CaseEvent.select().where(CaseEvent.action.startswith("observer_")).order_by(CaseEvent.id))
    assert [e.action for e in events] == ["observer_added", "observer_edited", "observer_retired"]
    # Issue 19: events name observers by id, never by name.
    assert events[1].note == f"修改观察员（编号 {observer.id}）的电话" and all(e.case_id is None for e in events)
    assert not any("周桂芳" in e.note for e in events)
    assert not any(n in e.note + e.data for e in events for n in ("13812345678", "13900001111", "1960"))
    assert observer.retired_on == date(2026, 12, 2) and verify_chain() is None


def test_revealing_contact_needs_the_permission_and_is_recorded(operator):
    """A clerk is refused; a supervisor sees the number and a case-less reveal event is written."""
    observer = observers.add_observer(BASE, AT, operator)
    clerk = Operator.create(username="c", display_name="办事员甲", role="clerk", created_at=AT)
    boss = Operator.create(username="b", display_name="科长乙", role="supervisor", created_at=AT)
    with pytest.raises(UserError, match="无权"):
        observers.reveal_contact(observer, AT, clerk)
    assert observers.reveal_contact(observer, AT, boss) == ("13812345678", "43050219600101123X")
    event = CaseEvent.select().where(CaseEvent.action == "reveal").get()
    assert event.case_id is None and event.operator_id == boss.id and "13812345678" not in event.note


def test_coverage_lists_communities_short_of_three_from_observers_and_cases(operator, departments):
    """A community with cases but no observer is short; one with three is on target; retired ones do not count."""
    for n in range(3):
        observers.add_observer({**BASE, "name": f"观察员{n}", "phone": ""}, AT, operator)
    spare = observers.add_observer({**BASE, "name": "退出者", "community": "东塔社区", "phone": ""}, AT, operator)
    observers.retire(spare, AT, operator)
    place = {"district": "大祥区", "street": "城西街道", "community": "敏州社区"}
    lifecycle.intake({"title": "路灯", **place}, AT, operator)
    rows = {r.community: r for r in observers.coverage()}
    assert rows["龙须塘社区"].state == "达标" and rows["东塔社区"].observers == 0
    assert (rows["敏州社区"].observers, rows["敏州社区"].cases, rows["敏州社区"].state) == (0, 1, "缺 3 名")
    assert {r.community for r in observers.short_communities()} == {"东塔社区", "敏州社区"}
    with pytest.raises(UserError, match="已于"):
        observers.retire(spare, AT, operator)


def test_assignments_and_participation_count_what_each_observer_found(operator, departments):
    """An observer on a passed check with a remark: one participation, no problem found (issue 17: 发现问题
    counts findings that differed from the department's reply, not remarks)."""
    observer = observers.add_observer(BASE, AT, operator)
    case = replied_case(departments[0], AT, operator)
    booked = verification.book(case, AT + timedelta(days=1), "王芳", AT + timedelta(hours=4), operator,
                               observers=[observer])
    verification.record_result(case, True, "灯已亮", AT + timedelta(days=1, hours=1), operator, booking=booked,
                               observer_findings={observer.id: "晚上复看灯亮"})
    [row] = observers.assignments(observer.id)
    assert (row.case_code, row.finding, row.result) == (case.code, "晚上复看灯亮", "通过")
    assert (observers.observer_rows()[0].assignments, observers.observer_rows()[0].findings) == (1, 0)


def test_a_failed_check_or_a_marked_finding_is_a_problem_found(operator, departments):
    """Three checks: passed with a remark (0), failed (1), passed but the clerk marks the finding (1) → 3, 2."""
    observer = observers.add_observer(BASE, AT, operator)
    outcomes = [(True, ()), (False, ()), (True, (observer.id,))]
    for n, (passed, marked) in enumerate(outcomes):
        case = replied_case(departments[0], AT, operator, title=f"路灯{n}")
        booked = verification.book(case, AT + timedelta(days=1), "王芳", AT + timedelta(hours=4), operator,
                                   observers=[observer])
        verification.record_result(case, passed, "核验", AT + timedelta(days=1, hours=1), operator, booking=booked,
                                   observer_findings={observer.id: "楼道另有两盏不亮"}, problems_found=marked)
    row = observers.observer_rows()[0]
    assert (row.assignments, row.problems_found, row.findings) == (3, 2, 2)
    case = replied_case(departments[0], AT, operator, title="路灯9")
    with pytest.raises(UserError, match="没有参加"):
        verification.record_result(case, True, "核验", AT + timedelta(days=2), operator, problems_found=[observer.id])


def test_the_certificate_is_numbered_in_the_register_without_the_name(operator, tmp_path):
    """监督能手证书: a numbered Notice whose recipient is the community; the PDF carries name and number."""
    observer = observers.add_observer(BASE, AT, operator)
    notice, pdf = observers.issue_certificate(observer, tmp_path / "证书 周.pdf", date(2026, 12, 1), AT)
    assert notice.kind == "certificate" and Notice.select().count() == 1
    assert "周桂芳" not in notice.recipient
    text = "".join(page_texts(pdf)).replace(" ", "")
    assert "周桂芳" in text and notice.number_text in text
