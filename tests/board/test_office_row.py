"""The office's own backlog: its board row 督办室, its own limits, and no letters to departments for it.

Dates reckoned by hand from the 2026 official calendar: Sat 2026-10-10 is a make-up working day,
Sat 10-17 and Sun 10-18 are rest days.
"""

from datetime import datetime, timedelta

import pytest

from wzdesk.board.counts import board_counts
from wzdesk.board.office import OFFICE_ROW, office_overdue, office_tasks
from wzdesk.cases import lifecycle
from wzdesk.supervision.ladder import run_ladder

T0 = datetime(2026, 10, 8, 9, 0)  # Thu; a minor case dispatched now is due at 24:00 on Mon 10-12
ZERO = {"green": 0, "yellow": 0, "orange": 0, "red": 0, "grey": 0}

# The replied case's colour against the office's own limit, hand-reckoned. Verification is due within 3
# working days of Fri 10-09: Sat 10-10, Mon 10-12, Tue 10-13 → 24:00 10-13. From 10-09 10:00 to 10-14 00:00
# is 110 hours; 75% of them is 82.5 hours: Mon 10-12 20:30.
OFFICE_LIMIT_COLOURS = [
    (datetime(2026, 10, 12, 20, 29), "green"),
    (datetime(2026, 10, 12, 20, 30), "yellow"),
    (datetime(2026, 10, 14, 0, 0), "yellow"),
    (datetime(2026, 10, 14, 0, 1), "orange"),
    (datetime(2026, 10, 21, 0, 0), "orange"),
    (datetime(2026, 10, 21, 0, 1), "red"),
]


@pytest.fixture
def replied(operator, departments):
    case = lifecycle.intake({"title": "井盖破损"}, T0 - timedelta(hours=1), operator)
    lifecycle.dispatch(case, departments[0], T0, operator)
    lifecycle.accept(case, T0 + timedelta(hours=1), operator)
    return lifecycle.reply(case, "已更换井盖", datetime(2026, 10, 9, 10, 0), operator)


def test_a_replied_case_is_not_counted_against_the_department(replied, departments):
    board = board_counts(datetime(2026, 10, 20, 9, 0))  # long past the department's own limit
    assert board[departments[0].name] == ZERO
    assert sum(board[OFFICE_ROW].values()) == 1


@pytest.mark.parametrize(("at", "colour"), OFFICE_LIMIT_COLOURS)
def test_the_office_row_is_coloured_against_the_office_limit(replied, at, colour):
    row = board_counts(at)[OFFICE_ROW]
    assert row == {**ZERO, colour: 1}


def test_a_received_case_is_due_for_dispatch_the_next_working_day(operator):
    case = lifecycle.intake({"title": "路灯不亮"}, datetime(2026, 10, 16, 17, 0), operator)  # Fri
    (task,) = office_tasks(datetime(2026, 10, 17, 9, 0))
    assert (task.code, task.task, task.due_at) == (case.code, "待派单", datetime(2026, 10, 19, 23, 59, 59))
    assert office_overdue(datetime(2026, 10, 20, 0, 0)) == []
    assert [t.code for t in office_overdue(datetime(2026, 10, 20, 0, 1))] == [case.code]


def test_a_returned_case_is_due_for_dispatch_from_its_return(operator, departments):
    case = lifecycle.intake({"title": "占道经营"}, T0 - timedelta(hours=1), operator)
    lifecycle.dispatch(case, departments[2], T0, operator)
    lifecycle.reassign(case, departments[1], "属生态环境局职责", T0 + timedelta(hours=1), operator)
    lifecycle.return_case(case, "不属本单位职责", datetime(2026, 10, 12, 15, 0), operator)  # Mon
    (task,) = office_tasks(datetime(2026, 10, 13, 9, 0))
    assert (task.task, task.since, task.due_at) == ("待重新派单", datetime(2026, 10, 12, 15, 0),
                                                    datetime(2026, 10, 13, 23, 59, 59))
    assert board_counts(datetime(2026, 10, 13, 9, 0))[departments[1].name] == ZERO


def test_an_office_held_replied_case_gets_no_letter(replied, operator):
    """Due 10-12 for the department, replied 10-09: 10-30 is long past, yet nothing goes to the department."""
    assert run_ladder(datetime(2026, 10, 30, 9, 0), operator) == []


def test_a_verified_multi_department_case_gets_no_coordination(operator, departments):
    lead, co, _ = departments
    case = lifecycle.intake({"title": "老旧小区改造"}, T0 - timedelta(hours=1), operator)
    lifecycle.dispatch(case, lead, T0, operator, co_departments=[co])
    lifecycle.accept(case, T0 + timedelta(hours=1), operator)
    lifecycle.reply(case, "已完成改造", T0 + timedelta(hours=2), operator)
    lifecycle.verify(case, True, "现场已完成", T0 + timedelta(hours=3), operator)
    assert run_ladder(datetime(2026, 10, 30, 9, 0), operator) == []
    assert office_tasks(datetime(2026, 10, 30, 9, 0))[0].task == "待回访、办结"


