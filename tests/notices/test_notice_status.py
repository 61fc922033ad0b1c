"""The notice register's statuses: forward moves only, the answered date, late replies, events."""

from datetime import date, datetime

import pytest

from wzdesk.cases import lifecycle
from wzdesk.errors import UserError
from wzdesk.models import CaseEvent
from wzdesk.notices import status as notice_status
from wzdesk.notices.register import notice_rows
from wzdesk.office import numbering as notices

AT = datetime(2026, 11, 2, 9, 0)


@pytest.fixture
def letter(operator, departments):
    case = lifecycle.intake({"title": "红旗路路灯不亮"}, AT, operator)
    lifecycle.dispatch(case, departments[0], AT, operator)
    return notices.issue("reminder_letter", departments[0], [case], AT.date(), AT, reply_due_on=date(2026, 11, 5))


def test_a_notice_moves_forward_only_and_answering_records_the_day(letter, operator):
    """issued → delivered → answered (skipping the receipt is allowed); never backwards."""
    assert notice_status.next_statuses(letter) == ["delivered", "acknowledged", "answered"]
    notice_status.move(letter, "delivered", datetime(2026, 11, 3, 9, 0), operator)
    with pytest.raises(UserError, match="只能向前"):
        notice_status.move(letter, "issued", datetime(2026, 11, 3, 10, 0), operator)
    notice_status.move(letter, "answered", datetime(2026, 11, 4, 16, 0), operator)
    assert (letter.status, letter.answered_on) == ("answered", date(2026, 11, 4))
    assert notice_status.next_statuses(letter) == []


def test_each_move_is_an_event_on_every_linked_case(letter, operator):
    """The case's track shows the notice's status change."""
    notice_status.move(letter, "acknowledged", datetime(2026, 11, 3, 9, 0), operator)
    event = CaseEvent.select().where(CaseEvent.action == "notice_status").get()
    assert event.case_id is not None and "已签收" in event.note


def test_a_notice_without_cases_moves_with_a_case_less_event(operator):
    """The monthly notice concerns no case: its status change is a case-less event."""
    notice = notices.issue("public_notice", None, [], AT.date(), AT)
    notice_status.move(notice, "delivered", AT, operator)
    assert CaseEvent.select().where(CaseEvent.action == "notice_status", CaseEvent.case.is_null()).count() == 1


def test_a_reply_past_its_due_date_is_late_until_answered(letter, operator):
    """Late means: sent, past reply_due_on, not answered; the register row carries the status code."""
    row = notice_rows()[0]
    assert not notice_status.is_late(row, date(2026, 11, 5)) and notice_status.is_late(row, date(2026, 11, 6))
    assert notice_status.late_notices(date(2026, 11, 6)) == [letter]
    notice_status.move(letter, "answered", datetime(2026, 11, 6, 9, 0), operator)
    assert not notice_status.is_late(notice_rows()[0], date(2026, 11, 6))
    assert "超过反馈期限" in CaseEvent.select().where(CaseEvent.action == "notice_status").get().note


def test_an_unknown_status_is_refused(letter, operator):
    with pytest.raises(UserError, match="无效"):
        notice_status.move(letter, "lost", AT, operator)
