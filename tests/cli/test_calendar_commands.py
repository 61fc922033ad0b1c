"""`calendar show|set|import` answer as DESIGN.md's contract says, re-reckon deadlines, and refuse in Chinese."""

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from wzdesk.cases import lifecycle
from wzdesk.models import Department, Operator
from wzdesk.office import auth
from wzdesk.office.database import close_database, open_database

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 11, 28, 9, 0)
PASSWORD = "日历-2027"
ADMIN, CLERK = "zhouhong", "lina"

# A made-up 2027 schedule (the real one is announced in November): 元旦 with a bridge Monday, a seven-day
# 春节 from 除夕 Fri 2-5 to Thu 2-11, and a make-up Saturday 2-20.
SCHEDULE = [("日期", "类型", "名称"), ("2027-01-01", "放假", "元旦"), ("2027-01-04", "放假", "元旦"),
            *((f"2027-02-{d:02d}", "放假", "春节") for d in (5, 6, 7, 8, 9, 10, 11)),
            ("2027-02-20", "上班", "调休上班")]


def run(db: Path, *args: str, operator: str = ADMIN) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", str(db), "--operator", operator, *args],
        capture_output=True, text=True, encoding="utf-8", timeout=120,
        env={**os.environ, "WZDESK_PASSWORD": PASSWORD},
    )


@pytest.fixture
def office(tmp_path):
    """A database with an administrator, a clerk and two cases whose limits run into 2027 (provisional)."""
    db = tmp_path / "督办 数据" / "台账.sqlite"
    db.parent.mkdir()
    open_database(db, now=NOW)
    hashed = auth.hash_password(PASSWORD)
    admin = Operator.create(username=ADMIN, display_name="周红", role="admin", password_hash=hashed, created_at=NOW)
    Operator.create(username=CLERK, display_name="李娜", role="clerk", password_hash=hashed, created_at=NOW)
    dept = Department.create(name="邵阳市城市管理和综合执法局", leader_name="刘志明", leader_title="副局长")
    codes = []
    for title, grade, at in (("路灯不亮", "minor", datetime(2026, 12, 30, 10, 0)),
                             ("小区积水", "major", datetime(2027, 1, 27, 9, 0))):
        case = lifecycle.intake({"title": title, "grade": grade}, at, admin)
        codes.append(lifecycle.dispatch(case, dept, at, admin).code)
    close_database()
    return db, codes


def _case(db: Path, code: str) -> dict:
    result = run(db, "case", code, "--json", "--at", "2026-12-30 12:00")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _events(detail: dict) -> list[dict]:
    return detail.get("events", detail.get("track"))


