"""A calendar change re-reckons the open deadlines it touches at once, in the ledger, in one transaction."""

import json
from datetime import date, datetime

import pytest

from wzdesk.cases import calendar_changes, lifecycle
from wzdesk.errors import UserError
from wzdesk.models import CalendarDay, CalendarYear, Case, CaseEvent, Operator
from wzdesk.office import duty_menus
from wzdesk.office.calendar_import import ScheduleDay

NOW = datetime(2026, 11, 28, 9, 0)

# A made-up 2027 schedule (the real one is announced in November): 元旦 plus a bridge Monday,
# a seven-day 春节 from 除夕 (Fri 2-5 to Thu 2-11) and a make-up Saturday 2-20.
SCHEDULE_2027 = [ScheduleDay(date(2027, 1, 1), False, "元旦"), ScheduleDay(date(2027, 1, 4), False, "元旦"),
                 *(ScheduleDay(date(2027, 2, d), False, "春节") for d in (5, 8, 9, 10, 11)),
                 ScheduleDay(date(2027, 2, 20), True, "调休上班")]

@pytest.fixture
def operator(admin):
    """These steps change the calendar or the settings: an administrator's right, not the system account's."""
    return admin



def _dispatched(title, grade, at, operator, dept, category=None):
    case = lifecycle.intake({"title": title, "grade": grade, "category": category}, at, operator)
    return lifecycle.dispatch(case, dept, at, operator)


def _events(case, action="deadline_rereckoned"):
    return list(CaseEvent.select().where(CaseEvent.case == case.id, CaseEvent.action == action))


def test_importing_next_years_schedule_moves_deadlines_and_ends_provisional(operator, departments):
    """Minor of Wed 12-30: 12-31, (1-1, 1-4 rest), 1-5, 1-6 → 01-06; major of Wed 1-27: 1-28, 1-29, 2-1..2-4,
    (2-5..2-11 rest), 2-12, 2-15..2-19, Sat 2-20, 2-22, 2-23 → 02-23. Both were provisional (01-05, 02-19)."""
    minor = _dispatched("路灯不亮", "minor", datetime(2026, 12, 30, 10, 0), operator, departments[0])
    major = _dispatched("小区积水", "major", datetime(2027, 1, 27, 9, 0), operator, departments[1])
    assert (minor.due_at.date(), major.due_at.date()) == (date(2027, 1, 5), date(2027, 2, 19))
    assert minor.due_provisional and major.due_provisional

    years, moved = calendar_changes.apply_schedule(SCHEDULE_2027, NOW, operator)

    assert years == [2027] and {m.code for m in moved} == {minor.code, major.code}
    minor, major = Case.get_by_id(minor.id), Case.get_by_id(major.id)
    assert minor.due_at == datetime(2027, 1, 6, 23, 59, 59) and not minor.due_provisional
    assert major.due_at == datetime(2027, 2, 23, 23, 59, 59) and not major.due_provisional
    # 12-30 10:00 to 01-07 00:00 is 182 h; 75 % of it is 136.5 h later.
    assert minor.warn_at == datetime(2027, 1, 5, 2, 30)
    (event,) = _events(minor)
    assert "2027-01-05 24:00 → 2027-01-06 24:00" in event.note and "不再是暂算" in event.note
    assert json.loads(event.data)["old_due"] == "2027-01-05 23:59:59"
    assert event.from_status == event.to_status == "dispatched"


def test_one_day_set_moves_only_the_deadlines_that_count_it(operator, departments):
    """Holiday on Mon 2027-01-04: the case of 12-30 moves to 01-06 (still provisional); one due before it
    (dispatched Tue 12-01, due Fri 12-04) and one dispatched after it (1-11) keep theirs, with no event."""
    crossing = _dispatched("路灯不亮", "minor", datetime(2026, 12, 30, 10, 0), operator, departments[0])
    before = _dispatched("井盖缺失", "minor", datetime(2026, 12, 1, 10, 0), operator, departments[0])
    after = _dispatched("噪音扰民", "minor", datetime(2027, 1, 11, 10, 0), operator, departments[0])
    kept = {c.id: c.due_at for c in (before, after)}

    moved = calendar_changes.set_day(date(2027, 1, 4), False, "元旦补休", operator, NOW)

    assert [m.code for m in moved] == [crossing.code]
    crossing = Case.get_by_id(crossing.id)
    assert crossing.due_at.date() == date(2027, 1, 6) and crossing.due_provisional
    assert "仍为暂算" in _events(crossing)[0].note
    assert {c.id: c.due_at for c in Case.select().where(Case.id.in_(list(kept)))} == kept
    assert not _events(before) and not _events(after)
    assert CalendarDay.get_by_id(date(2027, 1, 4)).name == "元旦补休"


