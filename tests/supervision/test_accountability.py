"""The accountability register: propose by hand, confirm / dismiss / revoke with permissions, the leader offer."""

from datetime import datetime

import pytest

from wzdesk.cases import lifecycle
from wzdesk.errors import UserError
from wzdesk.models import Accountability, CaseEvent, Operator
from wzdesk.supervision import accountability

AT = datetime(2026, 11, 3, 10, 0)


def make_operator(role: str, name: str) -> Operator:
    return Operator.create(username=name, display_name=f"{name}同志", role=role, created_at=AT)


@pytest.fixture
def clerk(database):
    return make_operator("clerk", "clerk1")


@pytest.fixture
def supervisor(database):
    return make_operator("supervisor", "boss1")


@pytest.fixture
def case(operator, departments):
    c = lifecycle.intake({"title": "红旗路路灯不亮", "petitioner_name": "李桂兰"}, AT, operator)
    return lifecycle.dispatch(c, departments[0], AT, operator)


def test_a_clerk_proposes_a_record_linked_to_a_case_with_an_event_on_it(clerk, departments, case):
    """Any clerk may propose; the linked case gets an accountability_proposed event."""
    record = accountability.propose(departments[0], "department", "circulated_criticism", "路灯长期不修", AT, clerk,
                                    problem_type="市政设施", cases=[case])
    assert record.status == "proposed" and record.proposed_by.id == clerk.id
    events = CaseEvent.select().where(CaseEvent.case == case, CaseEvent.action == "accountability_proposed")
    assert events.count() == 1


def test_a_proposal_without_cases_writes_one_case_less_event(clerk, departments):
    """A record that concerns no case is still in the ledger, as a case-less event."""
    accountability.propose(departments[1], "department", "performance_deduction", "月度考核垫底", AT, clerk)
    event = CaseEvent.select().where(CaseEvent.action == "accountability_proposed").get()
    assert event.case_id is None and event.department_id == departments[1].id


@pytest.mark.parametrize("kwargs, message", [
    ({"sanction": "fine"}, "问责方式"), ({"reason": "  "}, "理由"), ({"target_kind": "person"}, "姓名"),
])
def test_refused_proposals_write_nothing(clerk, departments, kwargs, message):
    """Bad input is refused in Chinese and leaves no record and no event."""
    args = {"target_kind": "department", "sanction": "circulated_criticism", "reason": "超期", **kwargs}
    with pytest.raises(UserError, match=message):
        accountability.propose(departments[0], args["target_kind"], args["sanction"], args["reason"], AT, clerk)
    assert Accountability.select().count() == 0 and CaseEvent.select().where(
        CaseEvent.action == "accountability_proposed").count() == 0


def test_a_leader_target_takes_the_departments_leader_in_charge(clerk, departments):
    """Accountability reaches the leader: target 分管领导 fills in the department's leader."""
    record = accountability.propose(departments[0], "leader", "admonishment", "分管不力", AT, clerk)
    assert (record.person_name, record.person_title) == ("刘志明", "副局长")


def test_only_a_supervisor_confirms_and_the_unit_sanction_offers_one_on_its_leader(clerk, supervisor, departments,
                                                                                    case):
    """A clerk is refused; the supervisor's confirmation returns an unsaved leader record to offer."""
    record = accountability.propose(departments[0], "department", "circulated_criticism", "超期未办", AT, clerk,
                                    cases=[case])
    with pytest.raises(UserError, match="无权确认或撤销问责"):
        accountability.confirm(record, AT, clerk)
    assert Accountability.get_by_id(record.id).status == "proposed"
    offer = accountability.confirm(record, AT, supervisor)
    assert record.status == "confirmed" and offer is not None and offer.id is None
    assert (offer.target_kind, offer.sanction, offer.person_name) == ("leader", "admonishment", "刘志明")
    leader = accountability.accept_suggestion(offer, record, AT, supervisor)
    assert leader.status == "confirmed" and [link.case.id for link in leader.case_links] == [case.id]
    assert accountability.leader_suggestion(record) is None  # offered once only


def test_revoking_needs_a_supervisor_a_reason_and_a_confirmed_record(clerk, supervisor, departments):
    """Revocation keeps the record, marked revoked with its reason, and writes a case-less event."""
    record = accountability.propose(departments[0], "department", "no_award", "连续不满意", AT, clerk)
    with pytest.raises(UserError, match="已确认"):
        accountability.revoke(record, "复核有误", AT, supervisor)
    accountability.confirm(record, AT, supervisor)
    with pytest.raises(UserError, match="无权"):
        accountability.revoke(record, "复核有误", AT, clerk)
    with pytest.raises(UserError, match="理由"):
        accountability.revoke(record, "", AT, supervisor)
    accountability.revoke(record, "复核有误", AT, supervisor)
    assert (record.status, record.status_note) == ("revoked", "复核有误")
    assert CaseEvent.select().where(CaseEvent.action == "accountability_revoked", CaseEvent.case.is_null()).count() == 1


def test_dismissal_is_a_supervisors_decision_too(clerk, supervisor, departments):
    """Dismissing a proposal needs the permission and a reason."""
    record = accountability.propose(departments[0], "department", "no_award", "连续不满意", AT, clerk)
    with pytest.raises(UserError, match="无权"):
        accountability.dismiss(record, "情况已说明", AT, clerk)
    accountability.dismiss(record, "情况已说明", AT, supervisor)
    assert record.status == "dismissed"


def test_register_filters_and_department_history(clerk, supervisor, departments, case):
    """The register narrows by status, department, sanction and month; the history counts confirmed ones."""
    a = accountability.propose(departments[0], "department", "circulated_criticism", "超期", AT, clerk, cases=[case])
    accountability.propose(departments[1], "department", "no_award", "不满意", AT, clerk)
    accountability.confirm(a, AT, supervisor)
    assert [r.id for r in accountability.register_rows(status="confirmed")] == [a.id]
    assert len(accountability.register_rows(department_id=departments[1].id)) == 1
    assert accountability.register_rows(sanction="no_award")[0].sanction == "取消评优"
    assert accountability.register_rows(month="2026-10") == []
    assert [r.case_codes for r in accountability.register_rows(month="2026-11")] == ["", case.code]
    assert accountability.department_history(departments[0].id) == {"通报批评": 1}
    assert accountability.register_months() == ["2026-11"]
