"""The 督办清单 as a view: round, next round due (working days) and documents, in core, command and ledger.

Dates reckoned by hand from the 2026 official calendar: Sun 09-20 and Sat 10-10 are make-up working
days, Fri 09-25 is 中秋 (09-25..27 rest), 10-01..10-07 is the National Day holiday.
"""

import json
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

from wzdesk.cases import lifecycle
from wzdesk.ledger import view
from wzdesk.ledger.printout import describe
from wzdesk.ledger.view import LedgerFilter, LedgerSort
from wzdesk.models import Case
from wzdesk.office.database import close_database
from wzdesk.supervision.ladder import run_ladder
from wzdesk.supervision.supervision_list import supervised_cases

ROOT = Path(__file__).resolve().parents[2]


def _accepted(title, dept, at, operator) -> Case:
    case = lifecycle.intake({"title": title, "petitioner_phone": "13812345678"}, at - timedelta(hours=1), operator)
    lifecycle.dispatch(case, dept, at, operator)
    lifecycle.accept(case, at + timedelta(hours=1), operator)
    return Case.get_by_id(case.id)


def _replay(operator, departments) -> dict[str, Case]:
    """Mon 09-07 09:00, minor: due 24:00 09-10; listed Fri 09-18 (letter), interview Mon 09-28."""
    late = _accepted("垃圾满溢", departments[1], datetime(2026, 9, 7, 9, 0), operator)
    answered = _accepted("井盖缺失", departments[0], datetime(2026, 9, 7, 10, 0), operator)
    # Fri 09-18 09:00, minor: Sun 20 (make-up), 21, 22 → due 24:00 09-22; not 7 days past it on 09-28.
    _accepted("路灯不亮", departments[2], datetime(2026, 9, 18, 9, 0), operator)
    run_ladder(datetime(2026, 9, 18, 9, 0), operator)
    lifecycle.reply(Case.get_by_id(answered.id), "已补装井盖", datetime(2026, 9, 22, 15, 0), operator)
    run_ladder(datetime(2026, 9, 28, 8, 0), operator)
    return {"late": late, "answered": answered}


def test_the_list_gives_round_next_round_due_and_documents(operator, departments):
    cases = _replay(operator, departments)
    rows = {row.case.code: row for row in supervised_cases(datetime(2026, 9, 28, 10, 0))}
    assert list(rows) == [cases["late"].code, cases["answered"].code]
    late = rows[cases["late"].code]
    # After the interview of Mon 09-28: Tue 29, Wed 30, (10-01..07 rest) Thu 10-08, Fri 09, Sat 10 (make-up).
    assert late.round == 2 and late.next_round_due == datetime(2026, 10, 11, 0, 0)
    assert late.documents == ["邵问督函〔2026〕1号", "邵问督约〔2026〕1号"]
    answered = rows[cases["answered"].code]
    # Replied on 09-22, the office holds it: no round falls due for the department.
    assert answered.round == 1 and answered.next_round_due is None
    assert answered.documents == ["邵问督函〔2026〕2号"]


def test_before_the_second_round_the_next_one_is_due_over_mid_autumn(operator, departments):
    late = _accepted("垃圾满溢", departments[1], datetime(2026, 9, 7, 9, 0), operator)
    run_ladder(datetime(2026, 9, 18, 9, 0), operator)
    (row,) = supervised_cases(datetime(2026, 9, 18, 10, 0))
    # Listed Fri 09-18: Sun 20 (make-up), Mon 21, 22, 23, Thu 24 → 24:00 09-24.
    assert row.case.code == late.code and row.round == 1 and row.next_round_due == datetime(2026, 9, 25, 0, 0)


def test_a_closed_case_leaves_the_list_and_the_ledger_filter_matches_it(operator, departments):
    cases = _replay(operator, departments)
    answered = Case.get_by_id(cases["answered"].id)
    lifecycle.rate(answered, "satisfied", datetime(2026, 9, 29, 9, 0), operator)
    lifecycle.close(Case.get_by_id(answered.id), datetime(2026, 9, 29, 10, 0), operator)
    at = datetime(2026, 9, 29, 11, 0)
    assert [row.case.code for row in supervised_cases(at)] == [cases["late"].code]
    flt = LedgerFilter(supervised_only=True)
    assert view.count(flt, at) == 1
    assert [row.code for row in view.page(flt, LedgerSort(), at)] == [cases["late"].code]
    assert describe(flt) == "督办清单"


def test_cases_supervised_on_the_command_line(operator, departments, database):
    cases = _replay(operator, departments)
    close_database()
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(database), "cases", "--supervised",
                             "--json", "--at", "2026-09-28 10:00"], capture_output=True, text=True, encoding="utf-8",
                            timeout=120)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["code"] for r in rows] == [cases["late"].code, cases["answered"].code]
    assert set(rows[0]) == {"code", "title", "status", "grade", "lead_department", "dispatched_at", "due_at",
                            "colour", "round", "next_round_due", "documents"}
    assert rows[0]["round"] == 2 and rows[0]["next_round_due"] == "2026-10-11 00:00:00"
    assert rows[0]["documents"] == ["邵问督函〔2026〕1号", "邵问督约〔2026〕1号"] and rows[0]["colour"] == "red"
    assert rows[1]["next_round_due"] is None and rows[1]["status"] == "replied"
    text = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(database), "cases", "--supervised",
                           "--at", "2026-09-28 10:00"], capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert "第2轮" in text.stdout and "邵问督约〔2026〕1号" in text.stdout