def test_confirming_a_year_clears_the_provisional_mark(operator, departments):
    """Confirming 2027 with nothing entered keeps the weekday count but the deadline is no longer provisional:
    the fixed holidays were a stand-in, so 1-1 counts as a working day once 2027 is known as entered."""
    case = _dispatched("路灯不亮", "minor", datetime(2026, 12, 30, 10, 0), operator, departments[0])
    calendar_changes.confirm_year(2027, NOW, operator)
    case = Case.get_by_id(case.id)
    # 12-31, Fri 1-1 (a working day in an entered 2027 without holidays), 1-4.
    assert case.due_at.date() == date(2027, 1, 4) and not case.due_provisional


def test_working_day_duty_steps_move_and_hour_steps_stay(operator, departments):
    """A 5-working-day step of 12-30 (12-31, 1-4..1-7, provisional) moves to 1-8 when Tue 1-5 becomes a
    holiday (12-31, 1-4, 1-6, 1-7, 1-8); a 4-hour step keeps 12-30 14:00."""
    lamps = duty_menus.save_category(None, "楼道照明", "minor")
    duty_menus.save_step(lamps, None, "联系物业", 4, "hours")
    duty_menus.save_step(lamps, None, "修复并拍照", 5, "workdays", "photo")
    case = _dispatched("楼道灯坏了", "minor", datetime(2026, 12, 30, 10, 0), operator, departments[0], lamps)
    steps = {s.step.name: s for s in case.duty_steps}
    assert steps["修复并拍照"].due_at.date() == date(2027, 1, 7)

    calendar_changes.set_day(date(2027, 1, 5), False, "", operator, NOW)

    steps = {s.step.name: s for s in Case.get_by_id(case.id).duty_steps}
    assert steps["修复并拍照"].due_at == datetime(2027, 1, 8, 23, 59, 59)
    assert steps["联系物业"].due_at == datetime(2026, 12, 30, 14, 0)
    assert "履职步骤“修复并拍照” 2027-01-07 → 2027-01-08" in _events(case)[0].note


def test_cases_the_office_holds_are_not_re_reckoned(operator, departments):
    """A replied case's limit is spent: a calendar change leaves its due date and ledger alone."""
    case = _dispatched("路灯不亮", "minor", datetime(2026, 12, 30, 10, 0), operator, departments[0])
    lifecycle.accept(case, datetime(2026, 12, 30, 11, 0), operator)
    lifecycle.reply(Case.get_by_id(case.id), "已修复", datetime(2026, 12, 31, 9, 0), operator)
    due = Case.get_by_id(case.id).due_at
    assert calendar_changes.set_day(date(2027, 1, 4), False, "", operator, NOW) == []
    assert Case.get_by_id(case.id).due_at == due and not _events(case)


def test_a_refused_change_writes_nothing(operator, departments):
    """A clerk may not edit the calendar: no day, no year, no event, no deadline moved."""
    case = _dispatched("路灯不亮", "minor", datetime(2026, 12, 30, 10, 0), operator, departments[0])
    clerk = Operator.create(username="clerk1", display_name="李娜", role="clerk", password_hash="",
                            created_at=NOW)
    events = CaseEvent.select().count()
    with pytest.raises(UserError, match="无权修改工作日历"):
        calendar_changes.apply_schedule(SCHEDULE_2027, NOW, clerk)
    assert CaseEvent.select().count() == events
    assert CalendarDay.get_or_none(CalendarDay.day == date(2027, 1, 4)) is None
    assert CalendarYear.get_or_none(CalendarYear.year == 2027) is None
    assert Case.get_by_id(case.id).due_at.date() == date(2027, 1, 5)


def test_a_deadline_set_under_the_old_unknown_year_rule_is_put_right(operator, departments):
    """A database from before the fixed-holiday rule holds 2027-01-04 for the minor case of 12-30 (元旦 counted);
    importing 2027 reckons it again as a dispatch would: 12-31, (1-1, 1-4), 1-5, 1-6 → 01-06."""
    case = _dispatched("路灯不亮", "minor", datetime(2026, 12, 30, 10, 0), operator, departments[0])
    Case.update(due_at=datetime(2027, 1, 4, 23, 59, 59)).where(Case.id == case.id).execute()
    calendar_changes.apply_schedule(SCHEDULE_2027, NOW, operator)
    case = Case.get_by_id(case.id)
    assert case.due_at.date() == date(2027, 1, 6) and not case.due_provisional
    assert "2027-01-04 24:00 → 2027-01-06 24:00" in _events(case)[0].note


