"""The monthly department figures, each checked against a count made by hand on eight built cases."""

from datetime import datetime, timedelta

import pytest

from wzdesk.cases import lifecycle
from wzdesk.models import Accountability, CaseDutyStep
from wzdesk.months import month_span
from wzdesk.office import settings
from wzdesk.performance import metrics, scoring

OCT = datetime(2026, 10, 8, 9, 0)  # Thursday; Sat 10-10 is a make-up working day
AT = datetime(2026, 11, 20, 10, 0)


def _case(op, dept, title, hours_to_accept=2, grade="minor", contact_hours=3):
    """Dispatch at OCT, sign after `hours_to_accept`, call the citizen (a progress note) after `contact_hours`."""
    case = lifecycle.intake({"title": title, "grade": grade}, OCT, op)
    lifecycle.dispatch(case, dept, OCT, op)
    lifecycle.accept(case, OCT + timedelta(hours=hours_to_accept), op)
    if contact_hours is not None:
        lifecycle.progress(case, "已电话联系反映人", OCT + timedelta(hours=contact_hours), op)
    return case


def _replied(op, dept, title, hours_to_accept=2, days_to_reply=2, contact_hours=3):
    case = _case(op, dept, title, hours_to_accept, contact_hours=contact_hours)
    lifecycle.reply(case, "已处理", OCT + timedelta(days=days_to_reply), op)
    return case


@pytest.fixture
def fixture_cases(operator, departments):
    """Eight cases for department A, one for B, none for C (see each line's comment)."""
    a, b, _c = departments
    r = OCT + timedelta(days=3)
    c1 = _replied(operator, a, "在时限内答复、核验通过")  # contact in time; a passed check: solved
    lifecycle.verify(c1, True, "已修好", r, operator)
    lifecycle.close(c1, r, operator)
    c2 = _replied(operator, a, "联系超时、满意", hours_to_accept=30, contact_hours=31)  # late contact
    lifecycle.rate(c2, "satisfied", r, operator, solved=True)
    lifecycle.close(c2, r, operator)
    c3 = _replied(operator, a, "非常满意")
    lifecycle.rate(c3, "very_satisfied", r, operator, solved=True)
    lifecycle.close(c3, r, operator)
    c4 = _replied(operator, a, "基本满意但说没解决")
    lifecycle.rate(c4, "basically_satisfied", r, operator, solved=False)
    lifecycle.close(c4, r, operator)
    c5 = _replied(operator, a, "一般，未问是否解决")  # no answer to 是否解决: not counted for 解决率
    lifecycle.rate(c5, "neutral", r, operator)
    lifecycle.close(c5, r, operator)
    c6 = _replied(operator, a, "办结后重办")  # said solved, closed, then redone: a false closure
    lifecycle.rate(c6, "satisfied", r, operator, solved=True)
    lifecycle.close(c6, r, operator)
    lifecycle.reopen(c6, "反映人称未修好", r + timedelta(hours=1), operator)
    c7 = _replied(operator, a, "不满意")  # dissatisfied and unsolved: reopened, never closed
    lifecycle.rate(c7, "dissatisfied", r, operator, solved=False)
    c8 = _case(operator, a, "一直未办，超期", contact_hours=None)  # never contacted, open past due
    d1 = _replied(operator, b, "非常不满意", hours_to_accept=25, contact_hours=26)
    lifecycle.rate(d1, "very_dissatisfied", r, operator, solved=False)
    step = CaseDutyStep.select().first()
    return {"a": a, "b": b, "c8": c8, "step": step}


def _month(departments):
    rows = metrics.month_of("2026-10", AT)
    return {row.department_id: row for row in rows}


def test_rates_match_a_count_by_hand(fixture_cases, departments):
    """A: 8 received. 响应率: contacted within 24 h — all but c2 (31 h) and c8 (never) = 6/8.
    解决率: replied in October with an answer or a check — c1 (check passed), c2, c3, c6 (said solved),
    c4, c7 (said unsolved); c5 was not asked — 4/6. 满意率: c2, c3, c4, c6 of six ratings — 4/6."""
    a = _month(departments)[departments[0].id]
    assert a.received == 8
    assert (a.responded_in_time, a.response_due) == (6, 8)
    assert (a.solved, a.visited) == (4, 6)
    assert (a.satisfied, a.rated) == (4, 6)  # 满意, 非常满意, 基本满意, 满意(c6); 一般 and 不满意 not
    assert a.response_rate == 6 / 8 and a.resolution_rate == 4 / 6 and a.satisfaction_rate == 4 / 6
    b = _month(departments)[departments[1].id]
    assert (b.responded_in_time, b.response_due, b.solved, b.visited, b.satisfied, b.rated) == (0, 1, 0, 1, 0, 1)


