"""今日督办 lists the major cases' follow-ups and the meeting decisions due today or overdue."""

from datetime import datetime

from wzdesk.cases import lifecycle
from wzdesk.supervision.ladder import run_ladder
from wzdesk.ui.app import make_application
from wzdesk.ui.pages.today import TodayPage


def _page(qtbot, operator, now: datetime) -> TodayPage:
    make_application()
    page = TodayPage(lambda: now, lambda: operator)
    qtbot.addWidget(page)
    page.reload()
    return page


def _tops(page: TodayPage) -> dict[str, list[list[str]]]:
    model = page.tree.model()
    tops = [model.index(i, 0) for i in range(model.rowCount())]
    return {top.data(): [[model.index(j, c, top).data() for c in range(3)] for j in range(model.rowCount(top))]
            for top in tops}


def test_a_major_case_follow_up_due_today_and_one_overdue(qtbot, operator, departments):
    # Dispatched Mon 09-14: entry 1 due at the end of Sun 09-20 (make-up day), entry 2 of Mon 09-28.
    case = lifecycle.intake({"title": "二次供水改造", "grade": "major"}, datetime(2026, 9, 14, 8, 0), operator)
    lifecycle.dispatch(case, departments[0], datetime(2026, 9, 14, 9, 0), operator)
    run_ladder(datetime(2026, 9, 21, 9, 0), operator)
    page = _page(qtbot, operator, datetime(2026, 9, 28, 9, 0))
    rows = _tops(page)["今日到期的跟进和协调事项"]
    name = departments[0].name
    assert rows == [[case.code, f"重大件跟进：第1次跟进（{name}）", "已超期，应于 09-20 前"],
                    [case.code, f"重大件跟进：第2次跟进（{name}）", "今日到期，应于 09-28 前"]]


def test_nothing_due_adds_no_group(qtbot, operator, departments):
    page = _page(qtbot, operator, datetime(2026, 9, 28, 9, 0))
    assert "今日到期的跟进和协调事项" not in _tops(page)
