"""Issue 21 and the identity of issue 19: a case's whole life and the office's administration with
commands alone (`python main.py` in a subprocess, on a real SQLite file), each step visible in
`case CODE --json`, and every refusal in Chinese with exit 1 and nothing written."""

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AT = "2026-11-20 10:00"
CITY = "邵阳市城市管理和综合执法局"
WATER = "邵阳市水务集团有限公司"
PASSWORD = "demo2026"  # the demo's operators: wangfang (clerk), liqiang (supervisor), admin


def run(db: Path, *args: str, who: str | None = None, password: str = PASSWORD, **env: str):
    """Run `python main.py --db DB [--operator WHO] ARGS…` with the password in WZDESK_PASSWORD."""
    environ = {k: v for k, v in os.environ.items() if k not in ("WZDESK_PASSWORD", "WZDESK_NEW_PASSWORD")}
    environ |= {"WZDESK_PASSWORD": password, **env}
    command = [sys.executable, str(ROOT / "main.py"), "--db", str(db), *(("--operator", who) if who else ()), *args]
    return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", timeout=120, env=environ,
                          stdin=subprocess.DEVNULL)


def ok(db: Path, *args: str, who: str | None = "wangfang", **env: str) -> str:
    result = run(db, *args, who=who, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout


def refused(db: Path, *args: str, who: str | None = "wangfang", message: str, **env: str) -> None:
    """The command exits 1 with `message` in Chinese, no traceback, and the file's bytes unchanged."""
    before = digest(db)
    result = run(db, *args, who=who, **env)
    assert result.returncode == 1, result.stdout + result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr + result.stdout
    assert digest(db) == before, "a refused command wrote nothing"


def digest(db: Path) -> str:
    with sqlite3.connect(db) as con:  # the content, whatever the WAL holds
        rows = [con.execute(f'SELECT * FROM "{t}"').fetchall() for (t,) in
                con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def track(db: Path, code: str) -> dict:
    return json.loads(ok(db, "case", code, "--json", who=None))


def actions(db: Path, code: str) -> list[str]:
    return [e["action"] for e in track(db, code)["events"]]


def count(db: Path, sql: str) -> int:
    with sqlite3.connect(db) as con:
        return con.execute(sql).fetchone()[0]


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "督办 台账.sqlite"
    # Seed 3 leaves two sanctions proposed, for a supervisor to decide.
    assert run(path, "demo", "--cases", "30", "--seed", "3", "--at", AT).returncode == 0
    return path


def intake(db: Path, title: str, at: str = AT, **fields: str) -> str:
    extra = [item for key, value in fields.items() for item in (f"--{key}", value)]
    return ok(db, "intake", "--title", title, "--at", at, *extra).strip()


def test_a_case_from_intake_to_close_then_reopened_complained_about_and_cleared(db, tmp_path):
    code = intake(db, "小区路灯不亮", phone="13812345678", community="桃花社区", category="路灯不亮",
                  petitioner="陈某", content="三栋门口路灯坏了一周")
    assert code.startswith("WZ-2026-")
    steps = [("dispatch", "--to", CITY, "--co", WATER, "--at", "2026-11-20 11:00"),
             ("accept", "--at", "2026-11-20 12:00"),
             ("progress", "--note", "已联系反映人", "--at", "2026-11-20 15:00"),
             ("reply", "--note", "已更换灯泡", "--at", "2026-11-21 10:00")]
    for step in steps:
        ok(db, "act", code, *step)
    photo = tmp_path / "现场.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 a photo")
    ok(db, "act", code, "verify-pass", "--note", "现场路灯已亮", "--photo", str(photo), "--at", "2026-11-21 11:00",
       XDG_DATA_HOME=str(tmp_path / "数据"))
    ok(db, "act", code, "rate", "--level", "满意", "--solved", "yes", "--at", "2026-11-21 12:00")
    ok(db, "act", code, "close", "--at", "2026-11-21 13:00")
    detail = track(db, code)
    assert detail["status"] == "closed" and detail["lead_department"] == CITY
    assert detail["co_departments"] == [WATER] and detail["first_receiver"] == CITY
    assert detail["merged_into"] is None and detail["provisional"] is False
    assert set(detail) >= {"code", "status", "holder", "lead_department", "co_departments", "first_receiver",
                           "due_at", "provisional", "flags", "merged_into", "events"}
    assert [(e["action"], e["from_status"], e["to_status"]) for e in detail["events"]
            if e["action"] != "verification_photos"] == [
        ("intake", "", "received"), ("dispatch", "received", "dispatched"), ("accept", "dispatched", "accepted"),
        ("progress", "accepted", "in_progress"), ("reply", "in_progress", "replied"),
        ("verify_pass", "replied", "verified"), ("rate", "verified", "verified"), ("close", "verified", "closed")]
    assert {e["operator"] for e in detail["events"]} == {"王芳"}
    assert set(detail["events"][0]) == {"at", "action", "label", "from_status", "to_status", "from_department",
                                        "to_department", "department", "operator", "note"}
    assert count(db, "SELECT count(*) FROM verification_photo") == 1
    ok(db, "act", code, "reopen", "--note", "路灯又不亮了", "--at", "2026-11-23 09:00")
    ok(db, "act", code, "complain", "--note", "反复坏", "--at", "2026-11-23 09:30")
    assert "群众吐槽" in track(db, code)["flags"]
    ok(db, "act", code, "clear-complaint", "--note", "已向反映人说明并督促", "--at", "2026-11-23 10:00")
    detail = track(db, code)
    assert detail["status"] == "in_progress" and "群众吐槽" not in detail["flags"] and "假办结重办" in detail["flags"]
    assert actions(db, code)[-3:] == ["reopen", "complaint", "complaint_cleared"]


def test_a_case_returned_by_a_department_that_did_not_first_receive_it_then_re_dispatched(db):
    code = intake(db, "供水管道漏水")
    ok(db, "act", code, "dispatch", "--to", CITY, "--at", "2026-11-20 11:00")
    ok(db, "act", code, "reassign", "--to", WATER, "--note", "属供水管网", "--at", "2026-11-20 14:00")
    ok(db, "act", code, "return", "--note", "管道属小区物业", "--at", "2026-11-20 16:00")
    assert track(db, code)["status"] == "returned"
    ok(db, "act", code, "dispatch", "--to", CITY, "--at", "2026-11-21 09:00")
    detail = track(db, code)
    assert (detail["status"], detail["lead_department"]) == ("dispatched", CITY)
    assert [e["action"] for e in detail["events"]] == ["intake", "dispatch", "reassign", "return", "dispatch"]
    assert detail["events"][3]["note"] == "管道属小区物业" and detail["events"][3]["department"] == WATER


def test_an_illegal_step_is_refused_and_nothing_written(db):
    code = intake(db, "噪音扰民")
    refused(db, "act", code, "close", message="不能办结")
    refused(db, "act", code, "dispatch", "--to", "不存在的局", message="没有名为")
    refused(db, "act", code, "dispatch", message="--to")
    ok(db, "act", code, "dispatch", "--to", CITY, "--at", "2026-11-20 11:00")
    refused(db, "act", code, "return", "--note", "不归我们", message="首接负责制")  # the first receiver
    refused(db, "act", code, "rate", "--level", "还行", message="评价")
    refused(db, "act", code, "clear-complaint", "--note", "说明", message="没有待处理的吐槽")
    refused(db, "act", "WZ-2099-000001", "accept", message="找不到工单")
    refused(db, "intake", "--title", "  ", message="诉求标题")
    assert actions(db, code) == ["intake", "dispatch"]


def test_identity_wrong_password_missing_role_and_the_system_account(db):
    code = intake(db, "道路坑洼")
    failures = count(db, "SELECT count(*) FROM case_event WHERE action = 'sign_in_failed'")
    result = run(db, "act", code, "dispatch", "--to", CITY, who="wangfang", password="wrong-password")
    assert result.returncode == 1 and "登录名或密码不对" in result.stderr
    assert count(db, "SELECT count(*) FROM case_event WHERE action = 'sign_in_failed'") == failures + 1
    assert actions(db, code) == ["intake"]
    # Without --operator: the system account records no step and changes no setting.
    refused(db, "act", code, "dispatch", "--to", CITY, who=None, message="无权办理工单")
    refused(db, "settings", "set", "response_hours", "12", who=None, message="无权修改督办规则")
    refused(db, "--operator", "system", "cases", who=None, message="不能用密码登录")
    # A clerk may not change settings or operators; no password at all is refused in Chinese.
    refused(db, "settings", "set", "response_hours", "12", message="无权修改督办规则")
    refused(db, "operator", "add", "zhaomin", "--role", "clerk", message="无权管理操作员",
            WZDESK_NEW_PASSWORD="zhaomin-2026")
    environ = {k: v for k, v in os.environ.items() if k != "WZDESK_PASSWORD"}
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db), "--operator", "wangfang",
                             "cases"], capture_output=True, text=True, encoding="utf-8", env=environ,
                            stdin=subprocess.DEVNULL, timeout=120)
    assert result.returncode == 1 and "WZDESK_PASSWORD" in result.stderr and "Traceback" not in result.stderr


