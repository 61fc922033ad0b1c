"""The scheduled morning job: on a working day the ladder and a backup, on a rest day nothing."""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(db: Path, home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "XDG_DATA_HOME": str(home), "APPDATA": str(home)}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db), *args],
                          capture_output=True, text=True, encoding="utf-8", timeout=180, env=env)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("早间 督办")
    db, home = folder / "台账.sqlite", folder / "home"
    made = run(db, home, "demo", "--cases", "400", "--seed", "3", "--at", "2026-11-18 10:00")
    assert made.returncode == 0, made.stderr
    return db, home


def _events(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT COUNT(*) FROM case_event").fetchone()[0]


def test_on_a_saturday_the_morning_job_writes_nothing_and_backs_nothing_up(demo):
    db, home = demo
    before = _events(db)
    done = run(db, home, "morning", "--at", "2026-11-21 08:00")  # Saturday, not a make-up day in 2026
    assert done.returncode == 0, done.stderr
    assert "休息日" in done.stdout
    assert _events(db) == before
    assert not list(home.rglob("*.sqlite"))


def test_on_a_working_day_it_runs_the_ladder_as_escalate_would_and_backs_up(demo, tmp_path):
    db, home = demo
    twin = tmp_path / "twin.sqlite"
    with sqlite3.connect(db) as src, sqlite3.connect(twin) as dst:
        src.backup(dst)
    expected = run(twin, tmp_path / "h2", "escalate", "--at", "2026-11-23 08:00", "--json")
    assert expected.returncode == 0, expected.stderr
    produced = len(json.loads(expected.stdout)["produced"])
    assert produced > 0
    done = run(db, home, "morning", "--at", "2026-11-23 08:00")  # Monday
    assert done.returncode == 0, done.stderr
    assert f"产生 {produced} 项" in done.stdout
    backups = list(home.rglob("*.sqlite"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as conn:
        assert conn.execute("SELECT COUNT(*) FROM case_event").fetchone()[0] == _events(db)
    again = run(db, home, "escalate", "--at", "2026-11-23 08:00", "--json")
    assert json.loads(again.stdout)["produced"] == []
