"""Backups: one a day kept to the office's number, checked before a restore, and a restore round-trips."""

from datetime import datetime

import pytest

from wzdesk.cases import lifecycle
from wzdesk.errors import UserError
from wzdesk.models import Case
from wzdesk.office.backup import backup_stem, backup_to, check_backup, daily_backup
from wzdesk.office.database import open_database
from wzdesk.office.restore import restore_from

T0 = datetime(2026, 11, 20, 9, 0)


def test_daily_backup_once_a_day_keeping_the_newest(database, operator, tmp_path):
    """Issue 18 changes the name: the database's name and folder tag, then the moment (was the date only);
    issue 19 puts each backup's checkpoint beside it, and the pair goes together."""
    folder = tmp_path / "备份"
    made = [daily_backup(folder, datetime(2026, 11, d, 8, 30), keep=3) for d in range(1, 6)]
    assert all(made)
    assert daily_backup(folder, datetime(2026, 11, 5, 17, 0), keep=3) is None  # today's exists already
    stem = backup_stem(database)
    assert stem.startswith("台账-")
    kept = [f"{stem}-20261103-083000.sqlite", f"{stem}-20261104-083000.sqlite", f"{stem}-20261105-083000.sqlite"]
    assert sorted(p.name for p in folder.iterdir()) == sorted([*kept, *(k + ".checkpoint" for k in kept)])


def test_a_second_database_opened_the_same_day_gets_its_own_daily_backup(database, operator, tmp_path):
    """Two offices' databases of one name in two folders: both are backed up on the same day (each backup
    with its checkpoint beside it, issue 19)."""
    folder = tmp_path / "备份"
    first = daily_backup(folder, datetime(2026, 11, 5, 8, 0), keep=3)
    other_folder = tmp_path / "另一个科室"
    other_folder.mkdir()
    open_database(other_folder / database.name, now=T0)
    second = daily_backup(folder, datetime(2026, 11, 5, 9, 0), keep=3)
    assert first is not None and second is not None and first != second
    assert len(list(folder.glob("*.sqlite"))) == 2 and len(list(folder.glob("*.sqlite.checkpoint"))) == 2


def test_restore_round_trips_and_keeps_the_replaced_content_aside(database, operator, tmp_path, admin):
    lifecycle.intake({"title": "备份前的诉求"}, T0, operator)
    saved = backup_to(tmp_path / "当天 备份.sqlite")
    lifecycle.intake({"title": "备份后的诉求"}, T0, operator)
    assert "1 件工单" in check_backup(saved)
    aside = restore_from(saved, T0, admin)
    assert [c.title for c in Case.select()] == ["备份前的诉求"]
    assert aside.exists() and "恢复前" in aside.name
    lifecycle.intake({"title": "恢复后继续工作"}, T0, operator)  # the ledger chain goes on from the backup
    assert Case.select().count() == 2


def test_a_tampered_backup_is_refused_and_nothing_replaced(database, operator, tmp_path, admin):
    import sqlite3

    lifecycle.intake({"title": "原有诉求"}, T0, operator)
    saved = backup_to(tmp_path / "被改过.sqlite")
    con = sqlite3.connect(saved)
    con.execute("DROP TRIGGER case_event_no_update")
    con.execute("UPDATE case_event SET note = '改过'")
    con.commit()
    con.close()
    with pytest.raises(UserError, match="校验未通过"):
        restore_from(saved, T0, admin)
    assert [c.title for c in Case.select()] == ["原有诉求"]


def test_a_file_that_is_not_a_backup_is_refused(database, tmp_path):
    junk = tmp_path / "不是备份.sqlite"
    junk.write_bytes(b"not a database" * 100)
    with pytest.raises(UserError):
        check_backup(junk)
    with pytest.raises(UserError, match="找不到"):
        check_backup(tmp_path / "没有.sqlite")


def test_a_clerk_may_not_restore(database, operator, tmp_path):
    from wzdesk.models import Operator

    clerk = Operator.create(username="wangfang", display_name="王芳", role="clerk", created_at=T0)
    saved = backup_to(tmp_path / "备份.sqlite")
    with pytest.raises(UserError, match="无权从备份恢复"):
        restore_from(saved, T0, clerk)
