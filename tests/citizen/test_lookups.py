"""The lookups the citizen dialogs call: observers near a case, by id, booked for a check; a complaint by id."""

from datetime import datetime, timedelta

from tests.citizen.citizen_helpers import replied_case
from wzdesk.citizen import complaints, observers, verification

AT = datetime(2026, 11, 2, 9, 0)
PERSON = {"kind": "退休教师", "district": "双清区", "street": "龙须塘街道", "phone": ""}


def _observer(name: str, community: str, operator):
    return observers.add_observer({**PERSON, "name": name, "community": community}, AT, operator)


def test_observers_near_a_case_put_its_community_first_and_leave_out_the_retired(operator, departments):
    case = replied_case(departments[2], AT, operator)
    case.community = "龙须塘社区"
    case.save()
    far = _observer("周桂芳", "东塔社区", operator)
    near = _observer("陈建国", "龙须塘社区", operator)
    gone = _observer("刘小红", "龙须塘社区", operator)
    observers.retire(gone, AT, operator)
    assert [o.id for o in observers.observers_near(case)] == [near.id, far.id]
    assert [o.id for o in observers.observers_near(case, limit=1)] == [far.id]  # the first by community


def test_observers_by_ids_and_those_booked_for_a_check(operator, departments):
    case = replied_case(departments[0], AT, operator)
    first, second = _observer("周桂芳", "东塔社区", operator), _observer("陈建国", "龙须塘社区", operator)
    assert [o.id for o in observers.observers_by_ids([second.id, 99999, first.id])] == [second.id, first.id]
    assert observers.observer_by_id(first.id).name == "周桂芳"
    assert observers.observer_by_id(None) is None
    booking = verification.book(case, AT + timedelta(days=1), "王芳", AT, operator, observers=[second, first])
    assert [o.id for o in verification.booked_observers(booking)] == [second.id, first.id]


def test_a_complaint_by_id(operator, departments):
    case = replied_case(departments[0], AT, operator)
    complaint = complaints.record_complaint(case, "说修好了其实没修", AT + timedelta(hours=5), operator)
    assert complaints.complaint_by_id(complaint.id).content == "说修好了其实没修"
    assert complaints.complaint_by_id(None) is None
