"""Interviews: scheduling with a numbered notice, holding them, and settling commitments."""

from datetime import date, datetime

import pytest

from tests.documents.pdfprobe import page_texts
from wzdesk.cases import lifecycle
from wzdesk.errors import UserError
from wzdesk.models import Accountability, CaseEvent, Interview, Notice
from wzdesk.notices import service as document_service
from wzdesk.supervision import interviews

AT = datetime(2026, 11, 2, 9, 0)
WHEN = datetime(2026, 11, 5, 9, 30)


@pytest.fixture
def case(operator, departments):
    c = lifecycle.intake({"title": "夜间施工噪音扰民"}, AT, operator)
    return lifecycle.dispatch(c, departments[1], AT, operator)


def test_scheduling_issues_a_numbered_interview_notice_that_prints(operator, departments, case, tmp_path):
    """The notice is numbered through notices.issue and renders with time, place and the post."""
    interview = interviews.schedule(departments[1], WHEN, "leader", AT, operator, place="督办室二楼会议室",
                                    conductor="督办室主任", attendees="环境局分管副局长、执法支队负责人",
                                    reason="夜间施工噪音反复投诉", cases=[case])
    notice = interview.notice
    assert notice.kind == "interview_notice" and notice.number_text.startswith("邵问督约〔2026〕")
    assert (interview.interviewee, interview.interviewee_title) == ("刘志明", "副局长")
    pdf = document_service.render_notice(notice, tmp_path / "约谈 通知.pdf")
    text = "".join(page_texts(pdf))
    assert "督办室二楼会议室" in text and "刘志明" not in text
    assert CaseEvent.select().where(CaseEvent.case == case, CaseEvent.action == "interview_scheduled").exists()


@pytest.mark.parametrize("who, reason, when, message", [
    ("boss", "事由", WHEN, "约谈对象"), ("head", " ", WHEN, "事由"), ("head", "事由", datetime(2026, 11, 1), "早于"),
])
def test_scheduling_refusals_write_nothing(operator, departments, who, reason, when, message):
    """A bad interviewee, an empty reason or a past time are refused without a notice number used."""
    with pytest.raises(UserError, match=message):
        interviews.schedule(departments[0], when, who, AT, operator, reason=reason)
    assert Interview.select().count() == 0 and Notice.select().count() == 0


def test_held_with_commitments_then_kept_is_an_event_on_each_case(operator, departments, case):
    """Minutes and dated commitments are recorded; marking one kept writes commitment_kept and proposes nothing."""
    interview = interviews.schedule(departments[1], WHEN, "head", AT, operator, reason="噪音", cases=[case])
    with pytest.raises(UserError, match="纪要"):
        interviews.record_held(interview, WHEN, "", [], AT, operator)
    with pytest.raises(UserError, match="期限"):
        interviews.record_held(interview, WHEN, "纪要", [("整改", date(2026, 11, 1))], AT, operator)
    interviews.record_held(interview, WHEN, "纪要", [("一周内停止夜间施工", date(2026, 11, 12))], WHEN, operator)
    commitment = interviews.commitments_of(interview.id)[0]
    assert interviews.overdue_commitments(datetime(2026, 11, 12, 23, 0)) == []
    assert interviews.overdue_commitments(datetime(2026, 11, 13, 0, 0)) == [commitment]
    assert interviews.settle(commitment, True, "", datetime(2026, 11, 12, 9, 0), operator) == []
    assert CaseEvent.select().where(CaseEvent.case == case, CaseEvent.action == "commitment_kept").exists()
    assert Accountability.select().count() == 0
    with pytest.raises(UserError, match="已经登记"):
        interviews.settle(commitment, False, "又施工了", datetime(2026, 11, 13, 9, 0), operator)


def test_a_broken_commitment_lists_the_open_case_and_proposes_unit_and_leader_records(operator, departments, case):
    """Broken: the case goes on the supervision list (red) and two proposals wait for a supervisor."""
    interview = interviews.schedule(departments[1], WHEN, "head", AT, operator, reason="噪音", cases=[case])
    interviews.record_held(interview, WHEN, "纪要", [("停止夜间施工", date(2026, 11, 12))], WHEN, operator)
    commitment = interviews.commitments_of(interview.id)[0]
    with pytest.raises(UserError, match="未兑现的情况"):
        interviews.settle(commitment, False, "", datetime(2026, 11, 13, 9, 0), operator)
    records = interviews.settle(commitment, False, "仍在施工", datetime(2026, 11, 13, 9, 0), operator)
    assert [(r.target_kind, r.sanction, r.status) for r in records] == [
        ("department", "circulated_criticism", "proposed"), ("leader", "admonishment", "proposed")]
    case = type(case).get_by_id(case.id)
    assert case.supervised_at == datetime(2026, 11, 13, 9, 0) and case.supervision_round == 2
    actions = {e.action for e in CaseEvent.select().where(CaseEvent.case == case)}
    assert {"commitment_broken", "supervision_list", "accountability_proposed"} <= actions


def test_an_interview_without_cases_writes_case_less_events(operator, departments):
    """An interview about a unit's work in general is in the ledger as case-less events."""
    interviews.schedule(departments[0], WHEN, "head", AT, operator, reason="月度考核排名靠后")
    assert CaseEvent.select().where(CaseEvent.action == "interview_scheduled", CaseEvent.case.is_null()).count() == 1
