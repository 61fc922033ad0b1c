"""The ladder works on working days, and a run killed between any two writes reruns to the same result.

Every expected date is reckoned by hand from the 2026 official calendar: 中秋 Fri 2026-09-25 is a
holiday (Sat 09-26 and Sun 09-27 rest), Sun 2026-09-20 and Sat 2026-10-10 are make-up working days,
Sat 2026-11-21 is a plain Saturday.
"""

from datetime import datetime, timedelta

import pytest

from wzdesk.cases import lifecycle
from wzdesk.models import Case, CaseEvent, Department, LadderStep, Notice, Staff
from wzdesk.office.database import close_database, open_database
from wzdesk.office.defaults import system_operator
from wzdesk.supervision import ladder
from wzdesk.supervision.ladder import run_ladder


def steps(produced):
    return [(p.case, p.step) for p in produced]


def dispatched(title, dept, at, operator, accept=True):
    case = lifecycle.intake({"title": title}, at - timedelta(hours=1), operator)
    lifecycle.dispatch(case, dept, at, operator)
    if accept:
        lifecycle.accept(case, at + timedelta(hours=1), operator)
    return case


def test_the_national_day_week_deadline(operator, departments):
    """Thu 10-08 09:00, minor: Fri 10-09, Sat 10-10 (make-up), Mon 10-12 → due at the end of 10-12."""
    case = dispatched("路灯不亮", departments[0], datetime(2026, 10, 8, 9, 0), operator, accept=False)
    assert Case.get_by_id(case.id).due_at == datetime(2026, 10, 12, 23, 59, 59)


def test_a_saturday_run_produces_nothing(operator, departments):
    """No response since Thu 11-19 09:00: the reminder is due Fri 11-20, but not issued on Sat 11-21."""
    case = dispatched("噪音扰民", departments[0], datetime(2026, 11, 19, 9, 0), operator, accept=False)
    assert run_ladder(datetime(2026, 11, 21, 10, 0), operator) == []
    assert run_ladder(datetime(2026, 11, 22, 10, 0), operator) == []  # Sunday
    assert Notice.select().count() == 0 and LadderStep.select().count() == 0
    produced = run_ladder(datetime(2026, 11, 23, 8, 0), operator)
    assert steps(produced) == [(case.code, "reminder_letter")]
    assert Notice.get().issued_on.isoformat() == "2026-11-23"


def test_a_round_due_over_mid_autumn_is_taken_on_the_next_working_day(operator, departments):
    """Listed Fri 09-18; 5 working days: Sun 20 (make-up), 21, 22, 23, 24 → due 24:00 09-24.

    Fri 09-25 is 中秋, 26-27 a weekend: the interview is taken on Mon 09-28.
    """
    # Mon 09-07 09:00, minor: 8, 9, 10 → due 24:00 09-10; more than 7 days past it from 09-18 00:00.
    case = dispatched("垃圾满溢", departments[1], datetime(2026, 9, 7, 9, 0), operator)
    listed = run_ladder(datetime(2026, 9, 18, 9, 0), operator)
    assert steps(listed) == [(case.code, "supervision_list"), (case.code, "supervision_letter")]
    assert run_ladder(datetime(2026, 9, 24, 23, 59), operator) == []
    for moment in (datetime(2026, 9, 25, 9, 0), datetime(2026, 9, 26, 9, 0), datetime(2026, 9, 27, 9, 0)):
        assert run_ladder(moment, operator) == [], moment
    assert steps(run_ladder(datetime(2026, 9, 28, 8, 0), operator)) == [(case.code, "interview")]
    assert sorted(n.issued_on.isoformat() for n in Notice.select()) == ["2026-09-18", "2026-09-28"]


