"""Every lifecycle action from the case pane: refused with its Chinese message, then accepted."""

from datetime import datetime

import pytest
from PySide6.QtCore import QDate, Qt

from tests.ui.conftest import make_window, refusal
from wzdesk.cases import lifecycle
from wzdesk.models import Case

NOW = datetime(2026, 11, 20, 10, 0)


@pytest.fixture
def pane(qtbot, database, departments, store, operator):
    window = make_window(qtbot, database, store)
    case = lifecycle.intake({"title": "红旗路路灯不亮", "petitioner_phone": "13812345678"},
                            datetime(2026, 11, 19, 9, 0), operator)
    window.case_pane.show_case(case.id)
    return window.case_pane


def _status(pane) -> str:
    return Case.get_by_id(pane.case.id).status


def _refuse_then(pane, action, fill, message):
    dialog = pane.open_action(action)
    dialog.accept()
    assert message in refusal(dialog) and dialog.isVisible()
    fill(dialog)
    dialog.accept()
    assert not dialog.isVisible() and dialog.refusal == ""


def test_dispatch_accept_progress_reply_verify_rate_close_reopen(pane):
    assert pane.allowed_actions() == ["dispatch"]

    def dispatch(d):
        d.lead.setCurrentIndex(1)
        d.handler.setCurrentIndex(1)
        d.co.item(2).setCheckState(Qt.CheckState.Checked)
    _refuse_then(pane, "dispatch", dispatch, "请选择承办单位")
    assert _status(pane) == "dispatched" and pane.case.handler is not None

    def accept(d):
        d.expected.setDate(QDate(2026, 11, 25))
    dialog = pane.open_action("accept")
    dialog.expected.setDate(QDate(2026, 11, 1))
    dialog.accept()
    assert "不能早于今天" in refusal(dialog)
    accept(dialog)
    dialog.accept()
    assert _status(pane) == "accepted"

    _refuse_then(pane, "progress", lambda d: d.note.setPlainText("已联系反映人"), "请填写办理进展")
    _refuse_then(pane, "reply", lambda d: d.text.setPlainText("已更换灯泡"), "请填写答复内容")
    assert _status(pane) == "replied"
    _refuse_then(pane, "verify_fail", lambda d: d.finding.setPlainText("仍有两盏不亮"), "请填写核验情况")
    assert _status(pane) == "in_progress" and pane.case.flag_false_closure
    _refuse_then(pane, "reply", lambda d: d.text.setPlainText("全部修好"), "请填写答复内容")
    _refuse_then(pane, "verify_pass", lambda d: d.finding.setPlainText("全部亮了"), "请填写核验情况")
    # The return visit asks first whether the problem was solved (issue 17), then how satisfied.
    dialog = pane.open_action("rate")
    dialog.accept()
    assert "问题是否已解决" in refusal(dialog)
    dialog.solved.setCurrentIndex(dialog.solved.findData(True))
    dialog.accept()
    assert "请选择反映人的评价" in refusal(dialog)
    dialog.level.setCurrentIndex(dialog.level.findData("satisfied"))
    dialog.close_too.setChecked(False)  # issue 22 offers 办结 in the rating dialog; here 办结 is its own step
    dialog.accept()
    assert not dialog.isVisible() and dialog.refusal == ""
    assert pane.case.ratings.get().solved is True and "满意，已解决" in pane.facts.text()
    close = pane.open_action("close")
    close.accept()
    assert _status(pane) == "closed" and "已办结" in pane.facts.text()
    _refuse_then(pane, "reopen", lambda d: d.text.setPlainText("群众反映又坏了"), "请填写重办原因")
    assert _status(pane) == "in_progress"


def test_close_refused_without_confirmation_and_return_reassign(pane, departments):
    dialog = pane.open_action("dispatch")
    dialog.lead.setCurrentIndex(1)
    dialog.accept()
    _refuse_then(pane, "reassign", lambda d: (d.lead.setCurrentIndex(1), d.reason.setPlainText("属地管理")),
                 "请选择承办单位")
    assert pane.case.lead_department_id != departments[0].id
    _refuse_then(pane, "return", lambda d: d.text.setPlainText("不属于本单位职责"), "请填写退回理由")
    assert _status(pane) == "returned" and pane.allowed_actions() == ["dispatch"]


def test_major_case_dispatch_needs_a_coordinator(pane):
    Case.update(grade="major").where(Case.id == pane.case.id).execute()
    pane.show_case(pane.case.id)
    dialog = pane.open_action("dispatch")
    dialog.lead.setCurrentIndex(1)
    dialog.accept()
    assert "协调领导" in refusal(dialog)
    dialog.coordinator.setText("张副市长")
    dialog.accept()
    assert Case.get_by_id(pane.case.id).coordinator == "张副市长"
    dialog = pane.open_action("accept")
    assert dialog.windowTitle().startswith("签收")
    dialog.reject()


def test_pane_track_lists_events_newest_first(pane):
    text = pane.track.toPlainText()
    assert "受理登记" in text and "现在在" in pane.facts.text()
    assert "138****5678" in pane.facts.text()


def test_revealing_the_phone_needs_the_right_and_is_recorded(pane):
    from wzdesk.models import CaseEvent, Operator

    pane._operator = lambda: Operator.create(username="wang", display_name="王芳", role="clerk", created_at=NOW)
    assert pane.reveal_phone() == ""
    assert "无权查看完整的电话" in refusal(pane)
    chief = Operator.create(username="li", display_name="李强", role="supervisor", created_at=NOW)
    pane._operator = lambda: chief
    assert pane.reveal_phone() == "13812345678"
    assert CaseEvent.select().where(CaseEvent.action == "reveal").count() == 1
    assert "13812345678" not in pane.facts.text() and "138****5678" in pane.facts.text()


def test_the_pane_masks_the_petitioners_name_until_someone_allowed_asks(qtbot, database, departments, store,
                                                                        operator):
    """DESIGN.md "Privacy": 王*芳 on screen, in the facts and inside the title; a supervisor may ask to see
    the full name and number, and that look is recorded."""
    from PySide6.QtWidgets import QMessageBox

    from wzdesk.models import CaseEvent, Operator

    window = make_window(qtbot, database, store)
    case = lifecycle.intake({"title": "王小芳反映红旗路路灯不亮", "petitioner_name": "王小芳",
                             "petitioner_phone": "13812345678"}, datetime(2026, 11, 19, 9, 0), operator)
    pane = window.case_pane
    pane.show_case(case.id)
    shown = pane.header.text() + pane.facts.text() + pane.track.toPlainText()
    assert "王小芳" not in shown and "王*芳" in pane.facts.text() and "王*芳反映红旗路路灯不亮" in pane.header.text()
    assert "查看完整姓名和号码" in pane.facts.text()
    chief = Operator.create(username="li", display_name="李强", role="supervisor", created_at=NOW)
    pane._operator = lambda: chief
    assert pane.reveal_phone() == "13812345678"
    box = next(b for b in pane.findChildren(QMessageBox) if b.objectName() == "information")
    assert "王小芳" in box.text() and "13812345678" in box.text()
    box.close()
    event = CaseEvent.select().where(CaseEvent.action == "reveal").get()
    assert event.operator_id == chief.id and "姓名" in event.note
    assert "王小芳" not in pane.facts.text()  # shown once, when asked; the pane stays masked
