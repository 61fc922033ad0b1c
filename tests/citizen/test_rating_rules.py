"""The monthly rating rules, each tested at its edge: 20% exactly vs above, 2 vs 3 in a row, worst twice."""

from datetime import datetime, timedelta

import pytest

from tests.citizen.citizen_helpers import rating_row, replied_case
from wzdesk.cases import lifecycle
from wzdesk.citizen import rating_rules
from wzdesk.errors import UserError
from wzdesk.models import Accountability, Case, CaseEvent, Department, Operator, Staff
from wzdesk.months import month_span
from wzdesk.supervision import accountability

NOV = datetime(2026, 11, 2, 9, 0)
RUN = datetime(2026, 12, 1, 9, 0)


def _closed_with(dept, level: str, at: datetime, operator) -> Case:
    """A case rated `level` at `at`; closed when the verdict allows it."""
    case = replied_case(dept, at, operator)
    lifecycle.rate(case, level, at + timedelta(hours=4), operator)
    case = Case.get_by_id(case.id)
    if case.status == "replied":
        lifecycle.close(case, at + timedelta(hours=5), operator)
    return Case.get_by_id(case.id)


def test_exactly_the_threshold_keeps_closures_just_above_reopens_them(operator, departments):
    """1 of 5 dissatisfied (20%) is not above 20%; 2 of 9 (22.2%) is, and its closures are redone."""
    at_edge, above = departments[0], departments[1]
    edge_cases = [_closed_with(at_edge, lvl, NOV + timedelta(days=i), operator)
                  for i, lvl in enumerate(["satisfied"] * 4 + ["dissatisfied"])]
    above_cases = [_closed_with(above, lvl, NOV + timedelta(days=i), operator)
                   for i, lvl in enumerate(["satisfied"] * 7 + ["dissatisfied"] * 2)]
    result = rating_rules.apply_monthly_rating_rules("2026-11", RUN, operator)
    assert result.rates[at_edge.id] == (1, 5) and result.rates[above.id] == (2, 9)
    assert sorted(result.false_closures) == sorted(c.code for c in above_cases[:7])
    assert all(Case.get_by_id(c.id).status == "closed" for c in edge_cases[:4])
    reopened = Case.get_by_id(above_cases[0].id)
    assert reopened.status == "in_progress" and reopened.flag_false_closure
    note = CaseEvent.select().where(CaseEvent.case == reopened).order_by(CaseEvent.id.desc()).first().note
    assert "22.2%" in note and "2026-11" in note


def test_rerunning_the_month_reopens_and_proposes_nothing_new(operator, departments):
    for i in range(3):
        _closed_with(departments[1], "dissatisfied", NOV + timedelta(days=i), operator)
    _closed_with(departments[1], "satisfied", NOV + timedelta(days=5), operator)
    first = rating_rules.apply_monthly_rating_rules("2026-11", RUN, operator)
    assert len(first.false_closures) == 1 and len(first.proposals) == 2
    # the reopened case is closed again within the month: the rule has already dealt with it
    case = Case.by_code(first.false_closures[0])
    lifecycle.reply(case, "重新办理完毕", NOV + timedelta(days=10), operator)
    lifecycle.rate(Case.get_by_id(case.id), "satisfied", NOV + timedelta(days=10, hours=1), operator)
    lifecycle.close(Case.get_by_id(case.id), NOV + timedelta(days=10, hours=2), operator)
    events, records = CaseEvent.select().count(), Accountability.select().count()
    again = rating_rules.apply_monthly_rating_rules("2026-11", RUN + timedelta(hours=1), operator)
    assert again.false_closures == [] and again.proposals == []
    assert CaseEvent.select().count() == events and Accountability.select().count() == records


def test_two_dissatisfied_in_a_row_propose_nothing_three_propose_deduction_and_no_award(operator, departments):
    dept = departments[0]
    cases = [replied_case(dept, NOV, operator, title=f"诉求{i}") for i in range(6)]
    levels = ["dissatisfied", "dissatisfied", "satisfied", "dissatisfied", "dissatisfied"]
    for i, level in enumerate(levels):
        rating_row(cases[i], level, NOV + timedelta(days=i + 1), operator)
    assert rating_rules.apply_monthly_rating_rules("2026-11", RUN, operator).proposals == []
    rating_row(cases[5], "very_dissatisfied", NOV + timedelta(days=8), operator)
    proposals = rating_rules.apply_monthly_rating_rules("2026-11", RUN, operator).proposals
    assert sorted(p.sanction for p in proposals) == ["no_award", "performance_deduction"]
    record = proposals[0]
    assert record.status == "proposed" and record.rule == "dissatisfied_streak_department"
    assert record.target_kind == "department" and record.department_id == dept.id
    assert {link.case_id for link in record.case_links} == {cases[3].id, cases[4].id, cases[5].id}