def test_a_listing_due_on_a_holiday_waits_for_the_first_working_day(operator, departments):
    """Due 24:00 Thu 09-24, over 7 days late from 10-02 00:00 (National Day): listed on Thu 10-08."""
    case = dispatched("井盖缺失", departments[2], datetime(2026, 9, 21, 9, 0), operator)  # 22, 23, 24
    for day in range(2, 8):  # 10-02 … 10-07 are holidays
        assert run_ladder(datetime(2026, 10, day, 9, 0), operator) == [], day
    assert steps(run_ladder(datetime(2026, 10, 8, 9, 0), operator)) == [
        (case.code, "supervision_list"), (case.code, "supervision_letter")]


# --- a run killed between any two writes -------------------------------------------------------------

class Killed(Exception):
    """The fault hook's stand-in for the process dying between two writes."""


def _scenario(folder):
    """A fresh office where the run of Tue 09-29 09:00 has a reminder, a listing and an interview to do."""
    folder.mkdir()
    open_database(folder / "台账.sqlite", now=datetime(2026, 9, 1, 9, 0))
    operator = system_operator()
    depts = [Department.create(name=n, leader_name="刘志明", leader_title="副局长", head_name="王强")
             for n in ("邵阳市城市管理和综合执法局", "邵阳市生态环境局", "双清区龙须塘街道办事处")]
    for dept in depts:
        Staff.create(department=dept, name="张伟")
    dispatched("垃圾满溢", depts[2], datetime(2026, 9, 7, 9, 0), operator)  # listed 09-18, interview 09-29
    dispatched("路灯不亮", depts[2], datetime(2026, 9, 7, 10, 0), operator)
    run_ladder(datetime(2026, 9, 18, 9, 0), operator)
    dispatched("噪音扰民", depts[1], datetime(2026, 9, 14, 9, 0), operator)  # due 24:00 09-17: listed 09-29
    dispatched("占道经营", depts[0], datetime(2026, 9, 28, 8, 0), operator, accept=False)  # reminder 09-29
    dispatched("污水外溢", depts[0], datetime(2026, 9, 28, 8, 30), operator, accept=False)
    return operator


def _state():
    rungs = sorted((s.case.code, s.step, s.dispatch_no, s.round, s.department_id, str(s.at),
                    s.notice.number_text if s.notice else None) for s in LadderStep.select())
    notices = sorted((n.kind, n.number_text, str(n.issued_on), n.department_id,
                      tuple(sorted(link.case.code for link in n.case_links))) for n in Notice.select())
    events = sorted((e.case.code if e.case else "", e.action, str(e.at), e.note) for e in CaseEvent.select())
    cases = sorted((c.code, str(c.supervised_at), c.supervision_round) for c in Case.select())
    return rungs, notices, events, cases


RUN_AT = datetime(2026, 9, 29, 9, 0)


def _uninterrupted(tmp_path):
    labels = []
    ladder.FAULT_HOOK = labels.append
    try:
        operator = _scenario(tmp_path / "完整运行")
        labels.clear()
        produced = run_ladder(RUN_AT, operator)
        return _state(), labels, produced
    finally:
        ladder.FAULT_HOOK = None
        close_database()


def test_a_run_killed_between_any_two_writes_reruns_to_the_uninterrupted_result(tmp_path):
    expected, labels, produced = _uninterrupted(tmp_path)
    assert sorted(p.step for p in produced) == [
        "interview", "interview", "reminder_letter", "reminder_letter", "supervision_letter", "supervision_list"]
    assert len(labels) >= 10  # rungs, documents, events, listing, round number
    for point in range(1, len(labels) + 1):
        operator = _scenario(tmp_path / f"第{point}处中断")
        calls = []

        def kill(label, calls=calls, point=point):
            calls.append(label)
            if len(calls) == point:
                raise Killed(label)

        ladder.FAULT_HOOK = kill
        try:
            with pytest.raises(Killed):
                run_ladder(RUN_AT, operator)
        finally:
            ladder.FAULT_HOOK = None
        run_ladder(RUN_AT, operator)
        assert _state() == expected, (point, labels[point - 1])
        close_database()
