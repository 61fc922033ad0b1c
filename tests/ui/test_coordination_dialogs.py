"""The coordination meeting and the follow-ups in the window: recorded from the case pane, done from 今日督办.

Dates as in tests/supervision/test_coordination.py, reckoned by hand: dispatched Thu 2026-10-08 09:00 with a
co-department that does nothing, the coordination notice goes out Mon 10-12; a major case dispatched then
owes its first follow-up by the 5th working day after 10-08: 09, Sat 10 (make-up), 12, 13, 14 → 24:00 10-14.
"""

from datetime import date, datetime

from PySide6.QtCore import QDate

from tests.ui.conftest import refusal
from wzdesk.cases import lifecycle
from wzdesk.models import CaseEvent, FollowUp, MeetingDecision
from wzdesk.supervision.ladder import run_ladder
from wzdesk.ui.app import make_application
from wzdesk.ui.pages.today import TodayPage
from wzdesk.ui.widgets.case_pane import CasePane

DISPATCH = datetime(2026, 10, 8, 9, 0)


def _shared_major(operator, departments):
    case = lifecycle.intake({"title": "老旧小区雨污分流改造", "grade": "major"}, DISPATCH, operator)
    lifecycle.dispatch(case, departments[0], DISPATCH, operator, co_departments=[departments[2]])
    lifecycle.accept(case, datetime(2026, 10, 8, 10, 0), operator)
    steps = [p.step for p in run_ladder(datetime(2026, 10, 12, 9, 0), operator)]
    assert steps == ["leader_coordination"]
    return case


def _pane(qtbot, operator, now):
    make_application()
    pane = CasePane(lambda: now, lambda: operator)
    qtbot.addWidget(pane)
    return pane


def test_the_meeting_is_recorded_and_a_decision_marked_done_from_the_case_pane(qtbot, operator, departments):
    case = _shared_major(operator, departments)
    pane = _pane(qtbot, operator, datetime(2026, 10, 13, 17, 0))
    pane.show_case(case.id)
    assert "coordination_meeting" in pane.offered_actions()
    assert pane.findChild(type(pane.buttons.itemAt(0).widget()), "act_coordination_meeting").isEnabled()

    dialog = pane.open_action("coordination_meeting")
    assert dialog.chair.text() == "副局长刘志明"
    dialog.accept()
    assert "参会" in refusal(dialog) and dialog.isVisible()
    dialog.held.setDate(QDate(2026, 10, 13))
    dialog.attendees.setText("市城管执法局、龙须塘街道办事处")
    dialog.decisions.item(0, 0).setText("街道办完成入户摸排")
    dialog.decisions.cellWidget(0, 1).setDate(QDate(2026, 10, 17))  # a Saturday: due Mon 10-19
    row = dialog.add_decision("牵头单位拿出改造方案", date(2026, 10, 23))
    assert row == 3 and dialog.filled_decisions()[1] == ("牵头单位拿出改造方案", date(2026, 10, 23))
    dialog.accept()
    assert not dialog.isVisible() and dialog.refusal == ""
    first, second = MeetingDecision.select().order_by(MeetingDecision.id)
    assert (first.content, first.due_on, first.due_at) == ("街道办完成入户摸排", date(2026, 10, 17),
                                                           datetime(2026, 10, 19, 23, 59, 59))
    assert second.due_at == datetime(2026, 10, 23, 23, 59, 59)
    assert "owed_done" in pane.offered_actions()

    done = pane.open_action("owed_done")
    labels = [done.items.itemText(i) for i in range(done.items.count())]
    assert labels == ["第1次跟进（应于 10-14 前，待办）", "街道办完成入户摸排（应于 10-19 前，待办）",
                      "牵头单位拿出改造方案（应于 10-23 前，待办）"]
    done.choose("decision", first.id)
    done.note.setPlainText("已摸排 126 户")
    done.accept()
    assert not done.isVisible()
    assert MeetingDecision.get_by_id(first.id).done_at == datetime(2026, 10, 13, 17, 0)
    assert CaseEvent.select().where(CaseEvent.case == case.id, CaseEvent.action == "decision_done").count() == 1


def test_a_follow_up_row_of_today_opens_its_dialog_and_is_marked_done(qtbot, operator, departments):
    case = _shared_major(operator, departments)
    make_application()
    page = TodayPage(lambda: datetime(2026, 10, 14, 9, 0), lambda: operator)
    qtbot.addWidget(page)
    page.reload()
    group = page.group_index("今日到期的跟进和协调事项")
    row = page.model.index(0, 0, group)
    assert (row.data(), row.siblingAtColumn(2).data()) == (case.code, "今日到期，应于 10-14 前")
    assert page.open_owed(group) is None  # the group's own row is no item
    dialog = page.open_owed(row)
    assert dialog.items.currentText() == "第1次跟进（应于 10-14 前，待办）"
    dialog.accept()
    assert "跟进情况" in refusal(dialog)
    dialog.note.setPlainText("管网改造招标中")
    with qtbot.waitSignal(page.ladder_ran, timeout=2000):
        dialog.accept()
    entry = FollowUp.get(FollowUp.case == case.id, FollowUp.seq == 1)
    assert (entry.done_at, entry.note) == (datetime(2026, 10, 14, 9, 0), "管网改造招标中")
    assert not page.group_index("今日到期的跟进和协调事项").isValid()
