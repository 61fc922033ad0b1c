"""A ledger written before events carried the case's state is still replayed field by field: status, lead
department, due moment, flags and rating are rebuilt from what each action did, and every row edited
behind the app's back is named with its code, field, row value and replayed value."""

import json
import sqlite3
from datetime import datetime, timedelta

import pytest

from tests.ledger.test_tampering import rechain, tamper
from wzdesk.cases import lifecycle
from wzdesk.citizen import complaints
from wzdesk.ledger.replay import replay_problems
from wzdesk.models import Case
from wzdesk.office.database import close_database, open_database

# The old ledgers are built with sqlite3 as an older release wrote them (SQLite files only).
pytestmark = pytest.mark.sqlite_only

DISPATCHED = datetime(2026, 10, 8, 9, 0)  # a Thursday: DESIGN.md's example of a minor case's limit


@pytest.fixture
def old_ledger(database, operator, departments):
    """Four cases worked by the app, then every event's state taken out and the chain re-made, as an older
    release wrote it: a dispatched one, a dissatisfied rating, a complaint, and a complaint cleared."""
    codes = {}
    for name in ("dispatched", "dissatisfied", "complained", "cleared"):
        case = lifecycle.intake({"title": f"路灯不亮（{name}）"}, DISPATCHED - timedelta(hours=1), operator)
        lifecycle.dispatch(case, departments[0], DISPATCHED, operator)
        codes[name] = case.code
        if name == "dissatisfied":
            lifecycle.accept(case, DISPATCHED + timedelta(hours=1), operator)
            lifecycle.reply(case, "已修复", DISPATCHED + timedelta(hours=5), operator)
            lifecycle.rate(case, "dissatisfied", DISPATCHED + timedelta(hours=8), operator)
        elif name in ("complained", "cleared"):
            complaint = complaints.record_complaint(case, "一直没人来", DISPATCHED + timedelta(hours=2), operator)
            if name == "cleared":
                complaints.clear_complaint(complaint, "已电话说明", DISPATCHED + timedelta(hours=3), operator)
    close_database()
    con = sqlite3.connect(database)
    olds = []
    for event_id, data in con.execute("SELECT id, data FROM case_event WHERE data LIKE '%\"state\"%'"):
        values = json.loads(data)
        values.pop("state")
        olds.append((json.dumps(values, ensure_ascii=False) if values else "", event_id))
    con.close()
    tamper(database, *[f"UPDATE case_event SET data = '{data}' WHERE id = {event_id}" for data, event_id in olds])
    rechain(database, 1)
    open_database(database)
    yield database, codes
    close_database()


def _problems() -> dict:
    return {(m.code, m.field): (m.row, m.replayed) for m in replay_problems() if m.kind == "case"}


def test_an_untouched_old_ledger_replays_every_field_of_every_case(old_ledger):
    assert _problems() == {}


def test_each_field_edited_behind_the_apps_back_is_named(old_ledger):
    path, codes = old_ledger
    con = sqlite3.connect(path)
    con.execute('UPDATE "case" SET status = \'closed\', due_at = \'2026-10-30 23:59:59\' WHERE code = ?',
                (codes["dispatched"],))
    con.execute('UPDATE "case" SET rating = \'very_satisfied\', flag_false_closure = 0 WHERE code = ?',
                (codes["dissatisfied"],))
    con.execute('UPDATE "case" SET flag_complaint = 0, lead_department_id = 2 WHERE code = ?', (codes["complained"],))
    con.execute('UPDATE "case" SET flag_complaint = 1 WHERE code = ?', (codes["cleared"],))
    con.commit()
    con.close()
    found = _problems()
    assert found[(codes["dispatched"], "状态")] == ("已办结", "已派单")
    row, replayed = found[(codes["dispatched"], "办理时限")]
    # DESIGN.md: dispatched Thu 2026-10-08, minor → due at the end of Mon 2026-10-12 (Sat 10-10 is worked)
    assert row.startswith("2026-10-30") and replayed.startswith("2026-10-12")
    assert found[(codes["dissatisfied"], "评价")] == ("非常满意", "不满意")
    assert found[(codes["dissatisfied"], "标记")] == ("无", "虚假办结")
    assert found[(codes["complained"], "标记")] == ("无", "被吐槽")
    assert found[(codes["complained"], "承办单位")] == ("邵阳市生态环境局", "邵阳市城市管理和综合执法局")
    assert found[(codes["cleared"], "标记")] == ("被吐槽", "无")
    assert len(found) == 7


def test_an_old_dispatch_is_reckoned_with_the_limits_in_force_then(old_ledger, admin):
    """A later change of the minor limit does not move an old case's replayed due moment."""
    from wzdesk.office import settings

    _path, codes = old_ledger
    settings.put("resolution_days_minor", 10, DISPATCHED + timedelta(days=20), admin)
    assert _problems() == {}
    assert Case.get(Case.code == codes["dispatched"]).due_at.date().isoformat() == "2026-10-12"


def test_the_whole_check_reports_progress_and_stops_when_asked(old_ledger):
    from wzdesk.ledger.audit import Cancelled, audit

    class Progress:
        def __init__(self, stop_after: int):
            self.reports, self.stop_after = [], stop_after

        def report(self, done, total):
            self.reports.append((done, total))

        def cancelled(self):
            return len(self.reports) >= self.stop_after

    whole = Progress(10_000)  # without the kept checkpoint, which the fixture's re-chaining broke
    assert audit((), None, whole).ok
    assert whole.reports[-1][0] == whole.reports[-1][1] and len(whole.reports) >= 4
    with pytest.raises(Cancelled):
        audit((), None, Progress(2))
