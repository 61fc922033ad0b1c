"""Issue 22: a satisfied return visit closes the case in the same step, as one transaction (both events or none)."""

import pytest

from tests.cases.test_lifecycle import hours, to_status
from wzdesk.cases import lifecycle
from wzdesk.errors import UserError
from wzdesk.models import Case, CaseEvent, Rating
from wzdesk.models.chain import verify_chain


def _events(case: Case) -> list[str]:
    return [e.action for e in CaseEvent.select().where(CaseEvent.case == case.id).order_by(CaseEvent.id)]


def test_a_satisfied_rating_and_the_close_are_written_together(operator, departments):
    case = to_status("replied", operator, departments)
    before = _events(case)
    record = lifecycle.rate_and_close(case, "satisfied", hours(10), operator, comment="灯亮了", solved=True,
                                      expected_version=case.version)
    fresh = Case.get_by_id(case.id)
    assert fresh.status == "closed" and fresh.rating == "satisfied" and fresh.closed_at == hours(10)
    assert _events(case) == [*before, "rate", "close"]
    assert Rating.get_by_id(record.id).solved is True
    assert verify_chain() is None


def test_a_crash_between_the_rating_and_the_close_leaves_neither(operator, departments, monkeypatch):
    case = to_status("replied", operator, departments)
    before, version = _events(case), case.version

    def power_cut(*_args, **_kwargs):
        raise RuntimeError("断电")

    monkeypatch.setattr(lifecycle, "close", power_cut)
    with pytest.raises(RuntimeError):
        lifecycle.rate_and_close(case, "satisfied", hours(10), operator, expected_version=version)
    fresh = Case.get_by_id(case.id)
    assert fresh.status == "replied" and fresh.rating in ("", None) and fresh.version == version
    assert _events(case) == before
    assert not Rating.select().where(Rating.case == case.id).exists()
    assert verify_chain() is None


def test_a_dissatisfied_rating_cannot_close_and_changes_nothing(operator, departments):
    case = to_status("replied", operator, departments)
    before = _events(case)
    with pytest.raises(UserError, match="不能随评价一并办结"):
        lifecycle.rate_and_close(case, "dissatisfied", hours(10), operator)
    assert Case.get_by_id(case.id).status == "replied" and _events(case) == before


def test_a_stale_view_is_refused_before_anything_is_written(operator, departments):
    case = to_status("replied", operator, departments)
    seen = case.version
    lifecycle.rate(Case.get_by_id(case.id), "basically_satisfied", hours(9), operator)
    before = _events(case)
    with pytest.raises(UserError):
        lifecycle.rate_and_close(case, "satisfied", hours(10), operator, expected_version=seen)
    assert _events(case) == before and Case.get_by_id(case.id).status == "replied"
