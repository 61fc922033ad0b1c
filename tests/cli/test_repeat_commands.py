"""`merge CODE --into MAIN` and `unmerge CODE` as scripts run them (issue 23), and the done-when story."""

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from wzdesk.cases import lifecycle
from wzdesk.models import Case, Category, Department, ProgressMessage
from wzdesk.office.auth import create_operator
from wzdesk.office.database import close_database, open_database
from wzdesk.office.defaults import system_operator

ROOT = Path(__file__).resolve().parents[2]
DAY1 = datetime(2026, 10, 12, 9, 0)
DAY2 = datetime(2026, 10, 13, 9, 30)
PASSWORD = "duban-2026"


def run(db: Path, *args: str, operator: str | None = "wang") -> subprocess.CompletedProcess:
    who = ["--operator", operator] if operator else []
    env = {**os.environ, "WZDESK_PASSWORD": PASSWORD}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db), *who, *args],
                          capture_output=True, text=True, encoding="utf-8", timeout=120, env=env)


@pytest.fixture
def ledger(tmp_path):
    """A ledger with the first report of a light, dispatched, and a clerk; closed for the commands."""
    db = tmp_path / "督办 台账" / "台账.sqlite"
    db.parent.mkdir()
    open_database(db, now=DAY1)
    admin = create_operator("admin", "管理员", "admin", PASSWORD, DAY1)
    create_operator("wang", "wang", "clerk", PASSWORD, DAY1, by=admin)
    dept = Department.create(name="邵阳市城市管理和综合执法局", leader_name="刘志明", leader_title="副局长")
    lights = Category.get(Category.name == "路灯不亮")
    first = lifecycle.intake({"title": "小区路灯不亮", "community": "桃花社区", "category": lights,
                              "petitioner_name": "李明", "petitioner_phone": "13812345678"}, DAY1, system_operator())
    lifecycle.dispatch(first, dept, DAY1.replace(hour=10), system_operator())
    close_database()
    return db


def _in_process(db: Path, work):
    open_database(db)
    try:
        return work()
    finally:
        close_database()


def _second(db: Path, open_main: bool = True) -> str:
    def intake():
        from wzdesk.cases import repeats

        first = Case.get(Case.title == "小区路灯不亮")
        flagged = repeats.similar_cases("路灯坏了晚上很黑", DAY2, "桃花社区", first.category_id, "13900001111")
        # flagged at the second intake while the first is open; a closed case is no similar open case
        assert [s.code for s in flagged] == ([first.code] if open_main else [])
        return lifecycle.intake({"title": "路灯坏了晚上很黑", "community": "桃花社区", "category": first.category,
                                 "petitioner_name": "王芳", "petitioner_phone": "13900001111"}, DAY2,
                                system_operator()).code
    return _in_process(db, intake)


def test_the_done_when_story_through_the_commands(ledger):
    """Two reports of one light a day apart: merged, counted once, both informed, the second brought back."""
    main, second = "WZ-2026-000001", _second(ledger)
    done = run(ledger, "merge", second, "--into", main, "--at", "2026-10-13 09:40")
    assert done.returncode == 0, done.stderr
    assert f"已将 {second} 合并到 {main}" in done.stdout
    board = json.loads(run(ledger, "board", "--at", "2026-10-13 10:00", "--json", operator=None).stdout)
    assert board["departments"]["邵阳市城市管理和综合执法局"] == {"green": 1, "yellow": 0, "orange": 0, "red": 0,
                                                              "grey": 0}
    assert board["totals"]["green"] == 1 and board["totals"]["grey"] == 0
    detail = json.loads(run(ledger, "case", second, "--json", "--at", "2026-10-13 10:00", operator=None).stdout)
    assert detail["merged_into"] == main and detail["status"] == "merged"
    assert detail["track"][-1]["action"] == "merge" and main in detail["track"][-1]["note"]
    assert json.loads(run(ledger, "case", main, "--json", operator=None).stdout)["repeats"] == [second]
    assert f"合并到工单 {main}" in run(ledger, "case", second, operator=None).stdout

    def accept():
        lifecycle.accept(Case.by_code(main), datetime(2026, 10, 13, 11, 0), system_operator())
        return sorted(m.case.petitioner_phone for m in ProgressMessage.select()
                      .where(ProgressMessage.trigger == "accepted"))
    assert _in_process(ledger, accept) == ["13812345678", "13900001111"]

    undone = run(ledger, "unmerge", second, "--at", "2026-10-13 12:00")
    assert undone.returncode == 0, undone.stderr
    assert "恢复为“已受理”" in undone.stdout
    detail = json.loads(run(ledger, "case", second, "--json", operator=None).stdout)
    assert (detail["status"], detail["merged_into"], detail["track"][-1]["action"]) == ("received", None, "unmerge")
    assert run(ledger, "audit-verify", operator=None).returncode == 0


@pytest.mark.parametrize(("args", "operator", "words"), [
    (["merge", "WZ-2026-000009", "--into", "WZ-2026-000001"], "wang", "找不到工单 WZ-2026-000009"),
    (["merge", "WZ-2026-000001", "--into", "WZ-2026-000001"], "wang", "不能合并到它自己"),
    (["merge", "WZ-2026-000001", "--into", "WZ-2026-000002"], None, "须由操作员办理"),
    (["unmerge", "WZ-2026-000001"], "wang", "没有被合并"),
    (["merge", "WZ-2026-000001"], "wang", "缺少必需的参数: --into"),
])
def test_refusals_are_chinese_with_exit_1(ledger, args, operator, words):
    _second(ledger)
    result = run(ledger, *args, operator=operator)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert words in result.stderr


def test_a_closed_main_case_is_reopened_only_with_reopen(ledger):
    def close_main():
        case, op = Case.by_code("WZ-2026-000001"), system_operator()
        lifecycle.accept(case, DAY1.replace(hour=11), op)
        lifecycle.reply(Case.by_code(case.code), "已修复", DAY1.replace(hour=15), op)
        lifecycle.verify(Case.by_code(case.code), True, "已亮", DAY1.replace(hour=16), op)
        lifecycle.close(Case.by_code(case.code), DAY1.replace(hour=17), op)
    _in_process(ledger, close_main)
    second = _second(ledger, open_main=False)
    refused = run(ledger, "merge", second, "--into", "WZ-2026-000001", "--at", "2026-10-13 10:00")
    assert refused.returncode == 1 and "--reopen" in refused.stderr and "新工单" in refused.stderr
    done = run(ledger, "merge", second, "--into", "WZ-2026-000001", "--reopen", "--at", "2026-10-13 10:00")
    assert done.returncode == 0, done.stderr
    main = json.loads(run(ledger, "case", "WZ-2026-000001", "--json", operator=None).stdout)
    assert main["status"] == "in_progress" and main["repeats"] == [second]
