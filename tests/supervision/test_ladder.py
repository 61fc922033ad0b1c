"""The escalation ladder replayed day by day on the 2026 calendar, working days only (issue 15).

The ladder now works on working days only: a run on a rest day produces nothing and a rung due then is
taken on the next working day, so the moments below moved off the National Day holiday and its weekends.
"""

import json
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from wzdesk.cases import lifecycle
from wzdesk.models import Case, Interview, LadderStep, Notice
from wzdesk.supervision.ladder import produced_on, run_ladder

DISPATCH = datetime(2026, 10, 12, 9, 0)  # Mon; minor: 10-13, 10-14, 10-15 → due 24:00 Thu 10-15


def steps(produced):
    return [(p.case, p.step) for p in produced]


@pytest.fixture
def case(operator, departments):
    c = lifecycle.intake({"title": "龙须塘社区垃圾桶满溢"}, DISPATCH - timedelta(hours=1), operator)
    return lifecycle.dispatch(c, departments[0], DISPATCH, operator)


def test_reminder_letter_after_24_hours_without_response(case, operator):
    assert run_ladder(DISPATCH + timedelta(hours=24), operator) == []
    produced = run_ladder(DISPATCH + timedelta(hours=24, minutes=1), operator)
    assert [(p.step, p.document) for p in produced] == [("reminder_letter", "邵问督提〔2026〕1号")]
    assert run_ladder(DISPATCH + timedelta(hours=24, minutes=1), operator) == []  # idempotent
    assert run_ladder(DISPATCH + timedelta(hours=30), operator) == []  # once per dispatch


def test_response_in_time_means_no_reminder(case, operator):
    lifecycle.accept(case, DISPATCH + timedelta(hours=5), operator)
    assert run_ladder(DISPATCH + timedelta(days=2), operator) == []


def test_replaying_a_past_moment_sees_the_late_response_as_missing(case, operator):
    lifecycle.accept(case, DISPATCH + timedelta(hours=40), operator)
    assert steps(run_ladder(DISPATCH + timedelta(hours=30), operator)) == [(case.code, "reminder_letter")]


def test_supervision_list_and_rounds_five_working_days_apart(case, operator):
    lifecycle.accept(case, DISPATCH + timedelta(hours=2), operator)
    assert run_ladder(datetime(2026, 10, 23, 0, 0), operator) == []  # exactly 7 days past 24:00 10-15
    produced = run_ladder(datetime(2026, 10, 23, 0, 1), operator)
    assert [(p.step, p.document) for p in produced] == [
        ("supervision_list", None), ("supervision_letter", "邵问督函〔2026〕1号")]
    assert Case.get_by_id(case.id).supervised_at == datetime(2026, 10, 23, 0, 1)
    # 5 working days after Fri 10-23: 26 … 30; the interview falls due at 24:00 on Fri 10-30,
    # Sat 10-31 is a rest day, so it is taken on Mon 11-02.
    assert run_ladder(datetime(2026, 10, 30, 23, 59), operator) == []
    assert run_ladder(datetime(2026, 10, 31, 8, 0), operator) == []
    interview = run_ladder(datetime(2026, 11, 2, 8, 0), operator)
    assert [(p.step, p.document) for p in interview] == [("interview", "邵问督约〔2026〕1号")]
    assert Interview.select().count() == 1
    # 5 working days after Mon 11-02: 3, 4, 5, 6, 9; the public notice falls due at 24:00 on Mon 11-09.
    assert run_ladder(datetime(2026, 11, 9, 12, 0), operator) == []
    assert steps(run_ladder(datetime(2026, 11, 10, 9, 0), operator)) == [(case.code, "public_notice")]
    assert run_ladder(datetime(2026, 12, 31, 9, 0), operator) == []  # three rounds at most


def test_closed_case_leaves_the_ladder(case, operator):
    lifecycle.accept(case, DISPATCH + timedelta(hours=2), operator)
    run_ladder(datetime(2026, 10, 19, 9, 0), operator)
    lifecycle.reply(case, "已清运并拍照", datetime(2026, 10, 20, 9, 0), operator)
    lifecycle.rate(case, "satisfied", datetime(2026, 10, 20, 10, 0), operator)
    lifecycle.close(case, datetime(2026, 10, 20, 11, 0), operator)
    assert run_ladder(datetime(2026, 11, 30, 9, 0), operator) == []


def test_leader_coordination_without_joint_action(operator, departments):
    lead, co, _ = departments
    case = lifecycle.intake({"title": "老旧小区改造"}, DISPATCH, operator)
    lifecycle.dispatch(case, lead, DISPATCH, operator, co_departments=[co])
    lifecycle.accept(case, DISPATCH + timedelta(hours=1), operator)
    lifecycle.progress(case, "牵头单位到场", DISPATCH + timedelta(hours=2), operator)  # the lead alone
    assert run_ladder(DISPATCH + timedelta(days=3), operator) == []
    assert steps(run_ladder(DISPATCH + timedelta(days=3, minutes=1), operator)) == [
        (case.code, "leader_coordination")]


def test_co_department_action_within_three_days_counts_as_joint(operator, departments):
    lead, co, _ = departments
    case = lifecycle.intake({"title": "老旧小区改造"}, DISPATCH, operator)
    lifecycle.dispatch(case, lead, DISPATCH, operator, co_departments=[co])
    lifecycle.accept(case, DISPATCH + timedelta(hours=1), operator)
    lifecycle.progress(case, "协办单位到场配合", DISPATCH + timedelta(days=2), operator, department=co)
    assert run_ladder(DISPATCH + timedelta(days=4), operator) == []