def test_a_department_holding_the_case_is_still_chased(operator, departments):
    case = lifecycle.intake({"title": "噪音扰民"}, T0 - timedelta(hours=1), operator)
    lifecycle.dispatch(case, departments[0], T0, operator)
    steps = [(p.case, p.step) for p in run_ladder(datetime(2026, 10, 9, 10, 0), operator)]
    assert steps == [(case.code, "reminder_letter")]


# --- the ledger reads the same office clock as the board's row --------------------------------------

def _ledger_colours(at):
    from wzdesk.ledger import queries, view
    from wzdesk.vocabulary import COLOURS

    rows = {row.code: row.colour for row in view.page(view.LedgerFilter(), view.LedgerSort(), at)}
    listed = {c.code: c.colour for c in queries.case_rows(queries.CaseFilter(), at)}
    filtered = {colour: {row.code for row in view.page(view.LedgerFilter(colour=colour), view.LedgerSort(), at)}
                for colour in COLOURS}
    counted = {colour: view.count(view.LedgerFilter(colour=colour), at) for colour in COLOURS}
    return rows, listed, filtered, counted


@pytest.mark.parametrize(("at", "colour"), OFFICE_LIMIT_COLOURS)  # the board's moments, read in the ledger
def test_the_ledger_colours_a_replied_case_against_the_office_limit(replied, at, colour):
    """The ledger's column, its colour filter and `cases --json` say what the 督办室 row says, not the
    department's deadline (24:00 10-12, which alone would make 10-14 orange and 10-21 red)."""
    from wzdesk.board.colours import colour_of

    rows, listed, filtered, counted = _ledger_colours(at)
    assert rows[replied.code] == listed[replied.code] == colour_of(replied.id, at, 7) == colour
    assert {c for c, codes in filtered.items() if replied.code in codes} == {colour}
    assert counted[colour] == 1 and sum(counted.values()) == 1


@pytest.mark.parametrize(("at", "colour"), [
    # Returned Mon 10-12 15:00: dispatch due 24:00 Tue 10-13; 33 hours, 75% of them 24.75 h: 10-13 15:45.
    (datetime(2026, 10, 13, 15, 44), "green"),
    (datetime(2026, 10, 13, 15, 45), "yellow"),
    (datetime(2026, 10, 14, 0, 1), "orange"),
    (datetime(2026, 10, 21, 0, 1), "red"),  # more than 7 days past 24:00 10-13
])
def test_a_returned_case_is_coloured_from_its_return_in_the_ledger_and_on_the_board(operator, departments,
                                                                                   at, colour):
    case = lifecycle.intake({"title": "占道经营"}, T0 - timedelta(hours=1), operator)
    lifecycle.dispatch(case, departments[2], T0, operator)
    lifecycle.reassign(case, departments[1], "属生态环境局职责", T0 + timedelta(hours=1), operator)
    lifecycle.return_case(case, "不属本单位职责", datetime(2026, 10, 12, 15, 0), operator)
    rows, listed, filtered, _counted = _ledger_colours(at)
    assert board_counts(at)[OFFICE_ROW] == {**ZERO, colour: 1}
    assert rows[case.code] == listed[case.code] == colour
    assert filtered[colour] == {case.code}


def test_a_received_case_turns_orange_after_its_dispatch_day_in_the_ledger(operator):
    """Received Fri 10-16 17:00: due for dispatch 24:00 Mon 10-19 (the weekend rests)."""
    case = lifecycle.intake({"title": "路灯不亮"}, datetime(2026, 10, 16, 17, 0), operator)
    for at, colour in ((datetime(2026, 10, 19, 23, 59), "yellow"), (datetime(2026, 10, 20, 0, 1), "orange")):
        rows, listed, _filtered, _counted = _ledger_colours(at)
        assert rows[case.code] == listed[case.code] == colour, at
        assert board_counts(at)[OFFICE_ROW][colour] == 1


@pytest.mark.parametrize("at", [datetime(2026, 11, 20, 10, 0), datetime(2026, 11, 23, 8, 0),
                                datetime(2026, 12, 2, 17, 30)])
def test_the_office_row_counted_in_sql_matches_each_task_coloured_in_python(database, at):
    """The board's row 督办室 is one SQL count by colour; office_tasks colours each case the office holds
    in Python through its clock: on a demo office of every status the two agree at several moments."""
    from collections import Counter

    from wzdesk.board.counts import office_counts
    from wzdesk.demo.fill import DemoProgress, fill
    from wzdesk.office.defaults import system_operator

    fill(1000, 11, datetime(2026, 11, 20, 10, 0), system_operator(), DemoProgress())
    by_task = Counter(task.colour for task in office_tasks(at))
    assert sum(by_task.values()) > 50 and len(by_task) >= 2
    assert office_counts(at) == {**ZERO, **by_task}