def test_follow_ups_and_meeting_decisions_move_with_the_calendar(operator, departments):
    """A major two-department case of Mon 2026-11-02 09:00 (November 2026 has no holiday), reckoned by hand:

    entry 1 = 5th working day after: 3, 4, 5, 6, 9 → 11-09; entry 2 = 10th: 10, 11, 12, 13, 16 → 11-16;
    the case (15 working days) → 11-23. A decision set for Sat 11-14 is due 24:00 Mon 11-16.
    """
    from wzdesk.models import FollowUp, MeetingDecision
    from wzdesk.supervision import coordination, follow_ups
    from wzdesk.supervision.ladder import run_ladder

    lead, _, co = departments
    case = lifecycle.intake({"title": "老旧小区雨污分流改造", "grade": "major"}, datetime(2026, 11, 2, 8, 0), operator)
    lifecycle.dispatch(case, lead, datetime(2026, 11, 2, 9, 0), operator, co_departments=[co])
    lifecycle.accept(case, datetime(2026, 11, 2, 10, 0), operator)
    assert [p.step for p in run_ladder(datetime(2026, 11, 5, 10, 0), operator)] == ["leader_coordination"]
    coordination.record_meeting(Case.get_by_id(case.id), date(2026, 11, 6), "住建局、龙须塘街道办事处",
                                [("街道办完成入户摸排", date(2026, 11, 14)), ("牵头单位拿出方案", date(2026, 11, 20))],
                                datetime(2026, 11, 6, 17, 0), operator)
    first, second = MeetingDecision.select().order_by(MeetingDecision.id)
    assert (first.due_at, second.due_at) == (datetime(2026, 11, 16, 23, 59, 59), datetime(2026, 11, 20, 23, 59, 59))
    follow_ups.record_follow_up(FollowUp.get(FollowUp.seq == 1), "已清淤", datetime(2026, 11, 9, 15, 0), operator)
    run_ladder(datetime(2026, 11, 10, 9, 0), operator)  # opens entry 2

    def dues():
        entries = {e.seq: e.due_at.date() for e in FollowUp.select()}
        decisions = [d.due_at.date() for d in MeetingDecision.select().order_by(MeetingDecision.id)]
        return Case.get_by_id(case.id).due_at.date(), entries, decisions

    assert dues() == (date(2026, 11, 23), {1: date(2026, 11, 9), 2: date(2026, 11, 16)},
                      [date(2026, 11, 16), date(2026, 11, 20)])

    # Thu 11-12 a holiday: the case 11-24, entry 2: 10, 11, 13, 16, 17 → 11-17; the decisions stay.
    moved = calendar_changes.set_day(date(2026, 11, 12), False, "", operator, datetime(2026, 11, 10, 10, 0))
    assert sorted(m.what for m in moved) == ["办理时限", "重大件第2次跟进"]
    assert dues() == (date(2026, 11, 24), {1: date(2026, 11, 9), 2: date(2026, 11, 17)},
                      [date(2026, 11, 16), date(2026, 11, 20)])

    # Mon 11-16 a holiday too: the Saturday decision is taken Tue 11-17; entry 2: 10, 11, 13, 17, 18 → 11-18;
    # the case: 3 … 13 (8), 17, 18, 19, 20, 23, 24, 25 → 11-25.
    moved = calendar_changes.set_day(date(2026, 11, 16), False, "", operator, datetime(2026, 11, 10, 11, 0))
    assert sorted(m.what for m in moved) == ["办理时限", "协调事项“街道办完成入户摸排”", "重大件第2次跟进"]
    assert dues() == (date(2026, 11, 25), {1: date(2026, 11, 9), 2: date(2026, 11, 18)},
                      [date(2026, 11, 17), date(2026, 11, 20)])

    # Sat 11-14 made a working day: the decision is due that day; entry 2: 10, 11, 13, 14, 17 → 11-17; the case 11-24.
    calendar_changes.set_day(date(2026, 11, 14), True, "调休上班", operator, datetime(2026, 11, 10, 12, 0))
    assert dues() == (date(2026, 11, 24), {1: date(2026, 11, 9), 2: date(2026, 11, 17)},
                      [date(2026, 11, 14), date(2026, 11, 20)])

    notes = [e.note for e in _events(case)]
    assert len(notes) == 8  # 2 + 3 + 3 changes, one event each
    assert "重大件第2次跟进 2026-11-16 24:00 → 2026-11-17 24:00" in notes[1]
    assert "协调事项“街道办完成入户摸排” 2026-11-16 24:00 → 2026-11-17 24:00" in notes[4]
    assert any("协调事项“街道办完成入户摸排” 2026-11-17 24:00 → 2026-11-14 24:00" in n for n in notes[5:])