def test_five_wrong_passwords_lock_the_name_even_against_the_right_one(db):
    for _ in range(5):
        assert "登录名或密码不对" in run(db, "cases", who="liqiang", password="not-it-at-all").stderr
    result = run(db, "cases", who="liqiang")
    assert result.returncode == 1 and "已锁定" in result.stderr
    assert run(db, "cases", who="wangfang").returncode == 0  # another name is not locked


def test_operators_added_and_deactivated_by_an_administrator(db):
    refused(db, "operator", "add", "zhaomin", "--role", "clerk", who="admin", message="至少 8 位",
            WZDESK_NEW_PASSWORD="short")
    ok(db, "operator", "add", "zhaomin", "--role", "clerk", "--display-name", "赵敏", who="admin",
       WZDESK_NEW_PASSWORD="zhaomin-2026")
    code = intake(db, "油烟扰民")
    ok(db, "act", code, "dispatch", "--to", CITY, "--at", "2026-11-20 11:00", who="zhaomin", password="zhaomin-2026")
    assert track(db, code)["events"][-1]["operator"] == "赵敏"
    ok(db, "operator", "deactivate", "zhaomin", who="admin")
    result = run(db, "act", code, "accept", who="zhaomin", password="zhaomin-2026")
    assert result.returncode == 1 and "登录名或密码不对" in result.stderr  # the only trace: the failed sign-in
    assert actions(db, code) == ["intake", "dispatch"]
    assert count(db, "SELECT count(*) FROM case_event WHERE action IN ('operator_added', 'operator_deactivated')") == 2


