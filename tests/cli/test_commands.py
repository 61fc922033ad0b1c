"""The headless commands answer exactly as DESIGN.md's contract says, and refuse in Chinese."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AT = "2026-11-20 10:00"


def run(db: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", str(db), *args],
        capture_output=True, text=True, encoding="utf-8", timeout=120,
    )


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def demo_db(request, tmp_path_factory):
    """The demo office every command here reads: a SQLite file, and a PostgreSQL database (its URL)."""
    if request.param == "postgresql":
        db = request.getfixturevalue("pg_server").fresh()
    else:
        db = tmp_path_factory.mktemp("演示 数据") / "demo.sqlite"
    result = run(db, "demo", "--cases", "600", "--seed", "7", "--at", AT)
    assert result.returncode == 0, result.stderr
    assert "600 件工单" in result.stdout
    return db


def test_cases_json_has_the_contract_fields(demo_db):
    result = run(demo_db, "cases", "--json", "--at", AT)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 600
    assert set(rows[0]) == {"code", "title", "status", "grade", "lead_department", "dispatched_at", "due_at",
                            "colour"}
    assert {r["colour"] for r in rows} <= {"green", "yellow", "orange", "red", "grey"}
    assert {r["status"] for r in rows} >= {"closed", "replied", "in_progress", "accepted"}
    assert all(r["code"].startswith("WZ-2026-") for r in rows)


def test_cases_filters_by_status_department_and_limit(demo_db):
    rows = [json.loads(x) for x in run(demo_db, "cases", "--status", "closed", "--json").stdout.splitlines()]
    assert rows and all(r["status"] == "closed" and r["colour"] == "grey" for r in rows)
    chinese = run(demo_db, "cases", "--status", "已办结", "--json").stdout.splitlines()
    assert len(chinese) == len(rows)
    dept = "邵阳市生态环境局"
    rows = [json.loads(x) for x in run(demo_db, "cases", "--department", dept, "--json").stdout.splitlines()]
    assert rows and all(r["lead_department"] == dept for r in rows)
    assert len(run(demo_db, "cases", "--limit", "5", "--json").stdout.splitlines()) == 5


def test_case_shows_the_track_like_a_parcel(demo_db):
    code = json.loads(run(demo_db, "cases", "--status", "closed", "--limit", "1", "--json").stdout)["code"]
    result = run(demo_db, "case", code, "--at", AT)
    assert result.returncode == 0
    assert f"工单 {code}" in result.stdout
    for word in ("现在在：已办结", "受理登记", "派单", "督办室 → ", "办结", "轨迹："):
        assert word in result.stdout
    detail = json.loads(run(demo_db, "case", code, "--json", "--at", AT).stdout)
    assert detail["track"][0]["action"] == "intake" and detail["track"][-1]["action"] == "close"


def test_board_json_shape(demo_db):
    data = json.loads(run(demo_db, "board", "--at", AT, "--json").stdout)
    assert data["at"] == AT
    assert set(data["totals"]) == {"green", "yellow", "orange", "red", "grey"}
    assert sum(data["totals"].values()) == 600
    for counts in data["departments"].values():
        assert set(counts) == set(data["totals"])


@pytest.mark.parametrize(("args", "message"), [
    (("case", "WZ-2099-999999"), "找不到工单"),
    (("cases", "--status", "lost"), "状态"),
    (("cases", "--department", "不存在的局"), "没有名为"),
    (("board", "--at", "2026-13-45"), "格式不对"),
    (("cases", "--limit", "x"), "命令参数有误"),
    (("nosuch",), "命令参数有误"),
    (("--operator", "ghost", "cases"), "操作员"),
])
def test_refused_input_exits_1_with_chinese_and_no_traceback(demo_db, args, message):
    result = run(demo_db, *args)
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_database_in_a_missing_folder_is_refused(tmp_path):
    result = run(tmp_path / "没有这个文件夹" / "x.sqlite", "cases", "--json")
    assert result.returncode == 1 and "文件夹不存在" in result.stderr


def test_audit_verify_detects_an_edit_made_behind_the_apps_back(tmp_path):
    import shutil
    import sqlite3

    db = tmp_path / "审计.sqlite"
    assert run(db, "demo", "--cases", "50", "--at", AT).returncode == 0
    ok = run(db, "audit-verify")
    assert ok.returncode == 0 and "台账完整" in ok.stdout
    copy = tmp_path / "copy.sqlite"
    shutil.copy(db, copy)
    con = sqlite3.connect(copy)
    # The 17th event of a case (the demo's first events name its units and operators, issue 19).
    (event,) = con.execute("SELECT id FROM case_event WHERE case_id IS NOT NULL"
                           " ORDER BY id LIMIT 1 OFFSET 16").fetchone()
    with pytest.raises(sqlite3.DatabaseError, match="只能追加"):
        con.execute("UPDATE case_event SET note = '已处理' WHERE id = ?", (event,))
    con.execute("DROP TRIGGER case_event_no_update")  # a deliberate tamperer gets past the guard ...
    con.execute("UPDATE case_event SET note = '已处理' WHERE id = ?", (event,))
    con.commit()
    con.close()
    bad = run(copy, "audit-verify")  # ... and is still caught
    assert bad.returncode == 1 and f"第 {event} 号记录的内容被改动" in bad.stderr and "工单 WZ-" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_audit_verify_detects_events_cut_off_the_end(tmp_path):
    import sqlite3

    db = tmp_path / "截尾.sqlite"
    assert run(db, "demo", "--cases", "20", "--at", AT).returncode == 0
    con = sqlite3.connect(db)
    con.execute("DROP TRIGGER case_event_no_delete")
    con.execute("DELETE FROM case_event WHERE id = (SELECT max(id) FROM case_event)")
    con.commit()
    con.close()
    bad = run(db, "audit-verify")
    assert bad.returncode == 1 and "末尾的记录被删除" in bad.stderr


def test_backup_is_a_consistent_database(demo_db, tmp_path):
    import sqlite3

    out = tmp_path / "备份 文件夹"
    out.mkdir()
    result = run(demo_db, "backup", "--out", str(out / "wzdesk 备份.sqlite"))
    assert result.returncode == 0, result.stderr
    con = sqlite3.connect(out / "wzdesk 备份.sqlite")
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute('SELECT count(*) FROM "case"').fetchone()[0] == 600
    con.close()
    assert run(demo_db, "backup", "--out", str(tmp_path / "nope" / "x.sqlite")).returncode == 1


@pytest.mark.parametrize("command", [(), ("import",), ("notice", "batch")])
def test_help_is_in_chinese(tmp_path, command):
    """A clerk reading --help sees 用法 and 选项, not argparse's English."""
    result = run(tmp_path / "帮助.sqlite", *command, "--help")
    assert result.returncode == 0 and result.stdout.startswith("用法：main.py")
    assert "选项" in result.stdout and "显示本帮助后退出" in result.stdout
    assert not any(word in result.stdout for word in ("usage:", "options:", "show this help"))
