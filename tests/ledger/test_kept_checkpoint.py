"""The desk's kept checkpoint follows every write of the app, so an event forged and appended behind its
back (chained correctly, the head fixed by the insert trigger) is caught on opening and by audit-verify."""

import sqlite3
from datetime import timedelta

import pytest

from tests.conftest import T0
from tests.ledger.test_tampering import audit
from wzdesk.cases import lifecycle
from wzdesk.cli.main import main
from wzdesk.errors import UserError
from wzdesk.models import Case
from wzdesk.models.chain import HASHED_COLUMNS, checkpoint, digest
from wzdesk.office.checkpoints import beside, opening_warnings
from wzdesk.office.database import close_database, open_database

# The kept checkpoint follows the writes of one desk on a SQLite file; a server has several writers.
pytestmark = pytest.mark.sqlite_only


def _kept(path) -> str:
    return beside(path).read_text(encoding="ascii").strip()


def _head(path) -> str:
    con = sqlite3.connect(path)
    count, last = con.execute("SELECT count(*), (SELECT hash FROM case_event ORDER BY id DESC LIMIT 1)"
                              " FROM case_event").fetchone()
    con.close()
    return f"{count}:{last[:16]}"


def forge_appended(path, note: str = "回访：非常满意") -> int:
    """Append one event after the last, chained as the app would chain it, with plain sqlite3."""
    con = sqlite3.connect(path)
    case_id, operator_id = con.execute("SELECT case_id, operator_id FROM case_event WHERE case_id IS NOT NULL"
                                       " ORDER BY id DESC LIMIT 1").fetchone()
    top = con.execute("SELECT id, hash FROM case_event ORDER BY id DESC LIMIT 1").fetchone()
    row = {"id": top[0] + 1, "case_id": case_id, "at": "2026-10-09 10:00:00", "recorded_at": "2026-10-09 10:00:00",
           "action": "rate", "from_status": "replied", "to_status": "replied", "from_department_id": None,
           "to_department_id": None, "department_id": None, "operator_id": operator_id, "note": note, "data": ""}
    values = tuple(row[c] for c in HASHED_COLUMNS)
    columns = ", ".join((*HASHED_COLUMNS, "prev_hash", "hash"))
    con.execute(f"INSERT INTO case_event ({columns}) VALUES ({', '.join('?' * (len(values) + 2))})",
                (*values, top[1], digest(top[1], values)))
    con.commit()
    con.close()
    return row["id"]


@pytest.fixture
def worked(database, operator, departments):
    """A case taken to replied by the app, the database closed."""
    case = lifecycle.intake({"title": "路灯不亮"}, T0, operator)
    lifecycle.dispatch(case, departments[0], T0 + timedelta(hours=1), operator)
    lifecycle.accept(case, T0 + timedelta(hours=2), operator)
    lifecycle.reply(case, "已修复", T0 + timedelta(hours=5), operator)
    close_database()
    return database, case.code


def test_every_write_of_the_app_advances_the_kept_checkpoint(database, operator, departments):
    case = lifecycle.intake({"title": "路灯不亮"}, T0, operator)
    assert _kept(database) == checkpoint()
    lifecycle.dispatch(case, departments[0], T0 + timedelta(hours=1), operator)
    assert _kept(database) == checkpoint() == _head(database)


def test_a_refused_or_rolled_back_write_leaves_the_kept_checkpoint(database, operator, departments):
    case = lifecycle.intake({"title": "路灯不亮"}, T0, operator)
    before = _kept(database)
    with pytest.raises(UserError):
        lifecycle.accept(Case.get_by_id(case.id), T0, operator)  # not dispatched yet
    from wzdesk.models import chain, db

    with pytest.raises(RuntimeError), db.atomic():
        chain.append(case_id=case.id, at=T0, recorded_at=T0, action="progress", from_status="received",
                     to_status="received", operator_id=operator.id, note="写到一半")
        raise RuntimeError("crash before the commit")
    assert _kept(database) == before == checkpoint()


def test_an_event_appended_after_the_kept_checkpoint_is_reported_on_opening_and_by_audit(worked, capsys):
    path, code = worked
    kept = _kept(path)
    forged = forge_appended(path)
    assert audit(path)[0] == 1  # opening it is already enough
    capsys.readouterr()
    status, result = audit(path)
    found = [p["message"] for p in result["problems"] if p["kind"] == "checkpoint"]
    assert status == 1 and len(found) == 1 and "chain" not in {p["kind"] for p in result["problems"]}
    assert kept in found[0] and f"第 {forged} 号" in found[0] and code in found[0] and "不是本程序写入" in found[0]
    assert "台账可能被篡改" in capsys.readouterr().err


def test_the_apps_later_writes_do_not_swallow_a_forged_event(worked, operator):
    path, _code = worked
    kept = _kept(path)
    forge_appended(path)
    open_database(path)
    lifecycle.intake({"title": "井盖缺失"}, T0, operator)  # the app writes on after the forgery
    assert _kept(path) == kept and any("不是本程序写入" in w for w in opening_warnings(path))
    close_database()
    open_database(path)
    assert any("不是本程序写入" in w for w in opening_warnings(path))  # it stays until someone looks
    close_database()


def test_another_run_of_the_app_on_the_same_file_is_no_forgery(admin, worked, monkeypatch):
    """A command writes between two sessions of the window: the same kept file follows both."""
    path, _code = worked
    before = int(_head(path).split(":")[0])
    monkeypatch.setenv("WZDESK_PASSWORD", "chief-2026")
    assert main(["--db", str(path), "--operator", "chief", "intake", "--title", "下水道堵塞",
                 "--at", "2026-10-20 09:30"]) == 0
    close_database()
    assert int(_head(path).split(":")[0]) > before and _kept(path) == _head(path)
    open_database(path)
    assert opening_warnings(path) == [] and _kept(path) == checkpoint()
    close_database()
    assert audit(path)[0] == 0


def test_a_crash_around_the_commit_is_no_forgery(worked):
    """Killed after the pending end was written: whether the commit went through or not, the opening
    finds the ledger at one of the two ends and says nothing; an event beyond both is still named."""
    path, _code = worked
    open_database(path)
    head = checkpoint()
    count = int(head.split(":")[0])
    con = sqlite3.connect(path)
    earlier = con.execute("SELECT hash FROM case_event ORDER BY id LIMIT 1 OFFSET ?", (count - 2,)).fetchone()[0]
    con.close()
    went_through = f"{count - 1}:{earlier[:16]}\npending {head}\n"
    rolled_back = f"{head}\npending {count + 5}:0123456789abcdef\n"
    for text in (went_through, rolled_back):
        beside(path).write_text(text, encoding="ascii")
        assert opening_warnings(path) == []
    close_database()
    forge_appended(path)
    open_database(path)
    assert any("不是本程序写入" in w for w in opening_warnings(path))
    close_database()