def _show(db: Path, year: str) -> dict:
    result = run(db, "calendar", "show", "--year", year, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_show_an_unknown_year_lists_the_fixed_holidays_on_weekdays(office):
    """2027 unknown: 元旦 Fri 1-1, 除夕 Fri 2-5, 初三 Mon 2-8, 清明 Mon 4-5, 端午 Wed 6-9, 中秋 Wed 9-15 and
    Fri 10-1 fall on weekdays (初一, 初二, 5-1, 5-2, 10-2, 10-3 fall on weekends); no make-up days."""
    db, _codes = office
    assert _show(db, "2027") == {
        "year": 2027, "known": False, "workdays": [],
        "holidays": ["2027-01-01", "2027-02-05", "2027-02-08", "2027-04-05", "2027-06-09", "2027-09-15",
                     "2027-10-01"]}
    known = _show(db, "2026")
    assert known["known"] is True
    assert "2026-10-07" in known["holidays"] and "2026-10-10" in known["workdays"]  # National Day week


def test_the_provisional_deadlines_before_any_change(office):
    """Minor of Wed 12-30 → Tue 2027-01-05 (元旦 rests); major of Wed 1-27 → Fri 2027-02-19 (除夕, 初三 rest)."""
    db, (minor, major) = office
    assert (_case(db, minor)["due_at"], _case(db, minor)["provisional"]) == ("2027-01-05 23:59:59", True)
    assert (_case(db, major)["due_at"], _case(db, major)["provisional"]) == ("2027-02-19 23:59:59", True)


def test_set_a_day_re_reckons_the_deadline_that_counts_it(office):
    """Mon 2027-01-04 made a holiday: the minor case of 12-30 moves to Wed 01-06, still provisional, with a
    ledger event; the major case of 1-27 does not count that day and keeps 02-19 with no event."""
    db, (minor, major) = office
    result = run(db, "calendar", "set", "2027-01-04", "holiday", "--note", "元旦补休", "--at", "2026-11-28 10:00")
    assert result.returncode == 0, result.stderr
    assert f"{minor}：2027-01-05 24:00 → 2027-01-06 24:00（暂算）" in result.stdout
    detail = _case(db, minor)
    assert (detail["due_at"], detail["provisional"]) == ("2027-01-06 23:59:59", True)
    (event,) = [e for e in _events(detail) if e["action"] == "deadline_rereckoned"]
    assert "2027-01-05 24:00 → 2027-01-06 24:00" in event["note"]
    assert not [e for e in _events(_case(db, major)) if e["action"] == "deadline_rereckoned"]
    assert _show(db, "2027")["holidays"][:2] == ["2027-01-01", "2027-01-04"]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_import_next_years_schedule_re_reckons_and_ends_provisional(office, tmp_path, kind):
    """With the made-up schedule: minor 12-31, (1-1, 1-4), 1-5, 1-6 → 01-06; major 1-28, 1-29, 2-1..2-4, (2-5..2-11),
    2-12, 2-15..2-19, Sat 2-20, 2-22, 2-23 → 02-23; neither provisional now."""
    db, (minor, major) = office
    result = run(db, "calendar", "import", str(_schedule_file(tmp_path, kind, SCHEDULE)))
    assert result.returncode == 0, result.stderr
    assert "已导入并确认 2027 年" in result.stdout and "2 件工单" in result.stdout
    assert (_case(db, minor)["due_at"], _case(db, minor)["provisional"]) == ("2027-01-06 23:59:59", False)
    assert (_case(db, major)["due_at"], _case(db, major)["provisional"]) == ("2027-02-23 23:59:59", False)
    for code in (minor, major):
        (event,) = [e for e in _events(_case(db, code)) if e["action"] == "deadline_rereckoned"]
        assert "不再是暂算" in event["note"]
    assert run(db, "audit-verify").returncode == 0  # the events written in bulk hold the hash chain
    assert _show(db, "2027") == {
        "year": 2027, "known": True, "workdays": ["2027-02-20"],
        "holidays": ["2027-01-01", "2027-01-04", "2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10",
                     "2027-02-11"]}


def _schedule_file(folder: Path, kind: str, rows) -> Path:
    path = folder / f"2027年节假日安排.{kind}"
    if kind == "csv":
        path.write_text("\n".join(",".join(row) for row in rows), encoding="utf-8")
    else:
        book = Workbook()
        for row in rows:
            book.active.append(list(row))
        book.save(path)
    return path


def _unchanged(db: Path, codes: list[str]) -> None:
    assert _show(db, "2027")["known"] is False and _show(db, "2027")["holidays"][1] == "2027-02-05"
    assert [_case(db, c)["due_at"] for c in codes] == ["2027-01-05 23:59:59", "2027-02-19 23:59:59"]
    assert all(e["action"] != "deadline_rereckoned" for c in codes for e in _events(_case(db, c)))


def test_a_clerk_is_refused_and_nothing_is_written(office, tmp_path):
    db, codes = office
    for args in (("set", "2027-01-04", "holiday"), ("import", str(_schedule_file(tmp_path, "csv", SCHEDULE)))):
        result = run(db, "calendar", *args, operator=CLERK)
        assert result.returncode == 1 and "无权修改工作日历" in result.stderr, result.stderr
    _unchanged(db, codes)


@pytest.mark.parametrize(("args", "message"), [
    (("show", "--year", "27"), "年份“27”不对"),
    (("show", "--year", "2100"), "1990 至 2099"),
    (("set", "2027-02-30", "holiday"), "日期“2027-02-30”不对"),
    (("set", "2027-01-04", "rest"), "无效的选项"),
    (("set", "2100-01-04", "holiday"), "1990 至 2099"),
    (("import", "没有这个文件.csv"), "找不到文件"),
    (("import", "日程.txt"), "不是 .xlsx 或 .csv 文件"),
])
def test_bad_arguments_are_refused_in_chinese(office, args, message):
    db, codes = office
    result = run(db, "calendar", *args)
    assert result.returncode == 1 and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    _unchanged(db, codes)


@pytest.mark.parametrize(("rows", "message"), [
    ([*SCHEDULE, ("2027-13-01", "放假")], "第 12 行的日期“2027-13-01”看不懂"),
    ([*SCHEDULE, ("2027-03-01", "停电")], "第 12 行的“停电”应为“放假”或“上班”"),
    ([*SCHEDULE, ("2027-01-01", "上班")], "既写了放假又写了上班"),
    ([("日期", "类型")], "没有找到日期"),
])
def test_a_bad_schedule_is_refused_whole(office, tmp_path, rows, message):
    """A bad row anywhere refuses the whole file: no day, no year, no deadline moved."""
    db, codes = office
    result = run(db, "calendar", "import", str(_schedule_file(tmp_path, "csv", rows)))
    assert result.returncode == 1 and message in result.stderr, result.stderr
    _unchanged(db, codes)


def test_a_damaged_workbook_is_refused(office, tmp_path):
    db, codes = office
    path = tmp_path / "安排.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    result = run(db, "calendar", "import", str(path))
    assert result.returncode == 1 and "不是完好的 Excel 工作簿" in result.stderr, result.stderr
    _unchanged(db, codes)
