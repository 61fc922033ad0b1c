"""Tampering behind the app's back with sqlite3 (or psql on a server), by someone who has the file and the
code: each is caught by `audit-verify`, naming the case or the link (issue 19)."""

import json
from datetime import timedelta

import pytest

from tests.conftest import T0
from tests.raw_connection import RAW_ERRORS
from tests.raw_connection import connect as raw_connect
from wzdesk.cases import lifecycle
from wzdesk.cli.main import main
from wzdesk.models import Case
from wzdesk.models.chain import HASHED_COLUMNS, checkpoint, digest
from wzdesk.office import auth, units
from wzdesk.office.checkpoints import beside
from wzdesk.office.database import close_database, open_database

GUARDS = ("case_event_no_update", "case_event_no_delete")

@pytest.fixture
def operator(admin):
    """These steps change the calendar or the settings: an administrator's right, not the system account's."""
    return admin



@pytest.fixture
def office(database, operator, departments):
    """Three cases walked through the lifecycle by the app itself: one rated dissatisfied, one replied, one new."""
    codes = []
    for n in range(3):
        case = lifecycle.intake({"title": f"路灯不亮{n}", "content": "小区路灯坏了"}, T0, operator)
        codes.append(case.code)
        if n == 2:
            continue
        lifecycle.dispatch(case, departments[0], T0 + timedelta(hours=1), operator)
        lifecycle.accept(case, T0 + timedelta(hours=2), operator)
        lifecycle.reply(case, "已修复", T0 + timedelta(hours=5), operator)
        if n == 0:
            lifecycle.rate(case, "dissatisfied", T0 + timedelta(hours=6), operator)
    auth.create_operator("wangfang", "王芳", "clerk", "mima123456", T0, by=operator)
    close_database()
    return database, codes


def audit(path, *extra) -> tuple[int, dict]:
    """Run `audit-verify --json` as the command line does; return its exit code and its JSON."""
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["--db", str(path), "audit-verify", "--json", *extra])
    close_database()
    return code, json.loads(out.getvalue())


def tamper(path, *statements, params=()) -> None:
    """Drop the guards and run SQL on the file, as a forger with sqlite3 would."""
    con = raw_connect(path)
    for guard in GUARDS:
        con.execute(f"DROP TRIGGER IF EXISTS {guard}")
    for sql in statements:
        con.execute(sql, params)
    con.commit()
    con.close()


def rechain(path, from_id: int = 1) -> None:
    """Recompute every hash from `from_id` on and fix the kept head: the forger's re-chaining."""
    con = raw_connect(path)
    columns = ", ".join(HASHED_COLUMNS)
    rows = con.execute(f"SELECT {columns} FROM case_event WHERE id >= ? ORDER BY id", (from_id,)).fetchall()
    before = con.execute("SELECT hash FROM case_event WHERE id < ? ORDER BY id DESC LIMIT 1", (from_id,)).fetchone()
    prev = before[0] if before else "0" * 64  # the chain starts from 64 zeros
    for values in rows:
        new = digest(prev, values)
        con.execute("UPDATE case_event SET prev_hash = ?, hash = ? WHERE id = ?", (prev, new, values[0]))
        prev = new
    last = con.execute("SELECT max(id), count(*) FROM case_event").fetchone()
    con.execute("UPDATE ledger_head SET last_id = ?, last_hash = ?, events = ?", (last[0] or 0, prev, last[1]))
    con.commit()
    con.close()


def head_of(path) -> str:
    open_database(path)
    try:
        return checkpoint()
    finally:
        close_database()


def test_an_untouched_ledger_passes_with_its_checkpoint(office):
    path, _ = office
    code, result = audit(path)
    assert code == 0 and result["ok"] is True and result["problems"] == []
    con = raw_connect(path)
    count = con.execute("SELECT count(*) FROM case_event").fetchone()[0]
    nth = con.execute("SELECT hash FROM case_event ORDER BY id DESC LIMIT 1").fetchone()[0]
    con.close()
    assert result["events"] == count and result["head"] == f"{count}:{nth[:16]}"
    assert beside(path).read_text().strip() == result["head"]  # kept outside the file for the next opening
    assert audit(path, "--checkpoint", result["head"])[0] == 0


# The checkpoint given, and on a SQLite file the one the desk kept at its every write (office/checkpoints.py);
# a server has several writers and no kept checkpoint that follows them.
def given_and_kept(backend: str) -> int:
    return 2 if backend == "sqlite" else 1


def test_an_event_deleted_from_the_middle_is_named_though_no_event_stores_its_link(office):
    """Events keep no copy of the previous hash (issue 26): a deletion shows as the gap before the next."""
    path, _ = office
    tamper(path, "DELETE FROM case_event WHERE id = 4")
    code, result = audit(path)
    chain = [p["message"] for p in result["problems"] if p["kind"] == "chain"]
    assert code == 1 and len(chain) == 1 and chain[0].startswith("第 5 号记录之前的记录被删除或改动（工单 ")


