"""Events keep no whole-ledger index by moment or by department; the rare actions have their own."""

from datetime import datetime

import pytest

from wzdesk.cases.handovers import handover_counts
from wzdesk.models import db

# SQLite's plan for the rare actions' partial index; a server plans on its own costs.
pytestmark = pytest.mark.sqlite_only


def plans(sql: str, params: tuple) -> str:
    return " ".join(row[3] for row in db.execute_sql("EXPLAIN QUERY PLAN " + sql, params))


def test_a_new_database_has_the_rare_action_index_only(database):
    names = {name for (name,) in db.execute_sql("SELECT name FROM sqlite_master WHERE tbl_name = 'case_event'")}
    assert "caseevent_rare_at" in names
    assert not names & {"caseevent_at", "case_event_department_id"}


def test_returns_reassignments_and_failed_sign_ins_are_read_through_it(database, monkeypatch):
    seen = []
    execute = db.execute_sql

    def spy(sql, params=None, *args, **kwargs):
        if "case_event" in sql and not sql.startswith("EXPLAIN"):
            seen.append(plans(sql, params or ()))
        return execute(sql, params, *args, **kwargs)

    monkeypatch.setattr(db.obj, "execute_sql", spy)  # the proxy passes calls to its database
    handover_counts(datetime(2026, 10, 1), datetime(2026, 11, 1))
    from wzdesk.office.auth import _recent_failures
    from wzdesk.office.defaults import system_operator

    _recent_failures(system_operator(), datetime(2026, 11, 1), 30)
    assert len(seen) == 3 and all("caseevent_rare_at" in plan for plan in seen), seen