def test_settings_changed_by_an_administrator_and_shown(db):
    ok(db, "settings", "set", "response_hours", "12", who="admin")
    assert json.loads(ok(db, "settings", "get", "response_hours", "--json", who=None)) == {"response_hours": 12}
    refused(db, "settings", "set", "response_hours", "十二", who="admin", message="无效")
    refused(db, "settings", "set", "no_such_key", "1", who="admin", message="没有名为")
    assert count(db, "SELECT count(*) FROM case_event WHERE action = 'setting_changed'") == 1
    code = intake(db, "垃圾满溢")  # the new response limit is the case's: 12 hours after dispatch
    ok(db, "act", code, "dispatch", "--to", CITY, "--at", "2026-11-20 11:00")
    with sqlite3.connect(db) as con:
        due = con.execute('SELECT response_due_at FROM "case" WHERE code = ?', (code,)).fetchone()[0]
    assert due.startswith("2026-11-20 23:00")


def test_a_sanction_confirmed_by_a_supervisor_and_dismissed_with_a_reason(db):
    proposals = [json.loads(line) for line in ok(db, "sanction", "list", "--status", "proposed", "--json",
                                                  who=None).splitlines()]
    assert len(proposals) >= 2
    first, second = proposals[0], proposals[1]
    refused(db, "sanction", "confirm", str(first["id"]), message="无权确认或撤销问责")  # a clerk
    refused(db, "sanction", "dismiss", str(second["id"]), "--reason", " ", who="liqiang", message="理由")
    ok(db, "sanction", "confirm", str(first["id"]), "--at", AT, who="liqiang")
    ok(db, "sanction", "dismiss", str(second["id"]), "--reason", "诉求超出职责范围", "--at", AT, who="liqiang")
    refused(db, "sanction", "confirm", str(first["id"]), who="liqiang", message="已经处理过")
    confirmed = [json.loads(line)["id"] for line in ok(db, "sanction", "list", "--status", "confirmed", "--json",
                                                        who=None).splitlines()]
    assert first["id"] in confirmed and second["id"] not in confirmed
    code = first["case_codes"].split("、")[0]
    assert "accountability_confirmed" in actions(db, code)


def test_an_interview_scheduled_held_and_its_notice_signed_for_and_a_commitment_settled(db):
    code = intake(db, "下水道堵塞")
    ok(db, "interview", "schedule", "--department", CITY, "--when", "2026-11-25 09:30", "--reason", "超期诉求多",
       "--cases", code, "--at", AT)
    rows = [json.loads(line) for line in ok(db, "interview", "list", "--json", "--at", AT, who=None).splitlines()]
    interview = next(r for r in rows if r["department"] == CITY and r["status"] == "待约谈")
    number = interview["notice"]
    ok(db, "notice", "status", number, "送达", "--at", "2026-11-21 09:00")
    ok(db, "notice", "status", number, "签收", "--at", "2026-11-21 10:00")
    refused(db, "notice", "status", number, "送达", message="只能向前推进")
    refused(db, "interview", "hold", str(interview["id"]), "--minutes", "纪要", "--commitment", "无期限的承诺",
            message="内容@YYYY-MM-DD")
    ok(db, "interview", "hold", str(interview["id"]), "--minutes", "局长表态整改", "--commitment",
       "一周内办结超期诉求@2026-12-02", "--at", "2026-11-25 10:00")
    rows = [json.loads(line) for line in ok(db, "interview", "list", "--json", who=None).splitlines()]
    held = next(r for r in rows if r["id"] == interview["id"])
    assert held["status"] == "已约谈" and [c["status"] for c in held["commitments"]] == ["open"]
    ok(db, "interview", "settle", str(held["commitments"][0]["id"]), "kept", "--at", "2026-12-01 09:00")
    refused(db, "interview", "settle", str(held["commitments"][0]["id"]), "kept", message="登记过结果")
    assert actions(db, code)[1:] == ["interview_scheduled", "notice_status", "notice_status", "interview_held",
                                     "commitment_kept"]
    notes = [e["note"] for e in track(db, code)["events"] if e["action"] == "notice_status"]
    assert "已送达 → 已签收" in notes[-1]


