"""Every page follows other desks (issue 24): a second connection writes, the page in view shows it within a
few seconds — by PostgreSQL's NOTIFY, or SQLite's data version — with the clerk's selection, scroll and a
half-filled dialog left as they were; when the server's messages stop, the 2-s poll takes over."""

from datetime import timedelta

import pytest
from PySide6.QtWidgets import QProgressDialog

from tests.ui.conftest import NOW
from tests.ui.test_other_desks import at_desk_b
from wzdesk.cases import lifecycle
from wzdesk.citizen import observers
from wzdesk.models import Case
from wzdesk.notices import register as notice_register
from wzdesk.notices import status as notice_status
from wzdesk.office import auth
from wzdesk.office import units as reference_data
from wzdesk.supervision import accountability, interviews
from wzdesk.supervision.ladder import run_ladder
from wzdesk.ui.mainwindow import LIVE_INTERVAL_MS
from wzdesk.vocabulary import NOTICE_STATUS_LABELS

pytestmark = pytest.mark.both_backends
SEEN_WITHIN_MS = LIVE_INTERVAL_MS * 3  # a limit for waiting, not a measure: the poll runs every 2 s


@pytest.fixture
def desk_b(window, admin):
    return auth.create_operator("deskb", "李强", "admin", "desk-b-2026", NOW, by=admin)


def roster_ids(page) -> list[int]:
    return [row.id for row in page.roster_model.rows]


def listening_if_server(window, backend) -> None:
    """On PostgreSQL the window hears the server's messages before the test writes."""
    if backend == "postgresql":
        assert window.live.listener.wait_listening(10)


def test_a_new_observer_at_another_desk_appears_and_the_selected_one_stays(qtbot, window, desk_b, backend):
    """观察员: desk B adds one; the roster shows it, the clerk's row, scroll and half-typed dialog stay."""
    for n in range(40):  # enough rows to scroll
        observers.add_observer({"name": f"观察员{n:02d}", "community": "桃花社区"}, NOW, desk_b)
    window.show_page("观察员")
    page = window.observers
    chosen = roster_ids(page)[30]
    page.select_observer(chosen)
    scroll = page.roster.verticalScrollBar().value()
    assert scroll > 0
    dialog = page.edit()
    dialog.edits["note"].setText("电话打不通，下午再联系")  # half-filled, not yet saved
    count = len(roster_ids(page))
    listening_if_server(window, backend)

    at_desk_b(lambda: observers.add_observer({"name": "新来的观察员", "community": "桃花社区"}, NOW, desk_b))

    qtbot.waitUntil(lambda: len(roster_ids(page)) == count + 1, timeout=SEEN_WITHIN_MS)
    assert page.selected_observer().id == chosen
    assert page.roster.verticalScrollBar().value() == scroll
    assert dialog.isVisible() and dialog.edits["note"].text() == "电话打不通，下午再联系"


def test_a_new_operator_at_another_desk_appears_on_the_settings_page(qtbot, window, desk_b, backend):
    """设置 → 操作员: an account added at desk B is no ledger event, and still shows; the selection stays."""
    window.show_page("设置")
    tab = window.settings_page.operators
    window.settings_page.tabs.setCurrentWidget(tab)
    tab.select(desk_b.id)
    rows = tab.table.rowCount()
    listening_if_server(window, backend)

    at_desk_b(lambda: auth.create_operator("deskc", "王芳", "clerk", "desk-c-2026", NOW, by=desk_b))

    qtbot.waitUntil(lambda: tab.table.rowCount() == rows + 1, timeout=SEEN_WITHIN_MS)
    assert tab.selected().id == desk_b.id
    names = {tab.table.item(r, 1).text() for r in range(tab.table.rowCount())}
    assert "deskc" in names


def test_a_department_stopped_at_another_desk_shows_on_the_units_tab(qtbot, window, desk_b, backend):
    """设置 → 单位与人员: desk B stops a department; the tab says 已停用, the clerk's department stays selected."""
    window.show_page("设置")
    units = window.settings_page.reference
    departments = reference_data.all_departments()
    chosen, stopped = departments[0], departments[-1]
    units.departments.setCurrentCell(0, 0)
    assert units.department_id() == chosen.id
    listening_if_server(window, backend)

    at_desk_b(lambda: reference_data.set_department_active(reference_data.department_by_id(stopped.id), False))

    last = len(departments) - 1
    qtbot.waitUntil(lambda: units.departments.item(last, 3).text() == "已停用", timeout=SEEN_WITHIN_MS)
    assert units.department_id() == chosen.id


def test_the_case_list_of_today_s_page_keeps_its_open_branches(qtbot, window, desk_b, backend):
    """今日督办: a step at desk B re-reads the tree; the branch the clerk opened stays open, its row selected."""
    window.show_page("今日督办")
    tree = window.today.tree
    top = tree.model().index(0, 0)
    tree.expand(top)
    tree.setCurrentIndex(top)
    title = top.data()
    listening_if_server(window, backend)
    case = Case.select().where(Case.status.in_(["accepted", "in_progress"])).order_by(Case.id).first()
    rebuilt = []
    tree.model().modelReset.connect(lambda: rebuilt.append(True))
    tree.model().rowsInserted.connect(lambda *_args: rebuilt.append(True))

    at_desk_b(lambda: lifecycle.reply(Case.get_by_id(case.id), "已处理完毕", NOW, desk_b))

    qtbot.waitUntil(lambda: bool(rebuilt), timeout=SEEN_WITHIN_MS)
    assert tree.currentIndex().data() == title and tree.isExpanded(tree.currentIndex())


