"""A process killed (SIGKILL) in the middle of an import or a ladder run leaves the database whole."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest

ROOT = Path(__file__).resolve().parents[2]
AT = "2026-11-20 10:00"
pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX only")


def command(db: Path, *args: str) -> list[str]:
    return [sys.executable, str(ROOT / "main.py"), "--db", str(db), *args]


def kill_when_writing(db: Path, args: list[str], after: float) -> int:
    """Start a command, kill it `after` seconds once the database's WAL is growing; return its exit code."""
    wal = Path(f"{db}-wal")
    start_size = wal.stat().st_size if wal.exists() else 0
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline:
        if wal.exists() and wal.stat().st_size > start_size:
            break
        time.sleep(0.01)
    time.sleep(after)
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
    return process.wait()


def intact(db: Path) -> sqlite3.Connection:
    """Open the database after the crash and check SQLite's and the ledger's own integrity."""
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    verify = subprocess.run(command(db, "audit-verify"), capture_output=True, text=True, encoding="utf-8")
    assert verify.returncode == 0, verify.stderr
    return con


def big_case_list(path: Path, rows: int) -> Path:
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("工单")
    ws.append(["工单编号", "标题", "受理时间", "派单时间", "承办单位", "分级", "办理状态"])
    for n in range(rows):
        ws.append([f"P-{n:06d}", f"路灯不亮{n}", "2026-11-01 08:00", "2026-11-01 09:00",
                   f"单位{n % 30}", "小", "已派单"])
    wb.save(path)
    return path


@pytest.mark.parametrize("after", [0.2, 1.0])
def test_killed_import_writes_all_or_nothing(tmp_path, after):
    db = tmp_path / "导入 中断.sqlite"
    assert subprocess.run(command(db, "demo", "--cases", "0"), capture_output=True).returncode == 0
    source = big_case_list(tmp_path / "大清单.xlsx", 8000)
    with sqlite3.connect(db) as before:  # the demo's units and operators are named in the ledger (issue 19)
        named = before.execute("SELECT count(*) FROM case_event").fetchone()[0]
    code = kill_when_writing(db, command(db, "import", str(source), "--at", AT), after)
    con = intact(db)
    cases = con.execute('SELECT count(*) FROM "case"').fetchone()[0]
    events = con.execute("SELECT count(*) FROM case_event").fetchone()[0] - named
    # all: 8000 cases, each received and dispatched, and the 30 new units named
    assert (cases, events) in {(0, 0), (8000, 16030)}, (code, cases, events)


def test_killed_ladder_run_keeps_each_rung_whole_and_a_rerun_finishes(tmp_path):
    db = tmp_path / "催办 中断.sqlite"
    assert subprocess.run(command(db, "demo", "--cases", "3000", "--at", AT), capture_output=True).returncode == 0
    kill_when_writing(db, command(db, "escalate", "--at", AT, "--json"), 0.3)
    con = intact(db)
    orphans = con.execute(
        "SELECT count(*) FROM ladder_step l WHERE NOT EXISTS (SELECT 1 FROM case_event e"
        " WHERE e.case_id = l.case_id AND e.action = l.step AND e.at = l.at)").fetchone()[0]
    assert orphans == 0  # every rung written has its ledger event: nothing half-written
    for kind, n, top in con.execute("SELECT kind, count(*), max(number) FROM notice GROUP BY kind"):
        assert n == top, kind  # no gap in any kind's numbers
    before = con.execute("SELECT count(*) FROM ladder_step").fetchone()[0]
    con.close()
    rerun = subprocess.run(command(db, "escalate", "--at", AT, "--json"), capture_output=True, text=True,
                           encoding="utf-8")
    assert rerun.returncode == 0
    con = intact(db)
    after = con.execute("SELECT count(*) FROM ladder_step").fetchone()[0]
    assert after >= before
    assert con.execute("SELECT count(*) FROM (SELECT case_id, step, dispatch_no, round FROM ladder_step"
                       " GROUP BY 1, 2, 3, 4 HAVING count(*) > 1)").fetchone()[0] == 0
