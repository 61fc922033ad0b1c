"""The whole accountability story replayed headless, from an overdue case to the monthly public notice."""

import re
from datetime import date, datetime, timedelta

import pytest

from tests.documents.pdfprobe import PHONE, page_texts
from wzdesk.cases import lifecycle
from wzdesk.errors import UserError
from wzdesk.models import Case, Department, Interview, Operator, Staff
from wzdesk.notices import service as document_service
from wzdesk.supervision import accountability, interviews
from wzdesk.supervision.ladder import run_ladder

DISPATCH = datetime(2026, 9, 30, 9, 0)  # a minor case due 24:00 on 10-10 (see test_ladder)


def test_overdue_case_to_interview_to_broken_promise_to_sanctions_to_the_public_notice(operator, tmp_path):
    """Ladder interview → commitment broken → unit and leader sanctioned by a supervisor → named unit, no names."""
    dept = Department.create(name="邵阳市城市管理和综合执法局", head_name="王建国", leader_name="刘志明",
                             leader_title="副局长")
    handler = Staff.create(department=dept, name="张伟", title="科员")
    clerk = Operator.create(username="clerk1", display_name="李娟", role="clerk", created_at=DISPATCH)
    boss = Operator.create(username="boss1", display_name="周敏", role="supervisor", created_at=DISPATCH)
    case = lifecycle.intake({"title": "龙须塘社区垃圾桶满溢", "petitioner_name": "李桂兰",
                             "petitioner_phone": "13812345678"}, DISPATCH - timedelta(hours=1), operator)
    lifecycle.dispatch(case, dept, DISPATCH, operator, handler=handler)
    lifecycle.accept(case, DISPATCH + timedelta(hours=2), operator)

    # The ladder: the supervision list and its letter, then the interview rung schedules an interview.
    # Working days only (issue 15): listed Mon 10-19 (10-18 is a Sunday); the interview falls due at
    # 24:00 of the 5th working day after it, Mon 10-26, and is taken on Tue 10-27.
    run_ladder(datetime(2026, 10, 19, 0, 1), operator)
    assert [p.step for p in run_ladder(datetime(2026, 10, 27, 8, 0), operator)] == ["interview"]
    interview = Interview.get()
    assert interview.status == "scheduled" and interview.notice is not None
    assert interview.id in [row.id for row in interviews.interview_rows(datetime(2026, 10, 27, 8, 0))]

    # Held, with one commitment due 10-30; on 10-31 it is overdue and still open.
    interviews.record_held(interview, datetime(2026, 10, 27, 9, 30), "局长表态限期清运",
                           [("10月30日前清运完毕并建立巡查制度", date(2026, 10, 30))],
                           datetime(2026, 10, 27, 11, 0), clerk)
    commitment = interview.commitments.get()
    assert interviews.overdue_commitments(datetime(2026, 10, 31, 9, 0)) == [commitment]

    # Broken: the unit's 通报批评 and the leader's 诫勉谈话 are proposed; the open case is on the list.
    unit, leader = interviews.settle(commitment, False, "现场复查仍满溢", datetime(2026, 10, 31, 10, 0), clerk)
    assert (unit.sanction, unit.status, leader.target_kind, leader.sanction) == (
        "circulated_criticism", "proposed", "leader", "admonishment")
    assert Case.get_by_id(case.id).supervision_round == 2 and interviews.overdue_commitments(
        datetime(2026, 10, 31, 11, 0)) == []

    # A clerk may not confirm; the supervisor does, and is offered the leader's record, and confirms it.
    with pytest.raises(UserError, match="无权"):
        accountability.confirm(unit, datetime(2026, 10, 31, 15, 0), clerk)
    offer = accountability.confirm(unit, datetime(2026, 10, 31, 15, 0), boss)
    assert offer is not None and offer.id == leader.id
    accountability.accept_suggestion(offer, unit, datetime(2026, 10, 31, 15, 5), boss)
    confirmed = accountability.register_rows(status="confirmed", month="2026-10")
    assert sorted(r.sanction for r in confirmed) == ["诫勉", "通报批评"]

    # The monthly public notice names the unit and the leader by post, never a private person.
    _notice, pdf = document_service.generate_monthly("2026-10", tmp_path / "通报 2026-10.pdf",
                                                     datetime(2026, 11, 5, 9, 0))
    text = re.sub(r"\s", "", "".join(page_texts(pdf)))
    assert dept.name in text and "通报批评" in text and "分管副局长" in text and "诫勉" in text
    for private in ("刘志明", "王建国", "张伟", "李桂兰"):
        assert private not in text
    assert not PHONE.search(text)
