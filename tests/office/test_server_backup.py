"""Backups of an office's shared server and restores into it, on the real test server: the app's own dump (one
snapshot into a SQLite file, photos included), a restore verified before it commits, bad files refused."""

import os
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import psycopg
import pytest

from tests.citizen.citizen_helpers import replied_case
from wzdesk.cases import lifecycle
from wzdesk.citizen import verification
from wzdesk.errors import UserError
from wzdesk.models import Case, CaseEvent, Department, Setting, Staff, VerificationPhoto, db
from wzdesk.office.backup import backup_to, check_backup
from wzdesk.office.database import close_database, open_database
from wzdesk.office.defaults import system_operator
from wzdesk.office.restore import restore_from
from wzdesk.office.server_restore import restore_into_server

ROOT = Path(__file__).resolve().parents[2]
T = datetime(2026, 11, 2, 9, 0)
PHOTO = b"\xff\xd8\xff\xe0 \xe7\x8e\xb0\xe5\x9c\xba photo bytes \x00\x01\x02" * 50


@pytest.fixture
def home(tmp_path, monkeypatch):
    """This desk's data folder (where a restore keeps the replaced content and the kept checkpoints)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "数据 文件夹"))
    return tmp_path / "数据 文件夹" / "wzdesk"


@pytest.fixture
def server(pg_database, home):
    open_database(pg_database, now=T)
    yield pg_database
    close_database()


@pytest.fixture
def chief(server):
    from wzdesk.models import Operator

    return Operator.create(username="chief", display_name="管理员甲", role="admin", created_at=T)


def _office_with_a_photo(tmp_path) -> Case:
    """A department, a replied case and a failed on-site check with one photo (kept in the database)."""
    dept = Department.create(name="邵阳市城市管理和综合执法局", leader_name="刘志明", leader_title="副局长")
    Staff.create(department=dept, name="张伟", title="科员")
    case = replied_case(dept, T, system_operator())
    photo = tmp_path / "现场 照片.jpg"
    photo.write_bytes(PHOTO)
    verification.record_result(case, False, "仍有两盏不亮", T + timedelta(days=1), system_operator(),
                               photos=[photo], photos_root=tmp_path / "照片库")
    photo.unlink()  # the backup must hold the photo itself, not a path to it
    return case


def _state() -> tuple:
    cases = [(c.code, c.title, c.status) for c in Case.select().order_by(Case.id)]
    events = [(e.id, e.action, e.hash) for e in CaseEvent.select().order_by(CaseEvent.id)]
    photos = [bytes(p.content) for p in VerificationPhoto.select().order_by(VerificationPhoto.id)]
    return cases, events, photos


def test_a_server_backup_holds_the_photos_and_a_restore_brings_the_state_back(server, chief, tmp_path, home):
    _office_with_a_photo(tmp_path)
    saved = backup_to(tmp_path / "办公室 备份.sqlite")
    before = _state()
    assert before[2] == [PHOTO]
    with sqlite3.connect(saved) as con:  # the file itself holds the photo's bytes
        assert con.execute("SELECT content FROM verification_photo").fetchall() == [(PHOTO,)]
    for n in range(3):
        lifecycle.intake({"title": f"备份之后的诉求{n}"}, T + timedelta(days=2), system_operator())
    assert Case.select().count() == 4
    aside = restore_from(saved, T + timedelta(days=3), chief)
    assert _state() == before
    assert aside.parent == home / "backups" and "恢复前" in aside.name
    assert "4 件工单" in check_backup(aside)  # the replaced content, kept whole
    from wzdesk.ledger.audit import audit

    assert audit().ok
    later = lifecycle.intake({"title": "恢复后继续受理"}, T + timedelta(days=3), system_operator())
    assert later.code and CaseEvent.select().count() == len(before[1]) + 1  # the chain goes on from the backup
    assert audit().ok


def _server_rows(url: str) -> tuple:
    """Read the server's cases and events on a connection of its own (what another desk sees)."""
    with psycopg.connect(url) as con:
        return (con.execute('SELECT code, status FROM "case" ORDER BY id').fetchall(),
                con.execute("SELECT id, hash FROM case_event ORDER BY id").fetchall())


