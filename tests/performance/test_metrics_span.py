"""The monthly figures counted per department over a span, and the bounded detail lists of the sheet."""

from dataclasses import asdict

import pytest

from tests.performance.test_metrics import AT, fixture_cases  # noqa: F401 — the shared hand-counted fixture
from wzdesk.models import db
from wzdesk.models.metrics_indexes import add_department_first_indexes, add_detail_indexes
from wzdesk.months import months_back
from wzdesk.performance import detail as metrics_detail
from wzdesk.performance import metrics


def test_twelve_months_at_once_agree_with_each_month_alone(fixture_cases, departments):  # noqa: F811
    """The trend's one pass per figure gives every month exactly what computing that month alone gives."""
    months = months_back("2026-11", 12)
    together = metrics.compute(months, AT)
    for month in ("2026-09", "2026-10", "2026-11"):
        alone = metrics.compute([month], AT)[month]
        assert [asdict(r) for r in together[month]] == [asdict(r) for r in alone]
    october = {r.department_id: r for r in together["2026-10"]}
    assert october[departments[0].id].received == 8 and october[departments[0].id].overdue_open == 3


def test_overdue_detail_lists_a_bounded_number_per_department_and_counts_the_rest(fixture_cases, departments):  # noqa: F811
    """A has 3 overdue cases (c6, c7, c8): with 2 per department, 2 are listed and a row says 3 in all."""
    full = metrics_detail.overdue_cases("2026-10", AT)
    assert len(full) == 4
    a = departments[0].name
    bounded = [r for r in metrics_detail.overdue_cases("2026-10", AT, 2) if r.department == a]
    assert len(bounded) == 3 and bounded[-1].due_at is None
    assert "共 3 件" in bounded[-1].title and "其余 1 件" in bounded[-1].title
    assert [r.code for r in bounded[:2]] == [r.code for r in full if r.department == a][:2]


def test_false_closure_detail_is_bounded_per_department(fixture_cases, departments):  # noqa: F811
    """A has two reopenings (c6 重办, c7 不满意): with 1 per department, one is listed and a row counts both."""
    assert len(metrics_detail.false_closures("2026-10")) == 3
    bounded = [r for r in metrics_detail.false_closures("2026-10", 1) if r.department == departments[0].name]
    assert len(bounded) == 2 and "共 2 次" in bounded[1].title


@pytest.mark.sqlite_only  # about the SQLite file itself
def test_department_first_indexes_can_be_added_again(database):
    """The migration only adds what is missing and drops what is gone, so running it twice is harmless."""
    for _ in range(2):
        add_department_first_indexes(db)
        add_detail_indexes(db)
    names = {row[0] for row in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"case_dept_dispatched", "case_dept_closed", "caseevent_dept_reopened"} <= names
    assert "case_dispatched_dept" not in names
