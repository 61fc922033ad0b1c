"""The monthly department figures, each checked against a count made by hand on eight built cases."""

from datetime import datetime, timedelta

import pytest

from wzdesk.cases import lifecycle
from wzdesk.models import Accountability, CaseDutyStep
from wzdesk.months import month_span
from wzdesk.office import settings
from wzdesk.office.defaults import system_operator
from wzdesk.performance import metrics, scoring

OCT = datetime(2026, 10, 8, 9, 0)  # Thursday; Sat 10-10 is a make-up working day
AT = datetime(2026, 11, 20, 10, 0)


def _case(op, dept, title, hours_to_accept=2, grade="minor"):
    case = lifecycle.intake({"title": title, "grade": grade}, OCT, op)
    lifecycle.dispatch(case, dept, OCT, op)
    lifecycle.accept(case, OCT + timedelta(hours=hours_to_accept), op)
    return case


def _replied(op, dept, title, hours_to_accept=2, days_to_reply=2):
    case = _case(op, dept, title, hours_to_accept)
    lifecycle.reply(case, "已处理", OCT + timedelta(days=days_to_reply), op)
    return case


@pytest.fixture
def fixture_cases(operator, departments):
    """Eight cases for department A, one for B, none for C (see each line's comment)."""
    a, b, _c = departments
    r = OCT + timedelta(days=3)
    c1 = _replied(operator, a, "在时限内答复、核验通过")  # response in time
    lifecycle.verify(c1, True, "已修好", r, operator)
    lifecycle.close(c1, r, operator)
    c2 = _replied(operator, a, "响应超时、满意", hours_to_accept=30)  # late response
    lifecycle.rate(c2, "satisfied", r, operator)
    lifecycle.close(c2, r, operator)
    c3 = _replied(operator, a, "非常满意")
    lifecycle.rate(c3, "very_satisfied", r, operator)
    lifecycle.close(c3, r, operator)
    c4 = _replied(operator, a, "基本满意")
    lifecycle.rate(c4, "basically_satisfied", r, operator)
    lifecycle.close(c4, r, operator)
    c5 = _replied(operator, a, "一般")
    lifecycle.rate(c5, "neutral", r, operator)
    lifecycle.close(c5, r, operator)
    c6 = _replied(operator, a, "办结后重办")  # closed then reopened: a false closure
    lifecycle.rate(c6, "satisfied", r, operator)
    lifecycle.close(c6, r, operator)
    lifecycle.reopen(c6, "反映人称未修好", r + timedelta(hours=1), operator)
    c7 = _replied(operator, a, "不满意")  # dissatisfied rating reopens, never closed
    lifecycle.rate(c7, "dissatisfied", r, operator)
    c8 = _case(operator, a, "一直未办，超期")  # open and past due at the month's end
    d1 = _replied(operator, b, "非常不满意", hours_to_accept=25)
    lifecycle.rate(d1, "very_dissatisfied", r, operator)
    step = CaseDutyStep.select().first()
    return {"a": a, "b": b, "c8": c8, "step": step}


def _month(departments):
    rows = metrics.month_of("2026-10", AT)
    return {row.department_id: row for row in rows}


def test_rates_match_a_count_by_hand(fixture_cases, departments):
    """A: 8 received, 7/8 in time; 6 closings, 5 still closed and confirmed; 4/6 rated satisfied."""
    a = _month(departments)[departments[0].id]
    assert a.received == 8
    assert (a.responded_in_time, a.response_due) == (7, 8)
    assert (a.solved, a.closed) == (5, 6)
    assert (a.satisfied, a.rated) == (4, 6)  # 满意, 非常满意, 基本满意, 满意(c6); 一般 and 不满意 not
    assert a.response_rate == 7 / 8 and a.resolution_rate == 5 / 6 and a.satisfaction_rate == 4 / 6


def test_neutral_counts_when_the_office_says_so(fixture_cases, departments):
    settings.put("neutral_counts_satisfied", True, AT, system_operator())
    a = _month(departments)[departments[0].id]
    assert (a.satisfied, a.rated) == (5, 6)


def test_overdue_and_working_days(fixture_cases, departments):
    """c6, c7 (reopened) and c8 are open past their due (Mon 10-12 end) at 31 Oct; replies took 2 working days."""
    a = _month(departments)[departments[0].id]
    assert (a.overdue_open, a.overdue_closed_late) == (3, 0)
    # dispatched Thu 10-08, replied Sat 10-10, a make-up working day: Fri + Sat = 2 working days
    assert a.days["minor"] == (7, 14)
    assert a.average_days("minor") == 2


def test_department_without_cases_shows_dashes_and_no_rank(fixture_cases, departments):
    rows = metrics.month_of("2026-10", AT)
    ranked = scoring.rank(rows, scoring.Weights())
    c = next(s for s in ranked if s.row.department_id == departments[2].id)
    assert c.score is None and c.rank is None
    assert scoring.percent(c.row.response_rate) == "—"


def test_score_deductions_and_ties(fixture_cases, departments, operator):
    """Score = 100 × weighted rates − 0.5 per breach − 2 per confirmed sanction; equal scores share a rank."""
    a_id = departments[0].id
    Accountability.create(target_kind="department", department=departments[0], sanction="formal_talk",
                          reason="超期", decided_on=datetime(2026, 10, 20).date(), status="confirmed",
                          created_at=AT)
    rows = metrics.month_of("2026-10", AT)
    w = scoring.Weights()
    by_id = {s.row.department_id: s for s in scoring.rank(rows, w)}
    expected_a = round(100 * (0.30 * 7 / 8 + 0.35 * 5 / 6 + 0.35 * 4 / 6) - 2.0, 2)
    assert by_id[a_id].score == expected_a
    # B: response 0/1, nothing closed (weight shared), satisfaction 0/1 → 0
    assert by_id[departments[1].id].score == 0
    assert by_id[a_id].rank == 1 and by_id[departments[1].id].rank == 2
    tie = [metrics.DeptMonth(1, "甲", "2026-10", received=1, response_due=1, responded_in_time=1),
           metrics.DeptMonth(2, "乙", "2026-10", received=1, response_due=1, responded_in_time=1),
           metrics.DeptMonth(3, "丙", "2026-10", received=1, response_due=1)]
    assert [s.rank for s in scoring.rank(tie, w)] == [1, 1, 3]


def test_bad_month_is_refused(database):
    from wzdesk.errors import UserError

    with pytest.raises(UserError, match="YYYY-MM"):
        month_span("2026-13")