def test_a_handler_streak_counts_across_the_department_s_other_ratings(operator, departments):
    dept = departments[0]
    handler, other = Staff.get(Staff.department == dept), Staff.create(department=dept, name="李娜")
    cases = [replied_case(dept, NOV, operator, title=f"诉求{i}") for i in range(5)]
    plan = [(handler, "dissatisfied"), (other, "satisfied"), (handler, "dissatisfied"), (other, "satisfied"),
            (handler, "dissatisfied")]
    for i, (who, level) in enumerate(plan):
        rating_row(cases[i], level, NOV + timedelta(days=i + 1), operator, handler=who)
    proposals = rating_rules.apply_monthly_rating_rules("2026-11", RUN, operator).proposals
    assert {(p.rule, p.target_kind, p.person_name) for p in proposals} == {
        ("dissatisfied_streak_handler", "person", "张伟")}


def test_a_streak_that_completed_last_month_is_not_proposed_again_this_month(operator, departments):
    cases = [replied_case(departments[0], NOV, operator, title=f"诉求{i}") for i in range(3)]
    for i, case in enumerate(cases):
        rating_row(case, "dissatisfied", datetime(2026, 10, 20 + i, 9, 0), operator)
    assert len(rating_rules.apply_monthly_rating_rules("2026-10", NOV, operator).proposals) == 2
    assert rating_rules.apply_monthly_rating_rules("2026-11", RUN, operator).proposals == []


def _rates(month_day: datetime, plan: dict, operator) -> None:
    """Store ratings so each department gets (dissatisfied, rated) of the plan in that month."""
    for dept, (dis, total) in plan.items():
        for i in range(total):
            case = replied_case(dept, month_day, operator, title=f"{dept.name}{i}")
            level = "dissatisfied" if i < dis else "satisfied"
            rating_row(case, level, month_day + timedelta(days=1, minutes=i), operator)


def test_worst_is_the_top_three_rates_ties_included():
    rates = {1: (1, 2), 2: (1, 3), 3: (1, 4), 4: (1, 4), 5: (1, 10), 6: (0, 5)}
    assert rating_rules.worst_departments(rates) == {1, 2, 3, 4}
    assert rating_rules.worst_departments({6: (0, 5)}) == set()


def test_among_the_worst_two_months_running_proposes_a_talk_for_the_leader(operator, departments):
    extra = [Department.create(name=n, leader_name="陈红", leader_title="副区长") for n in ("大祥区政府", "北塔区政府")]
    a, b, c, d, e = [*departments, *extra]
    # October: a, b, c worst; November: a, d, e worst -> only a is among the worst both months
    _rates(datetime(2026, 10, 5, 9, 0), {a: (2, 4), b: (2, 4), c: (2, 5), d: (1, 5), e: (1, 6)}, operator)
    _rates(NOV, {a: (2, 4), b: (1, 6), c: (1, 6), d: (2, 4), e: (2, 4)}, operator)
    proposals = rating_rules.apply_monthly_rating_rules("2026-11", RUN, operator).proposals
    talks = [p for p in proposals if p.rule == "worst_two_months"]
    assert [(p.department_id, p.target_kind, p.sanction, p.person_name) for p in talks] == [
        (a.id, "leader", "formal_talk", "刘志明")]
    assert talks[0].case_links.count() == 4


def test_a_supervisor_confirms_or_dismisses_with_a_reason_a_clerk_cannot(operator, departments, admin):
    cases = [replied_case(departments[0], NOV, operator, title=f"诉求{i}") for i in range(3)]
    for i, case in enumerate(cases):
        rating_row(case, "dissatisfied", NOV + timedelta(days=i + 1), operator)
    first, second = rating_rules.apply_monthly_rating_rules("2026-11", RUN, operator).proposals
    clerk = Operator.create(username="clerk", display_name="王芳", role="clerk", created_at=NOV)
    with pytest.raises(UserError, match="督办科长"):
        accountability.confirm(first, RUN, clerk)
    with pytest.raises(UserError, match="理由"):
        accountability.dismiss(second, "", RUN, operator)
    accountability.confirm(first, RUN + timedelta(days=1), admin)
    accountability.dismiss(second, "反映人诉求超出政策范围", RUN, admin)
    assert Accountability.get_by_id(first.id).status == "confirmed"
    assert Accountability.get_by_id(first.id).decided_on == (RUN + timedelta(days=1)).date()
    assert Accountability.get_by_id(second.id).status_note == "反映人诉求超出政策范围"
    assert accountability.proposed() == []
    with pytest.raises(UserError, match="已经处理过"):
        accountability.confirm(Accountability.get_by_id(first.id), RUN, admin)


def test_a_malformed_month_is_refused():
    with pytest.raises(UserError, match="YYYY-MM"):
        month_span("2026/11")
