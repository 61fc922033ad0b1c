"""The escalation ladder replayed day by day on the 2026 calendar, working days only (issue 15).

The ladder now works on working days only: a run on a rest day produces nothing and a rung due then is
taken on the next working day, so the moments below moved off the National Day holiday and its weekends.
"""

import json
import subprocess
import sys
from datetime import date, datetime, timedelta
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


CITY = "邵阳市城市管理和综合执法局"
POWER, HOUSING, STREET, ECO = "国网邵阳供电公司", "邵阳市住房和城乡建设局", "双清区龙须塘街道办事处", "邵阳市生态环境局"
HEADER = ["工单编号", "标题", "问题分类", "受理时间", "派单时间", "承办单位", "协办单位", "分级", "签收时间",
          "答复时间", "办理状态"]


def _case_list(path, rows):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_an_imported_case_list_replayed_across_the_autumn_and_into_2027(database, operator, admin, tmp_path):
    """A platform list imported, then the ladder, the board and the ledger replayed day by day (issue 15).

    Every expectation is reckoned by hand from DESIGN.md's rules on the 2026 official calendar: 10-01 to
    10-07 rest (National Day), Sat 10-10 a make-up working day, every other Saturday and Sunday a rest day.
    Limits: minor 3, moderate 7 working days after the dispatch date (to 24:00); the office's own, dispatch
    within 1 and the check within 3 working days of the day its work began; yellow from 75% of the clock
    time, orange once due, red more than 7 natural days after; rounds 5 working days apart.
    """
    from wzdesk.board.counts import board_counts
    from wzdesk.board.office import OFFICE_ROW, office_overdue
    from wzdesk.cases import calendar_changes
    from wzdesk.cases.duties import step_states
    from wzdesk.cases.handovers import handover_counts
    from wzdesk.exchange.importer import apply_import, plan_import
    from wzdesk.ledger import queries
    from wzdesk.models import CaseEvent, Category, Department

    _case_list(tmp_path / "平台清单.xlsx", [
        # P-1 minor, no response: due 10-08, 10-09, Sat 10-10 → 24:00 10-10; 24 h to respond end 10-01 09:00.
        ["P-1", "路灯不亮", None, "2026-09-30 08:00", "2026-09-30 09:00", POWER, "", "小", None, None, "已派单"],
        # P-2 moderate, two departments: due 09, 10, 12, 13, 14, 15, 16 → 24:00 10-16; the co-department
        # silent three days, to Sun 10-11 09:00: coordination taken Mon 10-12. 75% of 207 h: 10-14 20:15.
        ["P-2", "老旧小区改造", None, "2026-10-08 08:00", "2026-10-08 09:00", HOUSING, STREET, "中",
         "2026-10-08 10:00", None, "办理中"],
        # P-3 minor: due 13, 14, 15 → 24:00 10-15; 75% of 87 h: 10-15 02:15.
        ["P-3", "噪音扰民", None, "2026-10-12 08:00", "2026-10-12 09:00", ECO, "", "小", "2026-10-12 09:30", None,
         "已签收"],
        # P-4 replied 10-12 10:00, held by the office: its check due 13, 14, 15 → 24:00 10-15; 75% of 86 h:
        # 10-15 02:30. The department's own limit (Sat 10-10, 12, 13 → 24:00 10-13) no longer counts.
        ["P-4", "井盖破损", None, "2026-10-09 08:00", "2026-10-09 09:00", CITY, "", "小", "2026-10-09 10:00",
         "2026-10-12 10:00", "已答复"],
        # P-5 a noise case, dispatched 10:50, reassigned by the office at 11:10, returned at 11:35.
        ["P-5", "夜间施工噪音", "噪音扰民", "2026-10-12 10:00", "2026-10-12 10:50", CITY, "", "小", None, None,
         "已派单"],
    ])
    apply_import(plan_import(tmp_path / "平台清单.xlsx"), datetime(2026, 10, 12, 11, 0), operator)
    p5 = Case.get(Case.code == "P-5")
    assert p5.category_id == Category.get(Category.name == "噪音扰民").id
    eco = Department.get(Department.name == ECO)
    lifecycle.reassign(p5, eco, "属生态环境局职责", datetime(2026, 10, 12, 11, 10), operator)
    lifecycle.return_case(Case.get_by_id(p5.id), "施工许可属住建部门", datetime(2026, 10, 12, 11, 35), operator)

    def colours(at):
        return {case.code: case.colour for case in queries.case_rows(queries.CaseFilter(), at)}

    def department_rows(at):
        board = board_counts(at)
        return {name: {c: n for c, n in row.items() if n} for name, row in board.items() if any(row.values())}

    # Mon 10-12 12:00. P-5, returned at 11:35, is due for dispatch at 24:00 10-13 (75% of 36 h 25 min: 10-13
    # 14:53:45): green in the office's row, like P-4.
    day1 = datetime(2026, 10, 12, 12, 0)
    assert sorted(steps(run_ladder(day1, operator))) == [
        ("P-1", "reminder_letter"),  # no response since 09-30 09:00
        ("P-2", "leader_coordination"),  # co-department silent three days after 10-08 09:00
    ]
    board = board_counts(day1)
    assert board["国网邵阳供电公司"]["orange"] == 1  # due 24:00 10-10 (make-up Saturday), 1.5 days late
    assert board["邵阳市生态环境局"]["green"] == 1
    assert department_rows(day1) == {POWER: {"orange": 1}, HOUSING: {"green": 1}, ECO: {"green": 1},
                                     OFFICE_ROW: {"green": 2}}
    assert colours(day1) == {"P-1": "orange", "P-2": "green", "P-3": "green", "P-4": "green", "P-5": "green"}

    # Thu 10-15 12:00: P-2, P-3 and the office's P-4 past 75%; P-5 past its 24:00 10-13.
    thursday = datetime(2026, 10, 15, 12, 0)
    assert run_ladder(thursday, operator) == []
    assert colours(thursday) == {"P-1": "orange", "P-2": "yellow", "P-3": "yellow", "P-4": "yellow", "P-5": "orange"}
    assert department_rows(thursday) == {POWER: {"orange": 1}, HOUSING: {"yellow": 1}, ECO: {"yellow": 1},
                                         OFFICE_ROW: {"yellow": 1, "orange": 1}}
    assert [t.code for t in office_overdue(thursday)] == ["P-5"]

    # Sat 10-17 and Sun 10-18: rest days, nothing. P-1 is more than 7 days past 24:00 10-10 from 10-18 00:00;
    # the listing is taken on Monday 10-19.
    assert run_ladder(datetime(2026, 10, 17, 10, 0), operator) == []
    assert run_ladder(datetime(2026, 10, 18, 9, 0), operator) == []
    day2 = datetime(2026, 10, 19, 9, 0)
    assert steps(run_ladder(day2, operator)) == [("P-1", "supervision_list"), ("P-1", "supervision_letter")]
    assert board_counts(day2)["国网邵阳供电公司"]["red"] == 1
    assert run_ladder(day2, operator) == []
    assert colours(day2) == {"P-1": "red", "P-2": "orange", "P-3": "orange", "P-4": "orange", "P-5": "orange"}

    # Fri 10-23: P-3 more than 7 days past 24:00 10-15 (from 10-23 00:00); P-4 and P-5 red in the office's row
    # (24:00 10-15 and 10-13 long past), and no letter goes to their departments.
    friday = datetime(2026, 10, 23, 9, 0)
    assert steps(run_ladder(friday, operator)) == [("P-3", "supervision_list"), ("P-3", "supervision_letter")]
    assert department_rows(friday)[OFFICE_ROW] == {"red": 2}
    # Sat 10-24: P-2 is more than 7 days past 24:00 10-16 from 10-24 00:00, but a Saturday run does nothing.
    assert run_ladder(datetime(2026, 10, 24, 9, 0), operator) == []
    assert steps(run_ladder(datetime(2026, 10, 26, 9, 0), operator)) == [
        ("P-2", "supervision_list"), ("P-2", "supervision_letter")]
    # P-1's second round: 5 working days after Mon 10-19: 20, 21, 22, 23, 26 → 24:00 10-26, taken Tue 10-27.
    assert steps(run_ladder(datetime(2026, 10, 27, 9, 0), operator)) == [("P-1", "interview")]
    issued = sorted((n.kind, n.issued_on.isoformat()) for n in Notice.select())
    assert [day for _kind, day in issued] == ["2026-10-12", "2026-10-27", "2026-10-12", "2026-10-19", "2026-10-23",
                                              "2026-10-26"], issued  # every one on a working day
    assert [kind for kind, _day in issued] == ["coordination", "interview_notice", "reminder_letter",
                                               "supervision_letter", "supervision_letter", "supervision_letter"]
    assert not LadderStep.select().where(LadderStep.case.in_([Case.get(Case.code == c).id for c in ("P-4", "P-5")])
                                         ).exists()

    # The return after 25 minutes: the bureau's steps (owed from the reassignment at 11:10, 联系反映人 within
    # 1 hour) closed as 退回, no breach. (An imported dispatch opens no duty steps: the list does not say
    # which the department took, so the city bureau owed none.)
    states = {(row.step.name, row.department.name, state)
              for row, state in step_states(Case.get_by_id(p5.id), day2)}
    assert states == {("联系反映人", ECO, "退回"), ("上门测量分贝", ECO, "退回"), ("出具书面处理决定", ECO, "退回")}
    assert CaseEvent.select().where(CaseEvent.action == "duty_breach").count() == 0
    counts = handover_counts(datetime(2026, 10, 1), datetime(2026, 11, 1))
    assert counts[eco.id] == {"returned": 1, "reassigned": 0}
    assert counts[Department.get(Department.name == CITY).id] == {"returned": 0, "reassigned": 1}

    # Wed 2026-12-30: next year's schedule is not yet entered. P-6 minor, dispatched 10:00: 12-31, (1-1 元旦),
    # Mon 1-4, Tue 1-5 → 24:00 2027-01-05, provisional.
    _case_list(tmp_path / "年末清单.xlsx", [
        ["P-6", "路灯不亮", None, "2026-12-30 09:00", "2026-12-30 10:00", POWER, "", "小", "2026-12-30 11:00", None,
         "办理中"]])
    apply_import(plan_import(tmp_path / "年末清单.xlsx"), datetime(2026, 12, 30, 18, 0), operator)
    p6 = Case.get(Case.code == "P-6")
    assert (p6.due_at, p6.due_provisional) == (datetime(2027, 1, 5, 23, 59, 59), True)

    # The office sets Mon 2027-01-04 a holiday: P-6 re-reckoned at once, 12-31, 1-5, 1-6 → 24:00 2027-01-06,
    # still provisional until the year is confirmed; nothing else moves (every other deadline is earlier).
    moved = calendar_changes.set_day(date(2027, 1, 4), False, "元旦", admin, datetime(2026, 12, 31, 9, 0))
    assert [(m.code, m.new_due) for m in moved] == [("P-6", datetime(2027, 1, 6, 23, 59, 59))]
    (event,) = CaseEvent.select().where(CaseEvent.case == p6.id, CaseEvent.action == "deadline_rereckoned")
    assert "2027-01-05 24:00 → 2027-01-06 24:00" in event.note
    # 元旦 entered as the holiday the provisional rule already took it for: nothing moves; then the year is
    # confirmed, and with it P-6's deadline is no longer provisional (12-31, 1-5, 1-6 on the entered days).
    assert calendar_changes.set_day(date(2027, 1, 1), False, "元旦", admin, datetime(2026, 12, 31, 9, 30)) == []
    calendar_changes.confirm_year(2027, datetime(2026, 12, 31, 10, 0), admin)
    p6 = Case.get_by_id(p6.id)
    assert (p6.due_at, p6.due_provisional) == (datetime(2027, 1, 6, 23, 59, 59), False)
    # From 12-30 10:00 to 2027-01-07 00:00 is 182 h; 75% of it is 136.5 h later: 2027-01-05 02:30.
    assert p6.warn_at == datetime(2027, 1, 5, 2, 30)
    assert colours(datetime(2027, 1, 5, 2, 29))["P-6"] == "green"
    assert colours(datetime(2027, 1, 6, 12, 0))["P-6"] == "yellow"
    assert colours(datetime(2027, 1, 7, 0, 1))["P-6"] == "orange"
    # Sat 2027-01-09 is a rest day: P-6 is late, P-1..P-3 long on the list, yet the run produces nothing.
    assert run_ladder(datetime(2027, 1, 9, 9, 0), operator) == []
