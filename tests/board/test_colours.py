"""The overdue board's colours at their boundaries, and the board's counts."""

from datetime import datetime, timedelta

import pytest

from wzdesk.board.colours import colour_of
from wzdesk.board.counts import UNDISPATCHED, board_counts, board_json, open_and_overdue
from wzdesk.board.office import DEPARTMENT_HELD, OFFICE_ROW
from wzdesk.cases import lifecycle
from wzdesk.models import Case

T0 = datetime(2026, 10, 8, 9, 0)  # a minor case dispatched now is due at 24:00 on Mon 2026-10-12
DUE_END = datetime(2026, 10, 13, 0, 0)


@pytest.fixture
def case(operator, departments):
    c = lifecycle.intake({"title": "垃圾桶满溢"}, T0, operator)
    return lifecycle.dispatch(c, departments[0], T0, operator)


@pytest.mark.parametrize(("at", "colour"), [
    (T0 + timedelta(hours=1), "green"),
    (datetime(2026, 10, 11, 20, 14), "green"),  # just under 75% of the 111 hours
    (datetime(2026, 10, 11, 20, 15), "yellow"),  # exactly 75%
    (DUE_END, "yellow"),  # 24:00 of the due day is still in time
    (DUE_END + timedelta(minutes=1), "orange"),
    (DUE_END + timedelta(days=7), "orange"),  # overdue by exactly 7 days is not "more than 7"
    (DUE_END + timedelta(days=7, minutes=1), "red"),
])
def test_colour_boundaries(case, at, colour):
    assert colour_of(case.id, at, 7) == colour


@pytest.mark.parametrize("flag", ["flag_complaint", "flag_false_closure", "flag_duty_breach"])
def test_flagged_case_is_red_even_when_early(case, flag):
    Case.update({getattr(Case, flag): True}).where(Case.id == case.id).execute()
    assert colour_of(case.id, T0 + timedelta(hours=1), 7) == "red"


def test_supervised_case_is_red(case):
    Case.update(supervised_at=T0).where(Case.id == case.id).execute()
    assert colour_of(case.id, T0 + timedelta(hours=1), 7) == "red"


def test_late_first_response_does_not_change_the_colour(case):
    """No response after 24 h is the ladder's business: still green on day two."""
    assert colour_of(case.id, T0 + timedelta(hours=30), 7) == "green"


def test_closed_case_is_grey_whatever_its_flags(case, operator):
    lifecycle.accept(case, T0 + timedelta(hours=1), operator)
    lifecycle.reply(case, "已清运", T0 + timedelta(hours=2), operator)
    lifecycle.rate(case, "satisfied", T0 + timedelta(hours=3), operator)
    lifecycle.close(case, T0 + timedelta(hours=4), operator)
    Case.update(flag_complaint=True).where(Case.id == case.id).execute()
    assert colour_of(case.id, DUE_END + timedelta(days=30), 7) == "grey"


def test_red_threshold_is_a_setting(case):
    assert colour_of(case.id, DUE_END + timedelta(days=3, minutes=1), 3) == "red"


def test_board_counts_by_department_and_colour(operator, departments, case):
    lead, other, _ = departments
    lifecycle.intake({"title": "未派单的诉求"}, T0, operator)
    late = lifecycle.dispatch(lifecycle.intake({"title": "噪音"}, T0 - timedelta(days=20), operator),
                              other, T0 - timedelta(days=20), operator)
    at = T0 + timedelta(hours=2)
    board = board_counts(at)
    assert board[lead.name] == {"green": 1, "yellow": 0, "orange": 0, "red": 0, "grey": 0}
    assert board[other.name]["red"] == 1
    # Issue 15: a case not yet dispatched is the office's own work, counted in its row 督办室.
    assert board[OFFICE_ROW] == {"green": 1, "yellow": 0, "orange": 0, "red": 0, "grey": 0}
    assert UNDISPATCHED not in board
    data = board_json(at)
    assert data["at"] == "2026-10-08 11:00"
    assert data["totals"] == {"green": 2, "yellow": 0, "orange": 0, "red": 1, "grey": 0}
    assert open_and_overdue(at) == (3, 1)
    assert late.due_at < at


@pytest.mark.parametrize("at", [datetime(2026, 11, 20, 10, 0), datetime(2026, 11, 28, 0, 0), datetime(2026, 12, 9)])
def test_board_counts_equal_each_cases_own_colour(operator, at):
    """The board's index-driven counts agree with the colour rule applied case by case.

    Issue 15: departments are counted for the cases they hold; the office's backlog goes to 督办室.
    """
    from collections import Counter

    from wzdesk.board.colours import colour_expression
    from wzdesk.demo.fill import DemoProgress, fill
    from wzdesk.models import Department

    fill(600, 5, datetime(2026, 11, 20, 10, 0), operator, DemoProgress())
    Case.update(status="closed").where(Case.id.in_([3, 4, 5])).execute()  # the triggers follow updates too
    names = {d.id: d.name for d in Department.select()}
    expected = Counter()
    held = Case.status.in_([*DEPARTMENT_HELD, "closed"])
    for dept_id, colour in Case.select(Case.lead_department, colour_expression(at, 7).alias("c")).where(
            held).tuples():
        expected[(names.get(dept_id, UNDISPATCHED), colour)] += 1
    board = board_counts(at)
    office = board.pop(OFFICE_ROW)
    got = Counter({(name, colour): n for name, row in board.items() for colour, n in row.items() if n})
    assert got == expected
    assert sum(office.values()) == Case.select().where(~held).count()