def test_when_the_server_s_messages_stop_the_poll_shows_the_change(qtbot, window, desk_b, backend):
    """The listener gone (a dropped connection), the 2-s poll of the change token still shows desk B's step."""
    if backend == "postgresql":
        window.live.stop()
        assert not window.live.listening()
    window.show_page("观察员")
    page = window.observers
    count = len(roster_ids(page))

    at_desk_b(lambda: observers.add_observer({"name": "轮询看到的观察员", "community": "桃花社区"}, NOW, desk_b))

    qtbot.waitUntil(lambda: len(roster_ids(page)) == count + 1, timeout=SEEN_WITHIN_MS)


@pytest.mark.server_only  # SQLite has no messages: its windows poll the data version (the test above)
def test_the_server_s_message_arrives_and_the_window_does_not_wait_for_the_poll(qtbot, window, desk_b, backend):
    """On PostgreSQL the window follows the message: with the poll stopped, desk B's change still shows."""
    window.live_timer.stop()
    listening_if_server(window, backend)
    window.show_page("观察员")
    page = window.observers
    count = len(roster_ids(page))

    at_desk_b(lambda: observers.add_observer({"name": "消息带来的观察员", "community": "桃花社区"}, NOW, desk_b))

    qtbot.waitUntil(lambda: len(roster_ids(page)) == count + 1, timeout=SEEN_WITHIN_MS)


def test_a_document_moved_at_another_desk_shows_and_the_clerk_s_preview_stays(qtbot, window, desk_b, backend):
    """文书: desk B moves another document's status; the register shows it, the selected one's preview stays."""
    run_ladder(NOW, desk_b)  # the register holds the ladder's documents
    window.show_page("文书")
    page = window.documents
    assert page.model.rowCount() >= 2
    chosen, other = page.model.notice_id(0), page.model.notice_id(1)
    page.select_notice(chosen)
    qtbot.waitUntil(lambda: page.preview_path is not None, timeout=SEEN_WITHIN_MS * 5)
    preview = page.preview_path
    notice = notice_register.notice_by_id(other)
    status = notice_status.next_statuses(notice)[0]
    listening_if_server(window, backend)

    at_desk_b(lambda: notice_status.move(notice_register.notice_by_id(other), status, NOW, desk_b))

    label = NOTICE_STATUS_LABELS[status]
    qtbot.waitUntil(lambda: page.model.index(page.model.row_of(other), 5).data().startswith(label),
                    timeout=SEEN_WITHIN_MS)
    assert page.model.notice_id(page.table.currentIndex().row()) == chosen
    assert page.preview_path == preview


def test_the_statistics_follow_another_desk_quietly(qtbot, window, desk_b, backend):
    """统计: recomputed for desk B's step without a progress dialog; the month chosen stays."""
    window.show_page("统计")
    page = window.stats
    qtbot.waitUntil(lambda: page.task is not None and not page.task.is_running(), timeout=SEEN_WITHIN_MS * 5)
    month = page.selected_month()
    case = Case.select().where(Case.status.in_(["accepted", "in_progress"])).order_by(Case.id).first()
    listening_if_server(window, backend)

    at_desk_b(lambda: lifecycle.reply(Case.get_by_id(case.id), "已处理完毕", NOW, desk_b))

    qtbot.waitUntil(lambda: page.live_task is not None, timeout=SEEN_WITHIN_MS)
    assert not page.findChildren(QProgressDialog) or not any(d.isVisible() for d in page.findChildren(QProgressDialog))
    qtbot.waitUntil(lambda: not page.live_task.is_running(), timeout=SEEN_WITHIN_MS * 5)
    assert page.selected_month() == month


def test_a_record_proposed_at_another_desk_appears_in_the_register_and_the_selection_stays(qtbot, window, desk_b,
                                                                                           backend):
    """问责: desk B proposes one; the register lists it, the clerk's record stays selected."""
    department = reference_data.all_departments()[0]
    for n in range(3):
        accountability.propose(department, "department", "circulated_criticism", f"逾期未办结第{n + 1}次", NOW, desk_b)
    window.show_page("问责")
    page = window.accountability
    chosen = page.model.rows[1].id
    page.table.selectRow(1)
    count = page.model.rowCount()
    listening_if_server(window, backend)

    at_desk_b(lambda: accountability.propose(reference_data.department_by_id(department.id), "department",
                                             "circulated_criticism", "另一办公桌提出", NOW, desk_b))

    qtbot.waitUntil(lambda: page.model.rowCount() == count + 1, timeout=SEEN_WITHIN_MS)
    assert page.selected_record().id == chosen


def test_an_interview_scheduled_at_another_desk_appears_and_the_selection_stays(qtbot, window, desk_b, backend):
    """约谈: desk B schedules one; the list shows it, the clerk's interview stays selected."""
    department = reference_data.all_departments()[1]
    for n in range(2):
        interviews.schedule(department, NOW + timedelta(days=n + 1), "leader", NOW, desk_b, reason=f"第{n + 1}轮超期")
    window.show_page("约谈")
    page = window.interviews
    chosen = page.model.rows[0].id
    page.table.selectRow(0)
    count = page.model.rowCount()
    listening_if_server(window, backend)

    at_desk_b(lambda: interviews.schedule(reference_data.department_by_id(department.id), NOW + timedelta(days=5),
                                          "head", NOW, desk_b, reason="另一办公桌安排"))

    qtbot.waitUntil(lambda: page.model.rowCount() == count + 1, timeout=SEEN_WITHIN_MS)
    assert page.selected_interview().id == chosen