def test_duty_steps_done_with_their_moment(db):
    code = intake(db, "路灯坏了", category="路灯不亮")
    ok(db, "act", code, "dispatch", "--to", CITY, "--at", "2026-11-20 11:00")
    steps = [json.loads(line) for line in ok(db, "duty", "list", code, "--json", "--at", AT, who=None).splitlines()]
    assert [s["step"] for s in steps] == ["联系反映人", "现场查看", "修复亮灯并拍照"]
    refused(db, "duty", "done", code, str(steps[2]["id"]), message="佐证")  # a photo step needs its evidence
    ok(db, "duty", "done", code, str(steps[0]["id"]), "--at", "2026-11-20 15:00")
    after = [json.loads(line) for line in ok(db, "duty", "list", code, "--json", "--at", AT, who=None).splitlines()]
    assert (after[0]["done_at"], after[0]["state"]) == ("2026-11-20 15:00", "已完成")
    assert actions(db, code)[-1] == "duty_step_done"
    refused(db, "duty", "done", code, str(steps[0]["id"]), message="无需重复登记")


def test_observers_added_edited_retired_reinstated_and_counted(db):
    refused(db, "observer", "add", "--name", "周建国", "--community", "桃花社区", who=None, message="无权")
    out = ok(db, "observer", "add", "--name", "周建国", "--community", "桃花社区", "--phone", "13912345678")
    observer_id = out.split("序号 ")[1].split("）")[0]
    ok(db, "observer", "edit", observer_id, "--kind", "退休教师")
    rows = {r["id"]: r for r in map(json.loads, ok(db, "observer", "list", "--json", who=None).splitlines())}
    assert rows[int(observer_id)]["kind"] == "退休教师" and rows[int(observer_id)]["phone"] == "139****5678"
    coverage = [json.loads(line) for line in ok(db, "observer", "coverage", "--json", who=None).splitlines()]
    assert next(c for c in coverage if c["community"] == "桃花社区")["observers"] == 1
    ok(db, "observer", "retire", observer_id)
    refused(db, "observer", "retire", observer_id, message="已于")
    assert int(observer_id) not in {r["id"] for r in map(json.loads, ok(db, "observer", "list", "--json",
                                                                             who=None).splitlines())}
    ok(db, "observer", "reinstate", observer_id)
    refused(db, "observer", "reinstate", observer_id, message="无需恢复")
    assert count(db, "SELECT count(*) FROM case_event WHERE action LIKE 'observer_%'") >= 4


def test_restore_needs_a_supervisor_and_a_verified_backup(db, tmp_path):
    saved = tmp_path / "备份.sqlite"
    ok(db, "backup", "--out", str(saved), who=None)
    code = intake(db, "备份之后受理")
    refused(db, "restore", str(saved), message="无权从备份恢复")
    refused(db, "restore", str(tmp_path / "没有.sqlite"), who="liqiang", message="找不到备份文件")
    ok(db, "restore", str(saved), who="liqiang")
    assert run(db, "case", code).returncode == 1  # the case taken after the backup is gone


def test_outbox_export_needs_the_reveal_permission(db, tmp_path):
    refused(db, "outbox", "export", "--out", str(tmp_path / "短信.xlsx"), message="无权查看完整的电话")
    refused(db, "outbox", "export", "--out", str(tmp_path / "短信.xlsx"), who=None, message="无权查看完整的电话")


def test_help_lists_the_commands_grouped_in_chinese():
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--help"], capture_output=True, text=True,
                            encoding="utf-8", timeout=60)
    assert result.returncode == 0
    text = result.stdout
    positions = [text.index(f"\n{title}：") for title in ("工单", "督办", "文书", "台账与备份", "设置")]
    assert positions == sorted(positions)
    for command in ("intake", "act", "case", "duty", "sanction", "interview", "observer", "notice", "restore",
                    "settings", "operator"):
        assert f"\n  {command} " in text
