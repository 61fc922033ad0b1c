"""The demo loads its rows bare and builds indexes once; killed midway, the next opening finishes the build."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from wzdesk.demo.fill import CHUNK, DemoProgress, fill
from wzdesk.models import Case, bulk_load, db
from wzdesk.office.database import close_database, open_database
from wzdesk.office.defaults import system_operator

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 11, 20, 10, 0)
WORDS = ["路灯", "噪音", "小区", "不亮", "垃圾满溢", "王"]


def schema(con: sqlite3.Connection) -> list[tuple]:
    return con.execute("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
                       " ORDER BY type, name").fetchall()


def scanned(con: sqlite3.Connection, word: str) -> list[int]:
    """The cases holding the word, found by reading every case (no index)."""
    return [r[0] for r in con.execute('SELECT id FROM "case" WHERE instr(title, ?) OR instr(content, ?)'
                                      " OR instr(petitioner_name, ?) ORDER BY id", (word,) * 3)]


def indexed(con: sqlite3.Connection, word: str) -> list[int]:
    """The same found through the search index that answers the word's length."""
    if len(word) == 1:
        return scanned(con, word)
    table = "case_fts" if len(word) >= 3 else "case_bigram"
    return [r[0] for r in con.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rowid",
                                      (f'"{word}"',))]


def fresh_schema(folder: Path) -> list[tuple]:
    path = folder / "空库.sqlite"
    open_database(path, now=NOW)
    close_database()
    with sqlite3.connect(path) as con:
        return schema(con)


def test_the_demo_leaves_every_index_trigger_and_count_in_place(tmp_path):
    open_database(tmp_path / "演示.sqlite", now=NOW)
    fill(600, 2, NOW, system_operator(), DemoProgress())
    assert not bulk_load.is_pending(db)
    con = db.connection()
    closed = dict(con.execute("SELECT COALESCE(lead_department_id, 0), count(*) FROM \"case\""
                              " WHERE status = 'closed' GROUP BY 1"))
    assert dict(con.execute("SELECT department_id, n FROM closed_count")) == closed
    for word in WORDS:
        assert indexed(con, word) == scanned(con, word), word
    close_database()
    assert schema(sqlite3.connect(tmp_path / "演示.sqlite")) == fresh_schema(tmp_path)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX only")
def test_a_demo_killed_midway_is_built_whole_at_the_next_opening(tmp_path):
    path = tmp_path / "演示 中断.sqlite"
    process = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--db", str(path), "demo", "--cases",
                                str(CHUNK * 3), "--at", "2026-11-20 10:00"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline and _committed(path) < CHUNK:
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    with sqlite3.connect(path) as con:
        assert con.execute(f"SELECT count(*) FROM sqlite_master WHERE name = '{bulk_load.PENDING}'").fetchone()[0]
        assert con.execute("SELECT count(*) FROM sqlite_master WHERE name = 'case_open_board'").fetchone()[0] == 0
    open_database(path, now=NOW)  # the opening finishes the build
    assert not bulk_load.is_pending(db) and Case.select().count() >= CHUNK
    con = db.connection()
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    for word in WORDS:
        assert indexed(con, word) == scanned(con, word), word
    close_database()
    assert schema(sqlite3.connect(path)) == fresh_schema(tmp_path)
    verify = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(path), "audit-verify"],
                            capture_output=True, text=True, encoding="utf-8")
    assert verify.returncode == 0, verify.stderr


def _committed(path: Path) -> int:
    """Return how many cases another process has committed so far (0 before the table exists)."""
    try:
        with sqlite3.connect(path, timeout=0.1) as con:
            return con.execute('SELECT count(*) FROM "case"').fetchone()[0]
    except sqlite3.Error:
        return 0
