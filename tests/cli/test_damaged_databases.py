"""Damaged, missing and read-only databases (issue 18): refused in Chinese, never created, never backed up."""

import os
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from wzdesk.cli.main import main
from wzdesk.office.backup import daily_backup
from wzdesk.office.database import close_database, open_database

ROOT = Path(__file__).resolve().parents[2]
AT = "2026-11-20 10:00"


def run(db: Path, *args: str, home: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if home is not None:
        env["XDG_DATA_HOME"] = str(home)  # the user's data folder, and so the daily backups, of this test
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db), *args],
                          capture_output=True, text=True, encoding="utf-8", timeout=120, env=env)


def corrupt_a_page(db: Path) -> None:
    """Overwrite a page of the case table's b-tree in the middle of the file with garbage."""
    with sqlite3.connect(db) as con:
        page_size = con.execute("PRAGMA page_size").fetchone()[0]
        root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'case'").fetchone()[0]
    with db.open("r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(b"\xa5" * page_size)


@pytest.fixture
def home(tmp_path):
    return tmp_path / "用户数据"


@pytest.fixture
def live(tmp_path, home):
    db = tmp_path / "live.sqlite"
    assert run(db, "demo", "--cases", "150", "--seed", "5", "--at", AT, home=home).returncode == 0
    return db


def test_a_missing_database_is_never_created_by_a_reading_command(tmp_path, home):
    for args in (["audit-verify"], ["cases", "--json"], ["board", "--json"], ["backup", "--out", str(tmp_path / "b")]):
        result = run(tmp_path / "nosuch.sqlite", *args, home=home)
        assert result.returncode == 1 and "找不到数据库" in result.stderr, (args, result.stderr)
    assert sorted(p.name for p in tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", [["cases", "--json"], ["audit-verify"], ["export", "x.xlsx"], ["escalate"]])
def test_a_damaged_database_is_refused_naming_the_newest_good_backup(live, home, tmp_path, command):
    backups = home / "wzdesk" / "backups"
    assert main(["--db", str(live), "audit-verify"]) == 0
    os.environ["XDG_DATA_HOME"] = str(home)
    try:
        open_database(live)
        good = daily_backup(backups, datetime(2026, 11, 20, 8, 0), keep=5)
        close_database()
    finally:
        del os.environ["XDG_DATA_HOME"]
    corrupt_a_page(live)
    result = run(live, *command, home=home)
    assert result.returncode == 1, result.stderr
    assert "已损坏" in result.stderr and str(good) in result.stderr and "复制到" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "x.xlsx").exists()


def test_a_damaged_database_is_never_backed_up_over_a_good_backup(live, home, tmp_path):
    out = tmp_path / "备份.sqlite"
    assert run(live, "backup", "--out", str(out), home=home).returncode == 0
    good = out.read_bytes()
    corrupt_a_page(live)
    result = run(live, "backup", "--out", str(out), home=home)
    assert result.returncode == 1 and "已损坏" in result.stderr
    assert out.read_bytes() == good
    assert "已备份" not in result.stdout


def test_a_read_only_database_can_be_read(live, monkeypatch, capsys):
    """The tests run as root, for whom every file is writable: os.access says what a clerk's account would."""
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if mode == os.W_OK else real(p, mode, **kw))
    before = live.read_bytes()
    assert main(["--db", str(live), "audit-verify"]) == 0
    assert "台账完整" in capsys.readouterr().out
    assert main(["--db", str(live), "cases", "--json", "--limit", "3"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 3
    assert live.read_bytes() == before