def test_neutral_counts_when_the_office_says_so(fixture_cases, departments, admin):
    settings.put("neutral_counts_satisfied", True, AT, admin)
    a = _month(departments)[departments[0].id]
    assert (a.satisfied, a.rated) == (5, 6)


def test_overdue_false_closures_and_working_days(fixture_cases, departments):
    """c6, c7 (reopened) and c8 are open past their due (end of Mon 10-12) at 1 Nov 00:00: 19 days late each,
    so all three are more than 7 days late; c6 重办 and c7's dissatisfied rating are two false closures."""
    a = _month(departments)[departments[0].id]
    assert (a.overdue_open, a.overdue_closed_late, a.overdue_long) == (3, 0, 3)
    assert a.false_closures == 2
    # dispatched Thu 10-08, replied Sat 10-10, a make-up working day: Fri + Sat = 2 working days, all in time
    assert a.days["minor"] == (7, 14, 7)
    assert a.average_days("minor") == 2


def test_department_without_cases_shows_dashes_and_no_rank(fixture_cases, departments):
    rows = metrics.month_of("2026-10", AT)
    ranked = scoring.rank(rows, scoring.Weights())
    c = next(s for s in ranked if s.row.department_id == departments[2].id)
    assert c.score is None and c.rank is None and c.rank_text == "—"
    assert scoring.percent(c.row.response_rate) == "—"


def test_score_deductions_thin_sample_and_ties(fixture_cases, departments, operator):
    """A = 100 × (0.30 × 6/8 + 0.35 × 4/6 + 0.35 × 4/6) − (3 late over 7 days × 3 + 2 false closures × 2
    + 1 sanction × 2) = 69.17 − 15 = 54.17. B has 1 case (< 5): scored, not ranked."""
    a_id = departments[0].id
    Accountability.create(target_kind="department", department=departments[0], sanction="formal_talk",
                          reason="超期", decided_on=datetime(2026, 10, 20).date(), status="confirmed",
                          created_at=AT)
    rows = metrics.month_of("2026-10", AT)
    w = scoring.Weights(min_cases=5)
    by_id = {s.row.department_id: s for s in scoring.rank(rows, w)}
    assert by_id[a_id].deductions == 15
    assert by_id[a_id].score == round(100 * (0.225 + 0.35 * 4 / 6 * 2) - 15, 2) == 54.17
    # B: 0/1, 0/1, 0/1 → 0, less one case over 7 days late (3) and one false closure (2)
    b = by_id[departments[1].id]
    assert b.score == -5 and b.rank is None and b.rank_text == "样本不足"
    assert by_id[a_id].rank == 1
    tie = [metrics.DeptMonth(1, "甲", "2026-10", received=5, response_due=1, responded_in_time=1),
           metrics.DeptMonth(2, "乙", "2026-10", received=5, response_due=1, responded_in_time=1),
           metrics.DeptMonth(3, "丙", "2026-10", received=5, response_due=1)]
    assert [s.rank for s in scoring.rank(tie, w)] == [1, 1, 3]


def test_a_rate_with_nothing_to_count_is_named_in_the_formation(fixture_cases, departments):
    rows = {r.department_id: r for r in metrics.month_of("2026-10", AT)}
    only_response = metrics.DeptMonth(9, "丁", "2026-10", received=6, response_due=4, responded_in_time=3)
    text = scoring.formation(only_response, scoring.Weights())
    assert "解决率、满意率无可计件数，未计入" in text and "0.3" in text
    assert scoring.score(only_response, scoring.Weights()) == 75.0
    assert "无可计件数" not in scoring.formation(rows[departments[0].id], scoring.Weights())


def test_bad_month_is_refused(database):
    from wzdesk.errors import UserError

    with pytest.raises(UserError, match="YYYY-MM"):
        month_span("2026-13")