def test_an_edited_event_given_a_fresh_hash_is_caught_at_the_next(office):
    """Edit event 3 and recompute its hash alone: the event after it no longer chains to it."""
    path, _ = office
    tamper(path, "UPDATE case_event SET note = '已当面答复，群众满意' WHERE id = 3")
    con = raw_connect(path)
    columns = ", ".join(HASHED_COLUMNS)
    before = con.execute("SELECT hash FROM case_event WHERE id = 2").fetchone()[0]
    values = con.execute(f"SELECT {columns} FROM case_event WHERE id = 3").fetchone()
    con.execute("DROP TRIGGER IF EXISTS case_event_no_update")
    con.execute("UPDATE case_event SET hash = ? WHERE id = 3", (digest(before, values),))
    con.commit()
    con.close()
    code, result = audit(path)
    assert code == 1 and any(p["kind"] == "chain" and p["message"].startswith("第 4 号记录的内容被改动")
                             for p in result["problems"])


def test_a_rechained_edit_passes_the_chain_but_not_a_checkpoint(office, backend):
    """Edit event 3's note and re-chain every later event: the chain verifies, the checkpoint does not."""
    path, _ = office
    seen = head_of(path)
    tamper(path, "UPDATE case_event SET note = '已当面答复，群众满意' WHERE id = 3")
    rechain(path, 3)
    code, result = audit(path, "--checkpoint", seen)
    kinds = [p["kind"] for p in result["problems"]]
    # the checkpoint given and the one the app kept at its last write (issue 19: every write keeps one)
    assert code == 1 and "chain" not in kinds and kinds.count("checkpoint") == given_and_kept(backend)
    assert any("重新计算了校验链" in p["message"] and seen in p["message"] for p in result["problems"])


def test_a_rechained_edit_is_caught_by_the_checkpoint_kept_on_opening(office, capsys):
    path, _ = office
    assert audit(path)[0] == 0  # keeps the checkpoint beside the database
    tamper(path, "UPDATE case_event SET note = '改过' WHERE id = 2")
    rechain(path, 2)
    capsys.readouterr()
    code, result = audit(path)
    assert code == 1 and any("上次保存的校验点" in p["message"] for p in result["problems"])
    assert "台账可能被篡改" in capsys.readouterr().err  # every command warns on opening


def test_case_rows_edited_behind_the_apps_back_are_named_with_field_and_values(office):
    """Close a replied case, move a due date, change a department and flip a dissatisfied rating."""
    path, codes = office
    tamper(path,
           f"UPDATE \"case\" SET rating = 'very_satisfied', flag_false_closure = FALSE WHERE code = '{codes[0]}'",
           f"UPDATE \"case\" SET status = 'closed', due_at = '2027-01-01 00:00:00' WHERE code = '{codes[1]}'",
           f"UPDATE \"case\" SET lead_department_id = 2 WHERE code = '{codes[1]}'")
    code, result = audit(path)
    found = {(p["code"], p["field"]): (p["row"], p["replayed"]) for p in result["problems"] if p["kind"] == "case"}
    assert code == 1
    assert found[(codes[0], "评价")] == ("非常满意", "不满意")
    assert found[(codes[0], "标记")] == ("无", "虚假办结")
    assert found[(codes[1], "状态")] == ("已办结", "已答复")
    assert found[(codes[1], "办理时限")][0] == "2027-01-01 00:00:00"
    assert found[(codes[1], "承办单位")] == ("邵阳市生态环境局", "邵阳市城市管理和综合执法局")
    assert not any(c == codes[2] for c, _ in found)


def test_a_wiped_ledger_is_caught_even_with_its_head_fixed(office):
    path, codes = office
    seen = head_of(path)
    tamper(path, "DELETE FROM case_event", "UPDATE ledger_head SET last_id = 0, last_hash = '', events = 0")
    code, result = audit(path)
    wiped = {p["code"] for p in result["problems"] if p.get("field") == "台账记录"}
    assert code == 1 and result["events"] == 1 and wiped == set(codes)  # the one left: the guards' repair
    code, result = audit(path, "--checkpoint", seen)
    assert any("记录被删除" in p["message"] for p in result["problems"] if p["kind"] == "checkpoint")


def test_a_cut_tail_with_its_head_fixed_fails_an_earlier_checkpoint(office):
    path, _ = office
    seen = head_of(path)
    tamper(path, "DELETE FROM case_event WHERE id > (SELECT max(id) - 3 FROM case_event)")
    rechain(path, 1)  # only fixes the head: the remaining links are intact
    code, result = audit(path, "--checkpoint", seen)
    kinds = {p["kind"] for p in result["problems"]}
    assert code == 1 and "chain" not in kinds and "checkpoint" in kinds


def test_a_forged_event_in_place_of_the_last_fails_the_checkpoint(office, backend):
    """Replace the last event by a forged one, re-chained: the count is the same, the link is not."""
    path, _ = office
    seen = head_of(path)
    tamper(path, "UPDATE case_event SET note = '回访：非常满意', action = 'rate'"
                 " WHERE id = (SELECT max(id) FROM case_event)")
    rechain(path, 1)
    code, result = audit(path, "--checkpoint", seen)
    # the checkpoint given, and the one the app kept at its last write (issue 19: every write keeps one)
    assert code == 1 and [p["kind"] for p in result["problems"]] == ["checkpoint"] * given_and_kept(backend)
    assert backend != "sqlite" or any("上次保存的校验点" in p["message"] for p in result["problems"])