def test_one_letter_per_department_covers_its_cases(operator, departments):
    codes = []
    for n in range(2):
        c = lifecycle.intake({"title": f"路灯不亮{n}"}, DISPATCH, operator)
        codes.append(lifecycle.dispatch(c, departments[1], DISPATCH, operator).code)
    produced = run_ladder(DISPATCH + timedelta(days=1, hours=1), operator)
    assert {p.document for p in produced} == {"邵问督提〔2026〕1号"}
    notice = Notice.get()
    assert sorted(link.case.code for link in notice.case_links) == sorted(codes)
    assert len(produced_on(DISPATCH.date() + timedelta(days=1))) == 2


def test_redispatch_restarts_the_ladder_for_the_new_department(case, operator, departments):
    run_ladder(DISPATCH + timedelta(hours=25), operator)
    lifecycle.reassign(case, departments[2], "属街道职责", datetime(2026, 10, 14, 9, 0), operator)
    produced = run_ladder(datetime(2026, 10, 15, 9, 30), operator)
    assert [(p.step, p.document) for p in produced] == [("reminder_letter", "邵问督提〔2026〕2号")]
    assert LadderStep.select().where(LadderStep.department == departments[2].id).count() == 1


def test_overlapping_runs_produce_each_rung_once_with_no_gaps(tmp_path):
    root = Path(__file__).resolve().parents[2]
    db = tmp_path / "并发.sqlite"
    base = [sys.executable, str(root / "main.py"), "--db", str(db)]
    subprocess.run([*base, "demo", "--cases", "800", "--at", "2026-11-20 10:00"], check=True, capture_output=True)
    runs = [subprocess.Popen([*base, "escalate", "--at", "2026-11-20 10:00", "--json"], stdout=subprocess.PIPE,
                             text=True, encoding="utf-8") for _ in range(2)]
    produced = [p for run in runs for p in json.loads(run.communicate(timeout=300)[0])["produced"]]
    assert all(run.returncode == 0 for run in runs)
    keys = [(p["case"], p["step"]) for p in produced]
    assert keys and len(keys) == len(set(keys))
    import sqlite3

    con = sqlite3.connect(db)
    for kind, n, top in con.execute(
            "SELECT kind, count(*), max(number) FROM notice WHERE kind != 'interview_notice' GROUP BY kind"):
        assert n == top, kind  # numbers 1..n: no gaps, no reuse
    assert con.execute("SELECT count(*) FROM ladder_step").fetchone()[0] == len(keys)
    con.close()


def test_a_run_for_one_case_leaves_the_others_alone(operator, departments):
    cases = [lifecycle.dispatch(lifecycle.intake({"title": f"噪音{n}"}, DISPATCH, operator), departments[0],
                                DISPATCH, operator) for n in range(2)]
    produced = run_ladder(DISPATCH + timedelta(days=1, hours=1), operator, case_ids=[cases[1].id])
    assert steps(produced) == [(cases[1].code, "reminder_letter")]
    assert steps(run_ladder(DISPATCH + timedelta(days=1, hours=1), operator)) == [(cases[0].code, "reminder_letter")]


def test_an_imported_case_list_replayed_on_two_days(database, operator, tmp_path):
    """A platform list imported, then the ladder and board on two mornings: the rungs the rules imply."""
    import openpyxl

    from wzdesk.board.counts import board_counts
    from wzdesk.exchange.importer import apply_import, plan_import

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["工单编号", "标题", "受理时间", "派单时间", "承办单位", "协办单位", "分级", "签收时间", "办理状态"])
    ws.append(["P-1", "路灯不亮", "2026-09-30 08:00", "2026-09-30 09:00", "国网邵阳供电公司", "", "小", None, "已派单"])
    ws.append(["P-2", "老旧小区改造", "2026-10-08 08:00", "2026-10-08 09:00", "邵阳市住房和城乡建设局",
               "双清区龙须塘街道办事处", "中", "2026-10-08 10:00", "办理中"])
    ws.append(["P-3", "噪音扰民", "2026-10-12 08:00", "2026-10-12 09:00", "邵阳市生态环境局", "", "小",
               "2026-10-12 09:30", "已签收"])
    wb.save(tmp_path / "平台清单.xlsx")
    apply_import(plan_import(tmp_path / "平台清单.xlsx"), datetime(2026, 10, 12, 12, 0), operator)

    day1 = datetime(2026, 10, 12, 12, 0)
    assert sorted(steps(run_ladder(day1, operator))) == [
        ("P-1", "reminder_letter"),  # no response since 09-30 09:00
        ("P-2", "leader_coordination"),  # co-department silent three days after 10-08 09:00
    ]
    board = board_counts(day1)
    assert board["国网邵阳供电公司"]["orange"] == 1  # due 24:00 10-10 (make-up Saturday), 1.5 days late
    assert board["邵阳市生态环境局"]["green"] == 1

    # Sun 10-18: P-1 is more than 7 days past 24:00 10-10, but a run on a rest day produces nothing;
    # the listing is taken on Monday 10-19.
    assert run_ladder(datetime(2026, 10, 18, 9, 0), operator) == []
    day2 = datetime(2026, 10, 19, 9, 0)
    assert steps(run_ladder(day2, operator)) == [("P-1", "supervision_list"), ("P-1", "supervision_letter")]
    assert board_counts(day2)["国网邵阳供电公司"]["red"] == 1
    assert run_ladder(day2, operator) == []
