"""The 问责, 约谈 and 观察员 pages and the 文书 status column, on real widgets over a real database."""

from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.ui.conftest import make_window, refusal
from wzdesk.cases import lifecycle
from wzdesk.models import Accountability, CaseEvent, Commitment, Observer, Operator
from wzdesk.office import numbering as notices
from wzdesk.supervision import interviews
from wzdesk.ui.app import make_application
from wzdesk.ui.pages.accountability import AccountabilityPage
from wzdesk.ui.pages.documents import DocumentsPage
from wzdesk.ui.pages.interviews import InterviewsPage
from wzdesk.ui.pages.observers import ObserversPage

NOW = datetime(2026, 11, 20, 10, 0)
SHOTS = Path("/tmp/wzdesk-shots")


def _shot(widget, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    widget.resize(1200, 700)
    widget.grab().save(str(SHOTS / name))


class Desk:
    """The moment and the operator a page sees; tests change them."""

    def __init__(self, operator: Operator):
        self.now, self.operator = NOW, operator

    def clock(self) -> datetime:
        return self.now

    def who(self) -> Operator:
        return self.operator


@pytest.fixture
def desk(departments):
    make_application()
    clerk = Operator.create(username="clerk1", display_name="李娟", role="clerk", created_at=NOW)
    return Desk(clerk)


@pytest.fixture
def supervisor(database):
    return Operator.create(username="boss1", display_name="周敏", role="supervisor", created_at=NOW)


@pytest.fixture
def case(desk, departments):
    c = lifecycle.intake({"title": "红旗路路灯不亮", "community": "红旗社区"}, NOW, desk.operator)
    return lifecycle.dispatch(c, departments[0], NOW, desk.operator)


def test_accountability_page_propose_confirm_and_the_leader_offer(qtbot, qtmodeltester, desk, supervisor, case):
    """A clerk proposes through the form and is refused confirming; the supervisor confirms and accepts the offer."""
    page = AccountabilityPage(desk.clock, desk.who)
    qtbot.addWidget(page)
    page.show()
    dialog = page.propose()
    dialog.reason.setPlainText("路灯报修两个月未修复")
    dialog.cases.setText(case.code)
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted and page.model.rowCount() == 1
    qtmodeltester.check(page.model)
    assert page.model.index(0, 5).data() == "待确认"
    assert page.model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is not None  # proposals stand out
    page.table.selectRow(0)
    page.confirm_selected()
    assert "无权" in refusal(page)
    desk.operator = supervisor
    page.confirm_selected()
    assert page.offer_box is not None and "刘志明" in page.offer_box.text()
    _shot(page.offer_box, "accountability_offer.png")
    page.offer_box.button(QMessageBox.StandardButton.Yes).click()
    assert sorted(r.status for r in Accountability.select()) == ["confirmed", "confirmed"]
    page.status_box.setCurrentIndex(page.status_box.findData("confirmed"))
    assert page.model.rowCount() == 2
    page.department_box.setCurrentIndex(page.department_box.findData(case.lead_department_id))
    assert "诫勉 1 次" in page.history.text()
    _shot(page, "accountability_page.png")


def test_revoke_asks_for_a_reason(qtbot, desk, supervisor, case):
    """Revoking a confirmed record through the page needs a reason and leaves it marked revoked."""
    from wzdesk.supervision import accountability

    record = accountability.propose(case.lead_department, "department", "no_award", "连续不满意", NOW, desk.operator)
    accountability.confirm(record, NOW, supervisor)
    desk.operator = supervisor
    page = AccountabilityPage(desk.clock, desk.who)
    qtbot.addWidget(page)
    page.table.selectRow(0)
    prompt = page.revoke_selected()
    prompt.accept()
    assert "理由" in refusal(prompt)
    prompt.text.setPlainText("复核认定依据不足")
    prompt.accept()
    assert Accountability.get_by_id(record.id).status == "revoked" and page.model.index(0, 5).data() == "已撤销"


def test_interviews_page_schedule_hold_and_a_broken_commitment(qtbot, qtmodeltester, desk, case, tmp_path):
    """Schedule with a notice, record it held with a commitment; past due it is red; broken proposes sanctions."""
    page = InterviewsPage(desk.clock, desk.who)
    qtbot.addWidget(page)
    page.show()
    dialog = page.schedule()
    dialog.reason.setPlainText("路灯长期不修，群众反映强烈")
    dialog.cases.setText(case.code)
    dialog.accept()
    assert page.model.rowCount() == 1 and page.model.index(0, 5).data().startswith("邵问督")
    page.table.selectRow(0)
    held = page.record_held()
    held.minutes.setPlainText("局长表态一周内修复")
    held.promises[0][0].setText("11月25日前修复全部路灯")
    held.promises[0][1].setDate(date(2026, 11, 25))
    held.accept()
    assert held.result() == held.DialogCode.Accepted and page.commitment_model.rowCount() == 1
    assert page.render_notice(tmp_path / "约谈 通知书.pdf").is_file()
    desk.now = datetime(2026, 11, 26, 9, 0)
    page.reload()
    page.table.selectRow(0)
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.commitment_model)
    assert page.commitment_model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "逾期未兑现承诺 1 项" in page.overdue_label.text()
    _shot(page, "interviews_page.png")
    page.commitments.selectRow(0)
    prompt = page.settle(False)
    prompt.text.setPlainText("复查仍有 3 盏不亮")
    prompt.accept()
    page.findChild(QMessageBox, "information").close()
    assert Commitment.get().status == "broken" and Accountability.select().count() == 2
    assert interviews.overdue_commitments(desk.now) == []