def test_renaming_a_department_or_an_operator_behind_the_apps_back_is_seen(office):
    path, _ = office
    tamper(path, "UPDATE department SET name = '某某局' WHERE id = 1",
           "UPDATE operator SET display_name = '李强' WHERE username = 'wangfang'")
    code, result = audit(path)
    names = {(p["row"], p["replayed"]) for p in result["problems"] if p["kind"] == "name"}
    assert code == 1 and names == {("某某局", "邵阳市城市管理和综合执法局"), ("李强", "王芳")}


def test_a_rename_through_the_app_is_an_event_and_passes(office):
    path, _ = office
    open_database(path)
    dept = units.department_by_id(1)
    units.save_department(dept, name="邵阳市城市管理局")
    close_database()
    code, result = audit(path)
    assert code == 0, result["problems"]
    con = raw_connect(path)
    note = con.execute("SELECT note FROM case_event WHERE action = 'department_changed' ORDER BY id DESC").fetchone()
    con.close()
    assert note[0] == "单位更名：邵阳市城市管理和综合执法局 → 邵阳市城市管理局"


def test_a_setting_or_calendar_day_changed_behind_the_apps_back_is_seen(office, operator):
    path, _ = office
    open_database(path)
    from wzdesk.office import settings, workcalendar

    system = operator  # an administrator: the system account may not change settings or the calendar
    settings.put("response_hours", 36, T0, system)
    workcalendar.set_day(T0.date(), False, "停电", system, T0)
    close_database()
    assert audit(path)[0] == 0
    tamper(path, "UPDATE setting SET value = '72' WHERE key = 'response_hours'",
           f"DELETE FROM calendar_day WHERE day = '{T0.date()}'")
    code, result = audit(path)
    assert code == 1 and {p["kind"] for p in result["problems"]} == {"setting", "calendar"}, result["problems"]


def test_dropped_guards_are_put_back_on_opening_and_the_repair_is_an_event(office, capsys):
    path, _ = office
    tamper(path)  # only drops the guards
    capsys.readouterr()
    assert audit(path)[0] == 0 and "已恢复" in capsys.readouterr().err
    con = raw_connect(path)
    restored = con.execute("SELECT data FROM case_event WHERE action = 'guard_restored'").fetchone()
    with pytest.raises(RAW_ERRORS, match="只能追加"):
        con.execute("DELETE FROM case_event")
    con.close()
    assert set(json.loads(restored[0])["restored"]) == set(GUARDS)


def test_each_backup_writes_its_checkpoint_and_a_rechained_backup_is_refused(office, tmp_path):
    from wzdesk.errors import UserError
    from wzdesk.office.backup import check_backup

    path, _ = office
    out = tmp_path / "备份 一" / "台账备份.sqlite"
    out.parent.mkdir()
    assert main(["--db", str(path), "backup", "--out", str(out)]) == 0
    close_database()
    assert (out.parent / "台账备份.sqlite.checkpoint").read_text().strip() == head_of(path)
    tamper(out, "UPDATE case_event SET note = '改过' WHERE id = 4")
    rechain(out, 4)
    with pytest.raises(UserError, match="备份之后被改动过"):
        check_backup(out)


def test_a_photo_altered_in_the_database_is_named(database, operator, departments, tmp_path):
    from wzdesk.citizen import verification

    case = lifecycle.intake({"title": "垃圾满溢"}, T0, operator)
    lifecycle.dispatch(case, departments[0], T0 + timedelta(hours=1), operator)
    lifecycle.accept(case, T0 + timedelta(hours=2), operator)
    lifecycle.reply(case, "已清运", T0 + timedelta(hours=3), operator)
    photo = tmp_path / "现场.jpg"
    photo.write_bytes(b"\xff\xd8 the real photo")
    record = verification.record_result(Case.get_by_id(case.id), True, "已清运", T0 + timedelta(hours=4), operator,
                                        photos=[photo], photos_root=tmp_path / "库")
    photo_file = record.photos[0].path
    close_database()
    (tmp_path / "库").rename(tmp_path / "别处")  # the file copy is gone: the database still holds the photo
    assert audit(database)[0] == 0
    con = raw_connect(database)
    con.execute("UPDATE verification_photo SET content = ?", (b"\xff\xd8 another photo",))
    con.commit()
    con.close()
    code, result = audit(database)
    assert code == 1 and [p["kind"] for p in result["problems"]] == ["photo"]
    assert photo_file.rsplit("/", 1)[-1] in result["problems"][0]["message"]


def test_a_malformed_checkpoint_is_refused_in_chinese(office, capsys):
    path, _ = office
    assert main(["--db", str(path), "audit-verify", "--checkpoint", "12:xyz"]) == 1
    assert "校验点“12:xyz”格式不对" in capsys.readouterr().err
