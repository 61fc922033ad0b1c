"""The case lookups the window calls: by id, by a list of codes, and the departments a case involves."""

from datetime import datetime

import pytest

from wzdesk.cases import lifecycle
from wzdesk.errors import UserError
from wzdesk.ledger import queries

T0 = datetime(2026, 10, 8, 9, 0)


def _case(operator, title: str):
    return lifecycle.intake({"title": title, "content": "晚上一片漆黑"}, T0, operator)


def test_a_case_by_id_is_none_when_there_is_none(operator):
    case = _case(operator, "红旗路路灯不亮")
    assert queries.case_by_id(case.id).code == case.code
    assert queries.case_by_id(None) is None
    assert queries.case_by_id(99999) is None


def test_cases_by_codes_read_any_separator_in_the_order_written(operator):
    first, second = _case(operator, "红旗路路灯不亮"), _case(operator, "东塔社区下水道堵塞")
    text = f" {second.code}、{first.code}，{second.code};"
    assert [c.id for c in queries.cases_by_codes(text)] == [second.id, first.id, second.id]
    assert queries.cases_by_codes("  ") == []


def test_an_unknown_code_is_refused_by_name(operator):
    first = _case(operator, "红旗路路灯不亮")
    with pytest.raises(UserError, match="没有编号为“WZ-2026-999999”的工单"):
        queries.cases_by_codes(f"{first.code} WZ-2026-999999")


def test_involved_departments_are_the_lead_then_the_co_departments(operator, departments):
    lead, co, other = departments
    case = _case(operator, "龙须塘路口积水")
    assert queries.involved_departments(case) == []
    lifecycle.dispatch(case, lead, T0, operator, co_departments=[co])
    assert [d.id for d in queries.involved_departments(case)] == [lead.id, co.id]
    assert other.id not in [d.id for d in queries.involved_departments(case)]