def test_observers_page_masks_reveals_covers_and_certifies(qtbot, qtmodeltester, desk, supervisor, case, tmp_path):
    """The roster shows masked numbers; a clerk cannot reveal; short communities are red; a certificate is issued."""
    page = ObserversPage(desk.clock, desk.who)
    qtbot.addWidget(page)
    page.show()
    dialog = page.add()
    for key, value in (("name", "周桂芳"), ("district", "双清区"), ("street", "龙须塘街道"),
                       ("community", "龙须塘社区"), ("phone", "13812345678"), ("id_no", "43050219600101123X")):
        dialog.edits[key].setText(value)
    dialog.accept()
    assert [e.operator_id for e in CaseEvent.select().where(CaseEvent.action == "observer_added")] == [desk.who().id]
    qtmodeltester.check(page.roster_model)
    qtmodeltester.check(page.coverage_model)
    qtmodeltester.check(page.assignment_model)
    assert page.roster_model.index(0, 6).data() == "138****5678"
    assert page.roster_model.index(0, 7).data() == "430***********123X"
    page.roster.selectRow(0)
    page.reveal()
    assert "无权" in refusal(page)
    desk.operator = supervisor
    page.reveal()
    info = page.findChild(QMessageBox, "information")
    assert "13812345678" in info.text()
    info.close()
    communities = {r.community: r for r in page.coverage_model.rows}
    assert communities["红旗社区"].short and communities["龙须塘社区"].observers == 1
    assert page.coverage_model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "不足 3 名" in page.short_label.text()
    _shot(page, "observers_roster.png")
    page.tabs.setCurrentIndex(1)
    _shot(page, "observers_coverage.png")
    page.tabs.setCurrentIndex(0)
    path = page.certificate(tmp_path / "证书.pdf")
    assert path is not None and path.is_file()
    page.findChild(QMessageBox, "information").close()
    edit = page.edit()
    assert edit.edits["phone"].text() == "138****5678"
    edit.accept()
    assert Observer.get().phone == "13812345678"  # the masked number saved as shown keeps the real one
    assert not CaseEvent.select().where(CaseEvent.action == "observer_edited").exists()  # nothing changed


def test_observers_page_retires_and_reinstates(qtbot, desk):
    """The roster's 退出名册 takes an observer off; 恢复在册 (with 含已退出 ticked) puts them back (issue 21).

    Each asks for its reason first (issue 22: destructive actions ask, and the reason goes to the ledger).
    """
    page = ObserversPage(desk.clock, desk.who)
    qtbot.addWidget(page)
    page.show()
    Observer.create(name="周建国", community="龙须塘社区", joined_on=NOW.date())
    page.reload()
    page.roster.selectRow(0)
    asked = page.retire()
    asked.reason.setText("迁居外地")
    asked.accept()
    assert Observer.get().retired_on == NOW.date() and page.roster_model.rowCount() == 0
    page.include_retired.setChecked(True)
    page.roster.selectRow(0)
    asked = page.reinstate()
    asked.reason.setText("误操作")
    asked.accept()
    assert Observer.get().retired_on is None
    assert [e.action for e in CaseEvent.select().order_by(CaseEvent.id)][-2:] == ["observer_retired",
                                                                                 "observer_reinstated"]


def test_notice_register_shows_late_replies_and_moves_status(qtbot, qtmodeltester, desk, case):
    """A reply past its due date is red with 逾期未复; the status buttons move it forward to 已回复."""
    notices.issue("reminder_letter", case.lead_department, [case], date(2026, 11, 10), NOW,
                  reply_due_on=date(2026, 11, 13))
    page = DocumentsPage(desk.clock, operator=desk.who)
    qtbot.addWidget(page)
    page.show()
    page.reload()
    qtmodeltester.check(page.model)
    assert "逾期未复" in page.model.index(0, 5).data()
    assert page.model.index(0, 5).data(Qt.ItemDataRole.BackgroundRole) is not None
    page.table.selectRow(0)
    assert [page.status_box.itemData(i) for i in range(page.status_box.count())] == [
        "delivered", "acknowledged", "answered"]
    _shot(page, "documents_status.png")
    page.status_box.setCurrentIndex(page.status_box.findData("answered"))
    page.status_button.click()
    assert page.model.index(0, 5).data() == "已回复"
    assert page.model.index(0, 5).data(Qt.ItemDataRole.BackgroundRole) is None
    qtbot.waitUntil(lambda: page.preview_task is None or not page.preview_task.is_running(), timeout=10000)
    page.shutdown()


def test_the_window_offers_the_new_pages_and_the_case_pane_proposes(qtbot, database, demo_db, store):
    """问责, 约谈 and 观察员 are enabled pages; 问责… on the case pane opens a proposal linked to the case."""
    window = make_window(qtbot, database, store)
    for name in ("问责", "约谈", "观察员"):
        window.show_page(name)
        assert window.stack.currentWidget() is window.pages[name]
    assert window.interviews.model.rowCount() > 0, "the demo ladder scheduled interviews"
    _shot(window, "window_interviews.png")
    window.show_page("台账")
    window.ledger.select_case(window.ledger_model.case_id(0))
    window.case_pane.show_case(window.ledger_model.case_id(0))
    dialog = window.case_pane.open_action("propose_accountability")
    assert dialog.cases.text() == window.case_pane.case.code
    dialog.reject()
    window.documents.shutdown()
