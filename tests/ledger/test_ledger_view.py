"""The ledger's SQL: filters, sorting, paging, counting and both search paths."""

from datetime import date, datetime

import pytest

from wzdesk.cases import lifecycle
from wzdesk.demo.fill import DemoProgress, fill
from wzdesk.ledger import view as ledger_view
from wzdesk.ledger.view import LedgerFilter, LedgerSort
from wzdesk.models import CLOSED, Case, Department

NOW = datetime(2026, 11, 20, 10, 0)


@pytest.fixture
def demo(operator):
    fill(600, 2, NOW, operator, DemoProgress())
    return operator


def test_pages_cover_the_ledger_without_overlap(demo):
    flt, sort = LedgerFilter(), LedgerSort()
    first = ledger_view.page(flt, sort, NOW, 0, 200)
    second = ledger_view.page(flt, sort, NOW, 200, 200)
    assert len(first) == len(second) == 200
    assert not {r.id for r in first} & {r.id for r in second}
    assert ledger_view.count(flt, NOW) == 600
    assert [r.received_at for r in first] == sorted((r.received_at for r in first), reverse=True)


def test_each_filter_narrows_to_matching_cases(demo):
    dept = Department.select().first()
    for flt, check in [
        (LedgerFilter(status="in_progress"), lambda c: c.status == "in_progress"),
        (LedgerFilter(department_id=dept.id), lambda c: c.lead_department_id == dept.id),
        (LedgerFilter(grade="major"), lambda c: c.grade == "major"),
        (LedgerFilter(overdue_only=True), lambda c: c.status != CLOSED and c.due_at < NOW),
    ]:
        rows = ledger_view.page(flt, LedgerSort(), NOW, 0, 1000)
        assert rows and all(check(Case.get_by_id(r.id)) for r in rows)
        assert ledger_view.count(flt, NOW) == len(rows)


def test_colour_filter_matches_the_colour_column(demo):
    for colour in ("green", "yellow", "orange", "red", "grey"):
        rows = ledger_view.page(LedgerFilter(colour=colour), LedgerSort(), NOW, 0, 1000)
        assert all(r.colour == colour for r in rows)


def test_received_date_range_includes_both_ends(demo):
    day = date(2026, 11, 19)
    rows = ledger_view.page(LedgerFilter(received_from=day, received_to=day), LedgerSort(), NOW, 0, 1000)
    assert rows and all(r.received_at.date() == day for r in rows)


def test_sort_by_any_column_in_both_directions(demo):
    for key in ledger_view.SORT_KEYS:
        up = ledger_view.page(LedgerFilter(), LedgerSort(key, False), NOW, 0, 50)
        down = ledger_view.page(LedgerFilter(), LedgerSort(key, True), NOW, 0, 50)
        assert len(up) == len(down) == 50
    codes = [r.code for r in ledger_view.page(LedgerFilter(), LedgerSort("code", False), NOW, 0, 100)]
    assert codes == sorted(codes)


def test_search_by_code_title_words_and_name(demo):
    case = Case.select().order_by(Case.id).first()
    by_code = ledger_view.page(LedgerFilter(text=case.code), LedgerSort(), NOW)
    assert [r.id for r in by_code] == [case.id]
    three = case.title[:3]
    rows = ledger_view.page(LedgerFilter(text=three), LedgerSort(), NOW, 0, 1000)
    assert case.id in {r.id for r in rows} and all(three in r.title or three in Case.get_by_id(r.id).content
                                                   or three in Case.get_by_id(r.id).petitioner_name for r in rows)


@pytest.mark.parametrize("length", [1, 2, 3, 4])
def test_search_finds_substrings_of_every_length(operator, length):
    """Two characters must not go to the trigram index, which wrongly answers nothing on SQLite 3.40."""
    case = lifecycle.intake({"title": "龙须塘路灯不亮", "petitioner_name": "欧阳晓"}, NOW, operator)
    lifecycle.intake({"title": "别的事情"}, NOW, operator)
    word = "路灯不亮晓"[:length] if length < 5 else ""
    rows = ledger_view.page(LedgerFilter(text=word[:length]), LedgerSort(), NOW)
    assert [r.id for r in rows] == [case.id]
    assert ledger_view.count(LedgerFilter(text=word[:length]), NOW) == 1


def test_search_follows_edits_and_two_words(operator):
    case = lifecycle.intake({"title": "小区电梯停运", "content": "三号楼电梯坏了"}, NOW, operator)
    assert ledger_view.count(LedgerFilter(text="电梯 三号楼"), NOW) == 1
    Case.update(title="小区水管爆裂").where(Case.id == case.id).execute()
    assert ledger_view.count(LedgerFilter(text="水管爆"), NOW) == 1
    assert ledger_view.count(LedgerFilter(text="电梯停"), NOW) == 0
