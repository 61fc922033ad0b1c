"""A page of one of the rarer colours in receipt order, read share by share on a server (ledger/colour_shares.py),
lists the same cases in the same order as the plain query over the colour expression, page after page."""

from datetime import datetime

import pytest

from wzdesk.board.colours import colour_expression
from wzdesk.board.office import DEPARTMENT_HELD, OFFICE_HELD
from wzdesk.demo.fill import DemoProgress, fill
from wzdesk.ledger import view as ledger_view
from wzdesk.ledger.view import LedgerFilter, LedgerSort
from wzdesk.models import Case
from wzdesk.models.base import is_postgres
from wzdesk.office import settings

NOW = datetime(2026, 11, 20, 10, 0)


@pytest.fixture
def demo(operator):
    fill(900, 3, NOW, operator, DemoProgress())
    return operator


def _plain(colour: str, at: datetime, descending: bool) -> list[Case]:
    expr = colour_expression(at, settings.get("red_overdue_days"))
    order = [Case.received_at.desc(), Case.id.desc()] if descending else [Case.received_at, Case.id]
    return list(Case.select(Case.id, Case.status).where(expr == colour).order_by(*order))


@pytest.mark.parametrize("descending", [True, False])
@pytest.mark.parametrize("at", [NOW, datetime(2026, 11, 24, 16, 30)])
def test_pages_of_orange_and_yellow_equal_the_plain_query(demo, at, descending):
    held_by = set()
    for colour in ("orange", "yellow"):
        flt, sort = LedgerFilter(colour=colour), LedgerSort("received_at", descending)
        assert ledger_view._by_shares(flt, sort) == is_postgres()
        expected = _plain(colour, at, descending)
        assert expected, colour
        got = [row.id for row in ledger_view.page(flt, sort, at, 0, 30)]
        got += [row.id for row in ledger_view.page(flt, sort, at, 30, 2000)]
        assert got == [case.id for case in expected], colour
        held_by |= {case.status for case in expected}
    # both kinds of share are read: cases departments hold and cases the office holds
    assert held_by & set(DEPARTMENT_HELD) and held_by & set(OFFICE_HELD)


def test_only_a_rare_colour_alone_in_receipt_order_is_read_by_shares(database):
    sort = LedgerSort()
    assert not ledger_view._by_shares(LedgerFilter(colour="red"), sort)
    assert not ledger_view._by_shares(LedgerFilter(colour="orange", grade="major"), sort)
    assert not ledger_view._by_shares(LedgerFilter(colour="orange"), LedgerSort("code"))
    assert ledger_view._by_shares(LedgerFilter(colour="yellow"), sort) == is_postgres()
