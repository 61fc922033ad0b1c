"""The case pane's remaining working days: a 3-working-day case dispatched today has 3 left."""

from datetime import datetime

from wzdesk.cases import lifecycle
from wzdesk.ledger.tracking import deadline_line
from wzdesk.models import Department
from wzdesk.office.workcalendar import WorkCalendar

THU = datetime(2026, 10, 8, 9, 0)  # DESIGN.md's example: due end of Mon 2026-10-12 (Sat 10-10 is a make-up day)


def _dispatched(operator):
    dept = Department.create(name="邵阳市城市管理和综合执法局")
    case = lifecycle.intake({"title": "红旗路路灯不亮"}, THU, operator)
    return lifecycle.dispatch(case, dept, THU, operator)


def test_a_minor_case_dispatched_today_has_three_working_days_left(operator):
    case = _dispatched(operator)
    cal = WorkCalendar.from_db()
    assert f"{case.due_at:%Y-%m-%d}" == "2026-10-12"
    assert deadline_line(case, THU.replace(minute=5), cal).endswith("剩余 3 个工作日")
    # Fri 10-09, Sat 10-10 (worked), Mon 10-12: one day passes with each working day
    assert deadline_line(case, datetime(2026, 10, 9, 10, 0), cal).endswith("剩余 2 个工作日")
    assert deadline_line(case, datetime(2026, 10, 10, 10, 0), cal).endswith("剩余 1 个工作日")
    assert deadline_line(case, datetime(2026, 10, 11, 10, 0), cal).endswith("剩余 1 个工作日")  # Sunday: rest
    assert deadline_line(case, datetime(2026, 10, 12, 10, 0), cal).endswith("今日 24:00 到期")
    assert "已超期" in deadline_line(case, datetime(2026, 10, 13, 10, 0), cal)
