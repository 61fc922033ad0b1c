"""Coordination meetings, their decisions, major-case follow-ups and a verification booking with commands alone.

Dates reckoned by hand from the 2026 calendar (no holiday from 11-23 to 12-04): a major case dispatched
Mon 11-23 09:00 with a co-department owes its first follow-up by the 5th working day after, 24, 25, 26,
27, 30 → 24:00 Mon 11-30; three days without joint action end Thu 11-26 09:00, when the ladder issues the
coordination notice. A decision set for Sat 11-28 is due at 24:00 of the next working day, Mon 11-30.
"""

import json

import pytest

from tests.cli.test_every_job_a_command import AT, CITY, WATER, actions, count, intake, ok, refused, run


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "督办 台账.sqlite"
    assert run(path, "demo", "--cases", "30", "--seed", "3", "--at", AT).returncode == 0
    return path


def _rows(db, *args) -> list[dict]:
    return [json.loads(line) for line in ok(db, *args, "--json", who=None).splitlines()]


def _major_with_notice(db) -> str:
    code = intake(db, "老旧小区雨污分流改造", at="2026-11-23 08:00", grade="大")
    ok(db, "act", code, "dispatch", "--to", CITY, "--co", WATER, "--at", "2026-11-23 09:00")
    ok(db, "act", code, "accept", "--at", "2026-11-23 10:00")
    produced = json.loads(ok(db, "escalate", "--at", "2026-11-26 10:00", "--json", who=None))["produced"]
    assert {"case": code, "step": "leader_coordination"} in [{k: p[k] for k in ("case", "step")} for p in produced]
    return code


def test_a_meeting_recorded_and_its_decisions_done_with_commands(db):
    code = _major_with_notice(db)
    refused(db, "coordination", "record", code, "--attendees", "水务集团", "--decision", "摸排",
            message="内容;YYYY-MM-DD")
    refused(db, "coordination", "record", code, "--attendees", "水务集团", "--decision", "摸排;2026-11-28",
            who=None, message="无权")
    out = ok(db, "coordination", "record", code, "--held", "2026-11-27", "--attendees", "市水务集团、桃花社区",
             "--decision", "街道办完成入户摸排;2026-11-28", "--decision", "牵头单位拿出改造方案；2026-12-04",
             "--at", "2026-11-27 16:00")
    assert "议定事项 2 项" in out
    decisions = _rows(db, "coordination", "list", code, "--at", "2026-11-30 09:00")
    assert [(d["content"], d["due_at"], d["state"]) for d in decisions] == [
        ("街道办完成入户摸排", "2026-11-30 23:59", "待办"), ("牵头单位拿出改造方案", "2026-12-04 23:59", "待办")]
    assert decisions[0]["department"] == CITY
    ok(db, "coordination", "done", str(decisions[0]["id"]), "--note", "已摸排 126 户", "--at", "2026-11-30 10:00")
    refused(db, "coordination", "done", str(decisions[0]["id"]), message="无需重复登记")
    refused(db, "coordination", "done", "999999", message="没有序号为 999999 的议定事项")
    after = _rows(db, "coordination", "list", code, "--at", "2026-12-07 09:00")
    assert [(d["done_at"], d["state"]) for d in after] == [("2026-11-30 10:00", "已完成"), (None, "已超期")]
    assert actions(db, code)[-2:] == ["coordination_meeting", "decision_done"]


def test_a_follow_up_entry_listed_and_done_with_commands(db):
    code = _major_with_notice(db)
    (entry,) = _rows(db, "follow-up", "list", code, "--at", "2026-11-26 10:00")
    assert (entry["seq"], entry["due_at"], entry["department"], entry["state"]) == (1, "2026-11-30 23:59", CITY, "待办")
    refused(db, "follow-up", "done", str(entry["id"]), "--note", "  ", message="请填写跟进情况")
    ok(db, "follow-up", "done", str(entry["id"]), "--note", "管网改造招标中", "--at", "2026-11-27 15:00")
    (done,) = _rows(db, "follow-up", "list", code, "--at", "2026-12-01 09:00")
    assert (done["done_at"], done["state"], done["note"]) == ("2026-11-27 15:00", "已完成", "管网改造招标中")
    assert actions(db, code)[-1] == "follow_up_done"


def test_a_verification_booked_then_its_result_completes_the_booking(db):
    code = intake(db, "路灯不亮", at="2026-11-23 08:00")
    ok(db, "act", code, "dispatch", "--to", CITY, "--at", "2026-11-23 09:00")
    ok(db, "act", code, "accept", "--at", "2026-11-23 10:00")
    ok(db, "act", code, "reply", "--note", "已更换灯头", "--at", "2026-11-23 15:00")
    observer = _rows(db, "observer", "list")[0]["id"]
    refused(db, "verification", "book", code, "--when", "2026-11-24 09:00", "--staff", "王芳", "--observer", "999999",
            message="没有序号为 999999 的观察员")
    refused(db, "verification", "book", code, "--when", "2026-11-20 09:00", "--staff", "王芳",
            "--at", "2026-11-23 16:00", message="不能早于现在")
    out = ok(db, "verification", "book", code, "--when", "2026-11-24 09:00", "--staff", "王芳、李强",
             "--with-petitioner", "--observer", str(observer), "--at", "2026-11-23 16:00")
    assert "2026-11-24 09:00" in out and "观察员 1 名" in out
    assert actions(db, code)[-1] == "verification_booked"
    refused(db, "verification", "book", code, "--when", "2026-11-25 09:00", "--staff", "王芳",
            "--at", "2026-11-23 17:00", message="已预约")
    ok(db, "act", code, "verify-pass", "--note", "路灯已亮", "--at", "2026-11-24 10:00")
    assert count(db, "SELECT count(*) FROM verification v JOIN \"case\" c ON c.id = v.case_id"
                     f" WHERE c.code = '{code}'") == 1
    assert count(db, "SELECT count(*) FROM verification v JOIN \"case\" c ON c.id = v.case_id"
                     f" WHERE c.code = '{code}' AND v.result = 'passed' AND v.with_petitioner") == 1
