"""The ledger's fast paths (colour ranges, index walks, search strategies) give the same rows as the plain SQL."""

from datetime import datetime

import pytest

from wzdesk.board.colours import colour_condition, colour_expression
from wzdesk.demo.fill import DemoProgress, fill
from wzdesk.ledger import search
from wzdesk.ledger import view as ledger_view
from wzdesk.ledger.printout import describe, printed_ledger
from wzdesk.ledger.view import LedgerFilter, LedgerSort
from wzdesk.models import Case, Department, db
from wzdesk.office import settings

NOW = datetime(2026, 11, 20, 10, 0)
OVERDUE = datetime(2026, 11, 20, 9, 59, 59)  # due_at before this: past its limit at NOW


@pytest.fixture
def demo(operator):
    fill(800, 3, NOW, operator, DemoProgress())
    return operator


def _plain_ids(condition, sort_desc=True) -> list[int]:
    order = [Case.received_at.desc(), Case.id.desc()] if sort_desc else [Case.received_at, Case.id]
    return [c.id for c in Case.select(Case.id).where(condition).order_by(*order)]


def test_colour_ranges_select_exactly_the_cases_of_that_colour(demo):
    """Each colour's range condition, hidden or not, picks the same cases as the CASE expression.

    A merged repeat (issue 23) is shown grey but counts in no colour: the main case carries it."""
    days = settings.get("red_overdue_days")
    expr = colour_expression(NOW, days)
    for colour in ("red", "orange", "yellow", "green", "grey"):
        expected = _plain_ids((expr == colour) & (Case.status != "merged"))
        assert expected, colour
        for hidden in (False, True):
            assert _plain_ids(colour_condition(colour, NOW, days, hidden)) == expected, (colour, hidden)


def test_walked_pages_match_the_plain_order(demo):
    """Pages found by walking an index equal the plain filtered, ordered query, page after page."""
    dept = Department.select().join(Case, on=(Case.lead_department == Department.id)).first()
    expr = colour_expression(NOW, settings.get("red_overdue_days"))
    for flt, condition in [
        (LedgerFilter(colour="orange"), expr == "orange"),
        (LedgerFilter(department_id=dept.id, colour="green"), (expr == "green") & (Case.lead_department == dept.id)),
        (LedgerFilter(overdue_only=True), (Case.status != "closed") & (Case.due_at < OVERDUE)),
    ]:
        assert ledger_view._walk_index(flt, LedgerSort()) is not None
        expected = _plain_ids(condition)
        got = [r.id for r in ledger_view.page(flt, LedgerSort(), NOW, 0, 40)]
        got += [r.id for r in ledger_view.page(flt, LedgerSort(), NOW, 40, 1000)]
        assert got == expected and ledger_view.count(flt, NOW) == len(expected)


def test_search_by_walking_and_by_the_index_agree(demo, monkeypatch):
    """A 3-character search lists the same cases whether it walks receipt order or sorts the matches."""
    flt = LedgerFilter(text="路灯不")
    by_matches = [r.id for r in ledger_view.page(flt, LedgerSort(), NOW, 0, 1000)]
    assert not search.many_hits("路灯不") and by_matches
    assert search.many_hits("路灯不", cap=1)
    monkeypatch.setattr(search, "MANY", 1)  # lower the threshold so this small ledger takes the walking path
    walked = [r.id for r in ledger_view.page(flt, LedgerSort(), NOW, 0, 1000)]
    assert walked == by_matches
    expected = Case.select().where(Case.title.contains("路灯") | Case.content.contains("路灯")
                                   | Case.petitioner_name.contains("路灯")).count()
    assert ledger_view.count(LedgerFilter(text="路灯"), NOW) == expected


def test_exact_code_still_found_by_the_text_filter(demo):
    case = Case.select().first()
    assert [r.id for r in ledger_view.page(LedgerFilter(text=case.code), LedgerSort(), NOW)] == [case.id]


@pytest.mark.sqlite_only  # the SQLite walk indexes (PostgreSQL has its own, wzdesk/models/postgres_schema.py)
def test_walk_indexes_exist_after_migration(database):
    names = {row[0] for row in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"case_open_received", "case_received_text"} <= names


def test_printed_ledger_caps_rows_and_describes_the_filter(demo):
    """The printout keeps the window's order, stops at the cap and says so, and names the filter in words."""
    dept = Department.select().first()
    printed = printed_ledger(LedgerFilter(), LedgerSort(), NOW, cap=50)
    assert printed.truncated and len(printed.rows) == 50 and printed.rows[0][0] == "1"
    assert printed.rows[0][1] == ledger_view.page(LedgerFilter(), LedgerSort(), NOW, 0, 1)[0].code
    assert describe(LedgerFilter()) == "全部工单"
    assert describe(LedgerFilter(department_id=dept.id, colour="red", overdue_only=True)) == \
        f"承办单位：{dept.name}；颜色：红；只看超期"
    assert not printed_ledger(LedgerFilter(status="in_progress"), LedgerSort(), NOW, cap=5000).truncated
