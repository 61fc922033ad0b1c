"""The demo fills every kind of record, consistently with the rules, and repeats for a seed."""

from datetime import datetime

from wzdesk.demo.fill import DemoProgress, fill
from wzdesk.models import (
    Accountability,
    Case,
    CaseEvent,
    Commitment,
    Complaint,
    Interview,
    Notice,
    Observer,
    Operator,
    ProgressMessage,
    Rating,
    Verification,
)
from wzdesk.models.chain import verify_chain
from wzdesk.vocabulary import STATUS_LABELS

NOW = datetime(2026, 11, 20, 10, 0)


def test_demo_has_every_kind_and_a_valid_chain(operator):
    result = fill(1500, 3, NOW, operator, DemoProgress())
    assert result.cases == Case.select().count() == 1500
    assert result.events == CaseEvent.select().count()
    statuses = {c.status for c in Case.select(Case.status)}
    assert statuses == set(STATUS_LABELS)
    for model in (Rating, Verification, Complaint, Observer, Accountability, Interview, Commitment, Notice,
                  ProgressMessage):
        assert model.select().exists(), model.__name__
    assert {o.role for o in Operator.select()} >= {"clerk", "supervisor", "admin"}
    assert verify_chain() is None


def test_each_case_status_is_its_last_events_and_closed_cases_were_replied(operator):
    fill(400, 5, NOW, operator, DemoProgress())
    for case in Case.select():
        last = case.events.order_by(CaseEvent.id.desc()).get()
        assert last.to_status == case.status, case.code
        assert last.at <= NOW
        if case.status == "closed":
            assert case.replied_at and case.closed_at >= case.replied_at
        if case.dispatched_at and case.status != "returned":
            assert case.due_at > case.dispatched_at


def test_same_seed_same_data(tmp_path):
    from wzdesk.office.database import close_database, open_database
    from wzdesk.office.defaults import system_operator

    titles = []
    for name in ("a.sqlite", "b.sqlite"):
        open_database(tmp_path / name, now=NOW)
        fill(200, 11, NOW, system_operator(), DemoProgress())
        titles.append([(c.code, c.title, c.status) for c in Case.select().order_by(Case.id)])
        close_database()
    assert titles[0] == titles[1]


def test_cancel_stops_between_chunks(operator):
    result = fill(100, 1, NOW, operator, DemoProgress(cancelled=lambda: True))
    assert result.cases == 0
