"""The lookups the 问责 and 约谈 pages call: a record or an interview by id, its first case, its case count."""

from datetime import datetime

from wzdesk.cases import lifecycle
from wzdesk.notices import register
from wzdesk.supervision import accountability, interviews

AT = datetime(2026, 11, 2, 9, 0)
WHEN = datetime(2026, 11, 5, 9, 30)


def _cases(operator, dept, n: int):
    made = [lifecycle.intake({"title": f"红旗路路灯不亮{i}"}, AT, operator) for i in range(n)]
    return [lifecycle.dispatch(c, dept, AT, operator) for c in made]


def test_a_record_by_id_its_first_case_and_how_many(operator, departments):
    first, second = _cases(operator, departments[0], 2)
    linked = accountability.propose(departments[0], "department", "circulated_criticism", "路灯长期不修", AT, operator,
                                    cases=[first, second])
    alone = accountability.propose(departments[1], "department", "performance_deduction", "考核垫底", AT, operator)
    assert accountability.record_by_id(linked.id).reason == "路灯长期不修"
    assert accountability.record_by_id(None) is None
    assert (accountability.first_case_id(linked), accountability.case_count(linked)) == (first.id, 2)
    assert (accountability.first_case_id(alone), accountability.case_count(alone)) == (None, 0)


def test_an_interview_by_id_its_first_case_and_its_notice(operator, departments):
    (case,) = _cases(operator, departments[1], 1)
    held = interviews.schedule(departments[1], WHEN, "head", AT, operator, reason="夜间施工噪音", cases=[case])
    bare = interviews.schedule(departments[0], WHEN, "head", AT, operator, reason="路灯")
    assert interviews.interview_by_id(held.id).reason == "夜间施工噪音"
    assert interviews.interview_by_id(None) is None
    assert (interviews.first_case_id(held), interviews.first_case_id(bare)) == (case.id, None)
    assert register.notice_by_id(held.notice_id).kind == "interview_notice"
    assert register.notice_by_id(None) is None
    assert register.notice_by_id(99999) is None
