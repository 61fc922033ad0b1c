"""Leader coordination: a numbered notice naming the leader in charge, the meeting, its decisions followed up.

Dates reckoned by hand: dispatched Thu 2026-10-08 09:00 with a co-department that does nothing; three
days later is Sun 10-11 09:00, a rest day, so the notice is issued on Mon 10-12 (Sat 10-10 is a make-up
working day, but the three days are not over by then).
"""

import re
from datetime import date, datetime, timedelta

import pytest

from tests.documents.pdfprobe import page_texts
from wzdesk.cases import lifecycle
from wzdesk.errors import UserError
from wzdesk.models import Case, CaseEvent, MeetingDecision, Notice
from wzdesk.notices import service as document_service
from wzdesk.notices.contexts import letter_context
from wzdesk.performance.metrics import month_of
from wzdesk.supervision import coordination, follow_ups
from wzdesk.supervision.ladder import run_ladder

DISPATCH = datetime(2026, 10, 8, 9, 0)


def _shared(operator, lead, co) -> Case:
    case = lifecycle.intake({"title": "老旧小区雨污分流改造", "grade": "moderate"}, DISPATCH, operator)
    lifecycle.dispatch(case, lead, DISPATCH, operator, co_departments=[co])
    lifecycle.accept(case, DISPATCH + timedelta(hours=1), operator)
    return Case.get_by_id(case.id)


def _noticed(operator, departments) -> Case:
    case = _shared(operator, departments[0], departments[2])
    for moment in (datetime(2026, 10, 9, 10, 0), datetime(2026, 10, 10, 10, 0), datetime(2026, 10, 11, 10, 0)):
        assert run_ladder(moment, operator) == [], moment
    (produced,) = run_ladder(datetime(2026, 10, 12, 9, 0), operator)
    assert (produced.step, produced.document) == ("leader_coordination", "邵问督协〔2026〕1号")
    return case


def test_the_coordination_notice_is_numbered_and_names_the_leader_in_charge(operator, departments, tmp_path):
    case = _noticed(operator, departments)
    notice = Notice.get(Notice.kind == "coordination")
    assert notice.issued_on == date(2026, 10, 12) and notice.department_id == departments[0].id
    assert letter_context(notice)["leader"] == "副局长刘志明"
    event = CaseEvent.get(CaseEvent.case == case, CaseEvent.action == "leader_coordination")
    assert event.note == "请分管领导协调（副局长刘志明），文号 邵问督协〔2026〕1号"
    text = re.sub(r"\s", "", "".join(page_texts(document_service.render_notice(notice, tmp_path / "协调.pdf"))))
    assert "邵问督协〔2026〕1号" in text and "副局长刘志明同志" in text and departments[2].name in text
    assert run_ladder(datetime(2026, 10, 12, 9, 0), operator) == []  # idempotent


def test_the_meeting_and_its_decisions_are_followed_up_like_duty_steps(operator, departments):
    case = _noticed(operator, departments)
    meeting = coordination.record_meeting(
        case, date(2026, 10, 13), "市城管执法局、龙须塘街道办事处", [
            ("街道办完成入户摸排", date(2026, 10, 16)), ("牵头单位拿出改造方案", date(2026, 10, 23))],
        datetime(2026, 10, 13, 17, 0), operator)
    assert meeting.chaired_by == "副局长刘志明" and meeting.notice.number_text == "邵问督协〔2026〕1号"
    event = CaseEvent.get(CaseEvent.case == case, CaseEvent.action == "coordination_meeting")
    assert "2026-10-13" in event.note and "街道办完成入户摸排（10-16前）" in event.note
    first, second = MeetingDecision.select().order_by(MeetingDecision.id)
    assert first.due_at == datetime(2026, 10, 16, 23, 59, 59)
    coordination.complete_decision(first, "已摸排 126 户", datetime(2026, 10, 15, 14, 0), operator)
    assert [i.what for i in follow_ups.due_by(date(2026, 10, 23))] == ["牵头单位拿出改造方案"]

    run_ladder(datetime(2026, 10, 23, 17, 0), operator)
    assert MeetingDecision.get_by_id(second.id).breached_at is None  # due until the end of the day
    assert run_ladder(datetime(2026, 10, 24, 9, 0), operator) == []  # Saturday: nothing
    assert MeetingDecision.get_by_id(second.id).breached_at is None
    run_ladder(datetime(2026, 10, 26, 9, 0), operator)
    assert MeetingDecision.get_by_id(second.id).breached_at == datetime(2026, 10, 26, 9, 0)
    assert MeetingDecision.get_by_id(first.id).breached_at is None
    assert Case.get_by_id(case.id).flag_duty_breach
    breach = CaseEvent.get(CaseEvent.case == case, CaseEvent.action == "duty_breach")
    assert breach.department_id == departments[0].id and "牵头单位拿出改造方案" in breach.note
    sheet = {row.department_id: row.breaches for row in month_of("2026-10", datetime(2026, 10, 26, 10, 0))}
    assert sheet[departments[0].id] == 1 and sheet[departments[2].id] == 0
    with pytest.raises(UserError, match="无需重复"):
        coordination.complete_decision(MeetingDecision.get_by_id(first.id), "", datetime(2026, 10, 27), operator)


def test_a_meeting_is_refused_without_a_notice_or_with_bad_dates(operator, departments):
    quiet = _shared(operator, departments[1], departments[2])
    at = datetime(2026, 10, 9, 9, 0)
    lifecycle.progress(quiet, "街道办到场配合", at, operator, department=departments[2])  # joint action
    with pytest.raises(UserError, match="尚未发出协调通知"):
        coordination.record_meeting(quiet, date(2026, 10, 9), "各单位", [("摸排", date(2026, 10, 12))], at, operator)
    case = _noticed(operator, departments)
    at = datetime(2026, 10, 13, 17, 0)
    with pytest.raises(UserError, match="会议日期"):
        coordination.record_meeting(case, date(2026, 10, 9), "各单位", [("摸排", date(2026, 10, 16))], at, operator)
    with pytest.raises(UserError, match="会议日期"):
        coordination.record_meeting(case, date(2026, 10, 14), "各单位", [("摸排", date(2026, 10, 16))], at, operator)
    with pytest.raises(UserError, match="参会"):
        coordination.record_meeting(case, date(2026, 10, 13), " ", [("摸排", date(2026, 10, 16))], at, operator)
    with pytest.raises(UserError, match="至少填写一项"):
        coordination.record_meeting(case, date(2026, 10, 13), "各单位", [(" ", date(2026, 10, 16))], at, operator)
    with pytest.raises(UserError, match="不能早于会议日期"):
        coordination.record_meeting(case, date(2026, 10, 13), "各单位", [("摸排", date(2026, 10, 12))], at, operator)
    assert MeetingDecision.select().count() == 0
