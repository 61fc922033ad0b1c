"""Sorted under a filter, by any column, a page holds exactly the cases the plain sorted query gives,
whether its ids come from the covering indexes, the colour ranges, a walk, or a walk given up."""

from datetime import datetime

import pytest

from wzdesk.demo.fill import DemoProgress, fill
from wzdesk.ledger import plan as ledger_plan
from wzdesk.ledger import view as ledger_view
from wzdesk.ledger.view import LedgerFilter, LedgerSort
from wzdesk.models import Department

NOW = datetime(2026, 11, 20, 10, 0)
KEYS = ["colour", "code", "title", "status", "grade", "category"]


def plain(flt: LedgerFilter, sort: LedgerSort, offset: int, limit: int) -> list[int]:
    """The page as one SQL query sorting every match by the colour expression or the column."""
    query = ledger_view._rows_query(NOW).order_by(*ledger_view._order(sort, NOW)).offset(offset).limit(limit)
    return [row[0] for row in ledger_view._filtered(query, flt, NOW)]


@pytest.fixture
def filters(operator):
    fill(1500, 4, NOW, operator, DemoProgress())
    dept = Department.select().order_by(Department.id).first().id
    return [LedgerFilter(status="in_progress"), LedgerFilter(status="accepted"), LedgerFilter(status="closed"),
            LedgerFilter(department_id=dept, colour="red"), LedgerFilter(department_id=dept, overdue_only=True),
            LedgerFilter(grade="major"), LedgerFilter(colour="orange"),
            LedgerFilter(status="dispatched", colour="green")]


def test_every_sort_under_every_filter_gives_the_plain_querys_page(filters):
    for flt in filters:
        for key in KEYS:
            for descending in (True, False):
                sort = LedgerSort(key, descending)
                for offset in (0, 37):
                    got = [row.id for row in ledger_view.page(flt, sort, NOW, offset, 60)]
                    assert got == plain(flt, sort, offset, 60), (flt, key, descending, offset)


def test_a_walk_that_gives_up_falls_back_to_the_same_page(filters, monkeypatch):
    monkeypatch.setattr(ledger_plan.bounded, "__defaults__", (1,))  # every walk gives up at once
    for flt in filters:
        sort = LedgerSort("colour", False)
        assert [row.id for row in ledger_view.page(flt, sort, NOW, 0, 80)] == plain(flt, sort, 0, 80), flt
