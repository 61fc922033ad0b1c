"""Major cases get a follow-up entry every 5 working days after dispatch until replied; a missed one is a breach.

Expected dates reckoned by hand from the 2026 official calendar. Dispatched Mon 09-14 09:00:
entry 1 = 5th working day after: 15, 16, 17, 18, Sun 20 (make-up) → end of 09-20;
entry 2 = 10th: 21, 22, 23, 24, (25-27 中秋) Mon 28 → end of 09-28;
entry 3 = 15th: 29, 30, (10-01..07 National Day) 10-08, 10-09, Sat 10-10 (make-up) → end of 10-10.
"""

from datetime import date, datetime

import pytest

from wzdesk.cases import lifecycle
from wzdesk.errors import UserError
from wzdesk.models import Case, CaseEvent, FollowUp
from wzdesk.office import settings
from wzdesk.performance.metrics import month_of
from wzdesk.supervision import follow_ups
from wzdesk.supervision.ladder import run_ladder

DISPATCH = datetime(2026, 9, 14, 9, 0)

@pytest.fixture
def operator(admin):
    """These steps change the calendar or the settings: an administrator's right, not the system account's."""
    return admin



def _major(operator, dept, grade="major") -> Case:
    case = lifecycle.intake({"title": "小区二次供水设施改造", "grade": grade}, DISPATCH, operator)
    lifecycle.dispatch(case, dept, DISPATCH, operator)
    lifecycle.accept(case, datetime(2026, 9, 14, 10, 0), operator)
    return Case.get_by_id(case.id)


def _entries(case) -> list[tuple[int, datetime, datetime | None, datetime | None]]:
    query = FollowUp.select().where(FollowUp.case == case).order_by(FollowUp.seq)
    return [(e.seq, e.due_at, e.done_at, e.breached_at) for e in query]


def _end(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 23, 59, 59)


def test_entries_every_five_working_days_a_missed_one_a_breach(operator, departments):
    case = _major(operator, departments[0])
    run_ladder(datetime(2026, 9, 14, 17, 0), operator)
    assert _entries(case) == [(1, _end(date(2026, 9, 20)), None, None)]
    assert follow_ups.due_by(date(2026, 9, 18)) == []
    (due,) = follow_ups.due_by(date(2026, 9, 20))
    assert (due.kind, due.code, due.what, due.department) == ("重大件跟进", case.code, "第1次跟进", departments[0].name)

    follow_ups.record_follow_up(FollowUp.get(FollowUp.seq == 1), "水箱已清洗，管网改造招标中",
                                datetime(2026, 9, 18, 15, 0), operator)
    run_ladder(datetime(2026, 9, 21, 9, 0), operator)
    assert _entries(case) == [(1, _end(date(2026, 9, 20)), datetime(2026, 9, 18, 15, 0), None),
                              (2, _end(date(2026, 9, 28)), None, None)]
    run_ladder(datetime(2026, 9, 28, 16, 0), operator)
    assert FollowUp.get(FollowUp.seq == 2).breached_at is None  # still due today
    run_ladder(datetime(2026, 9, 29, 9, 0), operator)
    assert _entries(case)[1:] == [(2, _end(date(2026, 9, 28)), None, datetime(2026, 9, 29, 9, 0)),
                                  (3, _end(date(2026, 10, 10)), None, None)]
    assert Case.get_by_id(case.id).flag_duty_breach
    breach = CaseEvent.get(CaseEvent.case == case, CaseEvent.action == "duty_breach")
    assert breach.department_id == departments[0].id and "第2次跟进" in breach.note
    sheet = {row.department_id: row for row in month_of("2026-09", datetime(2026, 10, 12, 9, 0))}
    assert sheet[departments[0].id].breaches == 1 and sheet[departments[1].id].breaches == 0


def test_holiday_runs_add_nothing_and_a_reply_ends_the_entries(operator, departments):
    case = _major(operator, departments[0])
    run_ladder(datetime(2026, 9, 29, 9, 0), operator)  # a first run late: entries 1-3 at once
    assert [seq for seq, *_ in _entries(case)] == [1, 2, 3]
    assert [e[3] for e in _entries(case)] == [datetime(2026, 9, 29, 9, 0)] * 2 + [None]
    for day in range(1, 8):
        assert run_ladder(datetime(2026, 10, day, 9, 0), operator) == []
    assert len(_entries(case)) == 3
    lifecycle.reply(Case.get_by_id(case.id), "改造完成，已恢复供水", datetime(2026, 10, 9, 15, 0), operator)
    run_ladder(datetime(2026, 10, 12, 9, 0), operator)
    assert _entries(case)[2] == (3, _end(date(2026, 10, 10)), None, None)  # resolved: no breach, no entry 4
    assert follow_ups.due_by(date(2026, 10, 12)) == []


def test_the_ladder_stays_idempotent(operator, departments):
    case = _major(operator, departments[0])
    at = datetime(2026, 9, 29, 9, 0)
    run_ladder(at, operator)
    before = (FollowUp.select().count(), CaseEvent.select().where(CaseEvent.case == case).count())
    run_ladder(at, operator)
    assert (FollowUp.select().count(), CaseEvent.select().where(CaseEvent.case == case).count()) == before


def test_only_major_cases_and_the_gap_is_a_setting(operator, departments):
    _major(operator, departments[1], grade="moderate")
    case = _major(operator, departments[0])
    settings.put("major_follow_up_workdays", 3, DISPATCH, operator)
    run_ladder(datetime(2026, 9, 14, 17, 0), operator)
    # 3rd working day after Mon 09-14: 15, 16, 17.
    assert _entries(case) == [(1, _end(date(2026, 9, 17)), None, None)]
    assert FollowUp.select().count() == 1
    with pytest.raises(UserError, match="至少为 1"):
        settings.put("major_follow_up_workdays", 0, DISPATCH, operator)


def test_a_follow_up_needs_a_note_and_is_recorded_once(operator, departments):
    case = _major(operator, departments[0])
    run_ladder(datetime(2026, 9, 14, 17, 0), operator)
    entry = FollowUp.get(FollowUp.case == case)
    with pytest.raises(UserError, match="跟进情况"):
        follow_ups.record_follow_up(entry, "  ", datetime(2026, 9, 15, 9, 0), operator)
    follow_ups.record_follow_up(entry, "已到现场", datetime(2026, 9, 15, 9, 0), operator)
    with pytest.raises(UserError, match="无需重复"):
        follow_ups.record_follow_up(FollowUp.get_by_id(entry.id), "再次", datetime(2026, 9, 15, 10, 0), operator)
    event = CaseEvent.get(CaseEvent.case == case, CaseEvent.action == "follow_up_done")
    assert event.note == "第1次跟进：已到现场" and event.at == datetime(2026, 9, 15, 9, 0)