def test_a_truncated_backup_is_refused_and_the_server_is_unchanged(server, chief, tmp_path):
    _office_with_a_photo(tmp_path)
    saved = backup_to(tmp_path / "备份.sqlite")
    lifecycle.intake({"title": "备份之后的诉求"}, T, system_operator())
    cut = tmp_path / "截断的 备份.sqlite"
    cut.write_bytes(saved.read_bytes()[: saved.stat().st_size // 2])
    before = _server_rows(server)
    with pytest.raises(UserError, match=r"截断的 备份\.sqlite.*不能用于恢复"):
        restore_from(cut, T, chief)
    assert _server_rows(server) == before


def test_a_file_of_another_kind_is_refused(server, chief, tmp_path):
    """A pg_dump archive, a workbook: not the app's backup, named in the message."""
    dump = tmp_path / "wzdesk.dump"
    dump.write_bytes(b"PGDMP\x01\x0e\x00" + b"\x00" * 4000)
    before = _server_rows(server)
    with pytest.raises(UserError, match=r"wzdesk\.dump”不是问政督办台的数据库"):
        restore_from(dump, T, chief)
    assert _server_rows(server) == before


def test_a_restore_that_fails_its_audit_changes_nothing(server, tmp_path):
    """The copy is checked inside its transaction: a problem found there rolls back the dropped tables too."""
    _office_with_a_photo(tmp_path)
    saved = backup_to(tmp_path / "备份.sqlite")
    lifecycle.intake({"title": "备份之后的诉求"}, T, system_operator())
    before = _server_rows(server)
    with pytest.raises(UserError, match=r"台账校验未通过（1 处）：工单 X 的状态与台账不符.*没有改动"):
        restore_into_server(saved, verify=lambda: ["工单 X 的状态与台账不符"])
    assert _server_rows(server) == before
    assert _server_rows(server)[0][-1] == (Case.select().order_by(Case.id.desc()).first().code, "received")


def test_a_backup_reads_one_snapshot_while_another_desk_writes(server, tmp_path):
    """A desk that commits cases and events while the copy is between tables is not half in the backup."""
    from wzdesk.office.transfer import copy_database, row_counts, sqlite_target

    _office_with_a_photo(tmp_path)
    expected = row_counts(db.obj)

    def another_desk_writes(table: str, rows: int) -> None:
        if table == "department":  # a table the copy reaches later changes, and one it has read
            with psycopg.connect(server, autocommit=True) as con:
                con.execute("INSERT INTO setting (key, value) VALUES ('另一台电脑的设置', '1')")
                con.execute("UPDATE department SET leader_name = '赵六'")

    target = sqlite_target(tmp_path / "快照.sqlite")
    target.connect()
    try:
        copy_database(db.obj, target, step=another_desk_writes)
        assert row_counts(target) == expected
        assert target.execute_sql("SELECT DISTINCT leader_name FROM department").fetchall() == [("刘志明",)]
    finally:
        target.close()
    assert Setting.select().where(Setting.key == "另一台电脑的设置").count() == 1  # the write itself went through


def _cli(url: str, *args: str, home: Path, **extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "XDG_DATA_HOME": str(home.parent), **extra}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", url, *args], capture_output=True,
                          text=True, encoding="utf-8", timeout=300, env=env, stdin=subprocess.DEVNULL)


def test_the_backup_and_restore_commands_on_a_server(server, tmp_path, home):
    """`backup --out FILE` and `restore FILE` as DESIGN.md writes them, with --db naming the server."""
    from wzdesk.models import Operator
    from wzdesk.office.auth import hash_password

    _office_with_a_photo(tmp_path)
    Operator.create(username="chief", display_name="管理员甲", role="admin",
                    password_hash=hash_password("chief-2026"), created_at=T)
    close_database()
    saved = tmp_path / "备份 文件.sqlite"
    made = _cli(server, "backup", "--out", str(saved), home=home)
    assert made.returncode == 0 and "已备份到" in made.stdout, made.stderr
    before = _server_rows(server)
    with psycopg.connect(server) as con:
        con.execute("UPDATE department SET leader_name = '赵六'")  # a change after the backup
    restored = _cli(server, "--operator", "chief", "restore", str(saved), home=home, WZDESK_PASSWORD="chief-2026")
    assert restored.returncode == 0, restored.stderr
    assert "已从" in restored.stdout and "恢复前的内容另存为" in restored.stdout
    assert _server_rows(server) == before
    with psycopg.connect(server) as con:
        assert con.execute("SELECT DISTINCT leader_name FROM department").fetchall() == [("刘志明",)]
    verified = _cli(server, "audit-verify", home=home)
    assert verified.returncode == 0 and "台账完整" in verified.stdout, verified.stderr


def test_a_restore_while_another_desk_reads_waits_then_is_refused(server, tmp_path):
    """Another desk in the middle of a read holds its tables: the restore gives up after the lock timeout."""
    _office_with_a_photo(tmp_path)
    saved = backup_to(tmp_path / "备份.sqlite")
    db.execute_sql("SET lock_timeout = '1s'")  # the desks' 30 s, shortened for the test
    with psycopg.connect(server) as other:
        other.execute('SELECT count(*) FROM "case"')  # its transaction stays open
        with pytest.raises(UserError, match=r"其他电脑正在使用数据库.*没有改动"):
            restore_into_server(saved)
        other.rollback()
    assert Case.select().count() == 1
