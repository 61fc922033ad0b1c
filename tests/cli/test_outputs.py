"""No output replaces the database, and every file is whole or absent (issue 18), run as `python main.py`."""

import errno
import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from wzdesk.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
AT = "2026-11-20 10:00"


def run(db: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "WZDESK_PASSWORD": "demo2026"}  # the demo's supervisor exports the SMS outbox
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db), *args],
                          capture_output=True, text=True, encoding="utf-8", timeout=120, env=env,
                          stdin=subprocess.DEVNULL)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def live(tmp_path):
    """A demo database of 200 cases in a folder of its own, checkpointed so its bytes are stable."""
    db = tmp_path / "办公室" / "live.sqlite"
    db.parent.mkdir()
    assert run(db, "demo", "--cases", "200", "--seed", "3", "--at", AT).returncode == 0
    return db


def cases_in(db: Path) -> int:
    with sqlite3.connect(db) as con:
        return con.execute('SELECT count(*) FROM "case"').fetchone()[0]


@pytest.mark.parametrize("companion", ["", "-wal", "-shm", "-journal"])
@pytest.mark.parametrize("command", [
    ["notice", "monthly", "--month", "2026-10"],
    ["sheet", "--month", "2026-10"],
    ["--operator", "liqiang", "outbox", "export", "--at", AT],
    ["template"],
    ["backup"],
])
def test_an_out_onto_the_database_or_a_companion_is_refused_before_anything_is_written(live, command, companion):
    before = digest(live)
    target = Path(f"{live}{companion}")
    result = run(live, *command, "--out", str(target))
    assert result.returncode == 1, result.stderr
    assert "正在使用的数据库" in result.stderr and "Traceback" not in result.stderr
    assert digest(live) == before
    assert run(live, "audit-verify").returncode == 0
    with sqlite3.connect(live) as con:  # monthly notices register nothing either
        assert con.execute("SELECT count(*) FROM notice WHERE kind = 'monthly'").fetchone()[0] == 0


@pytest.mark.parametrize("link", ["hard", "symbolic"])
def test_a_link_to_the_database_is_refused_for_backup_export_and_problems_out(live, tmp_path, link):
    alias = tmp_path / "别名.sqlite"
    (os.link if link == "hard" else os.symlink)(live, alias)
    before = digest(live)
    bad = tmp_path / "bad.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["标题"])
    workbook.active.append(["只有标题没有承办单位"])
    workbook.save(bad)
    for args in (["backup", "--out", str(alias)], ["export", str(alias)],
                 ["import", str(bad), "--problems-out", str(alias)]):
        result = run(live, *args)
        assert result.returncode == 1 and "正在使用的数据库" in result.stderr, (args, result.stderr)
    assert digest(live) == before and not Path(f"{alias}-wal").exists()
    assert cases_in(live) == 200


def test_a_missing_folder_is_refused_in_chinese(live, tmp_path):
    result = run(live, "sheet", "--month", "2026-10", "--out", str(tmp_path / "没有这个文件夹" / "表.xlsx"))
    assert result.returncode == 1 and "文件夹不存在" in result.stderr and "Traceback" not in result.stderr


def _disk_full_after_half(real_save):
    def save(workbook, filename):
        real_save(workbook, filename)
        with open(filename, "r+b") as fh:  # the disk filled up half way through the file
            fh.truncate(os.path.getsize(filename) // 2)
        raise OSError(errno.ENOSPC, "No space left on device")
    return save


def test_a_full_disk_keeps_the_previous_export_and_leaves_no_partial_file(live, tmp_path, monkeypatch, capsys):
    out = tmp_path / "导出.xlsx"
    monkeypatch.setenv("WZDESK_PASSWORD", "demo2026")
    assert main(["--db", str(live), "export", str(out), "--at", AT]) == 0
    before = digest(out)
    monkeypatch.setattr(openpyxl.Workbook, "save", _disk_full_after_half(openpyxl.Workbook.save))
    for args in (["export", str(out), "--at", AT], ["sheet", "--month", "2026-10", "--out", str(out)],
                 ["--operator", "liqiang", "outbox", "export", "--at", AT, "--out", str(out)]):
        capsys.readouterr()
        assert main(["--db", str(live), *args]) == 1
        err = capsys.readouterr().err
        assert "磁盘空间不足" in err and "原有文件未改动" in err
    assert digest(out) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["导出.xlsx"]
    assert cases_in(live) == 200


def test_a_refused_write_and_a_read_only_disk_say_so_and_leave_no_file(live, tmp_path, monkeypatch, capsys):
    real_replace = os.replace
    for code, words in ((errno.EACCES, "没有写入权限"), (errno.EROFS, "只读")):
        def refuse(src, dst, code=code):
            raise OSError(code, os.strerror(code))
        monkeypatch.setattr(os, "replace", refuse)
        assert main(["--db", str(live), "notice", "monthly", "--month", "2026-10",
                     "--out", str(tmp_path / "通报.pdf")]) == 1
        assert words in capsys.readouterr().err
        monkeypatch.setattr(os, "replace", real_replace)
    assert not [p for p in tmp_path.iterdir() if p.is_file()]


def test_backup_onto_a_full_disk_leaves_no_file_under_its_name(live, tmp_path, monkeypatch, capsys):
    from wzdesk.office import backup

    def full(partial):
        Path(partial).write_bytes(b"SQLite format 3\0" + b"\0" * 100)  # the first pages made it to disk
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(backup, "_copy_into", full)
    out = tmp_path / "备份.sqlite"
    assert main(["--db", str(live), "backup", "--out", str(out)]) == 1
    assert "磁盘空间不足" in capsys.readouterr().err
    assert not [p for p in tmp_path.iterdir() if p.is_file()]
