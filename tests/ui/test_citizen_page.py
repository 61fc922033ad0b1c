"""The 核验与回访 page and the citizen-side dialogs of the case pane, on real widgets."""

from datetime import datetime, timedelta
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QCheckBox

from tests.citizen.citizen_helpers import rating_row, replied_case
from tests.ui.conftest import make_window, refusal
from wzdesk.citizen import observers
from wzdesk.models import Accountability, Case, Observer, Operator, ProgressMessage, VerificationPhoto

NOW = datetime(2026, 11, 20, 10, 0)
SHOTS = Path("/tmp/wzdesk-shots")


def _shot(widget, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    widget.grab().save(str(SHOTS / name))


def _select(tab, rows: list[int]) -> None:
    model = tab.table.selectionModel()
    for row in rows:
        model.select(tab.model.index(row, 0),
                     QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)


def test_page_is_enabled_and_every_queue_model_is_sound(window, qtmodeltester):
    """The page opens from the navigation; five tabs with counts; the models pass the model tester."""
    window.show_page("核验与回访")
    page = window.citizen
    assert window.stack.currentWidget() is page
    assert [page.tabs.tabText(i).split("（")[0] for i in range(page.tabs.count())] == [
        "待核验", "待回访", "吐槽", "短信发件箱", "问责建议"]
    for tab in (page.checks, page.ratings, page.complaints, page.outbox, page.proposals):
        qtmodeltester.check(tab.model)
    assert page.checks.model.rowCount() > 0 and page.complaints.model.rowCount() > 0
    opened = [r.open for r in page.complaints.model.rows]
    assert opened == sorted(opened, reverse=True), "open complaints come first"
    _shot(window, "citizen_page_checks.png")
    page.show_tab(page.complaints)
    _shot(window, "citizen_page_complaints.png")


def test_outbox_tab_masks_numbers_exports_them_whole_and_marks_sent(window, qtbot, tmp_path):
    page = window.citizen
    window.show_page("核验与回访")
    page.show_tab(page.outbox)
    pending = [r for r in page.outbox.model.rows if r.status == "pending" and r.phone]
    assert pending, "the demo leaves messages to send"
    shown = page.outbox.model.index(0, 4).data()
    assert "****" in shown
    _shot(window, "citizen_page_outbox.png")
    out = tmp_path / "网关 导出.xlsx"
    # The gateway's workbook holds full numbers: the demo's supervisor exports it (issue 19), not a clerk.
    window.operator = Operator.get(Operator.username == "liqiang")
    ids = page.export_outbox(out)
    rows = list(openpyxl.load_workbook(out).active.iter_rows(min_row=4, values_only=True))
    assert [r[0] for r in rows] == ids and rows[0][1] == pending[0].phone
    _select(page.outbox, [0, 1])
    chosen = [r.id for r in page.outbox.selected()]
    page.mark_sent()
    assert all(ProgressMessage.get_by_id(i).status == "sent" for i in chosen)
    assert all(r.id not in chosen for r in page.outbox.model.rows)


def test_mark_failed_asks_for_a_reason(window):
    window.show_page("核验与回访")  # the queues are read when the page is shown
    page = window.citizen
    _select(page.outbox, [0])
    chosen = page.outbox.selected()[0].id
    prompt = page.mark_failed()
    prompt.accept()
    assert "失败的原因" in refusal(prompt)
    prompt.text.setPlainText("空号")
    prompt.accept()
    assert ProgressMessage.get_by_id(chosen).status == "failed" and ProgressMessage.get_by_id(chosen).error == "空号"


@pytest.fixture
def pane(qtbot, database, departments, store, operator, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "数据 目录"))  # photos land in a test data folder
    Observer.create(name="周建国", community="龙须塘社区", joined_on=NOW.date())
    window = make_window(qtbot, database, store)
    case = replied_case(departments[0], NOW - timedelta(days=2), operator)
    window.case_pane.show_case(case.id)
    return window.case_pane


def test_book_then_fail_a_check_with_a_photo_from_the_case_pane(pane, tmp_path):
    assert pane.citizen_actions() == ["book_verification", "complaint"]
    dialog = pane.open_action("book_verification")
    dialog.staff.setText("")
    dialog.accept()
    assert "核验人员" in refusal(dialog)
    dialog.staff.setText("王芳")
    dialog.observers.item(0).setCheckState(dialog.observers.item(0).checkState().Checked)
    _shot(dialog, "dialog_book_verification.png")
    dialog.accept()
    assert not dialog.isVisible()
    assert "verification_result" in pane.citizen_actions()
    result = pane.open_action("verification_result")
    result.accept()
    assert "核验结论" in refusal(result)
    photo = tmp_path / "路灯 现场.jpg"
    photo.write_bytes(b"\xff\xd8 still dark")
    result.result.setCurrentIndex(2)
    result.finding.setPlainText("仍有两盏不亮")
    result.add_photos([photo])
    _shot(result, "dialog_verification_result.png")
    result.accept()
    assert not result.isVisible()
    case = Case.get_by_id(pane.case.id)
    assert case.status == "in_progress" and case.flag_false_closure
    stored = VerificationPhoto.get()
    assert Path(stored.path).parent.name == case.code and Path(stored.path).read_bytes() == photo.read_bytes()
    assert "数据 目录" in stored.path


def test_complaint_and_its_clearing_from_the_case_pane(pane):
    dialog = pane.open_action("complaint")
    dialog.accept()
    assert "吐槽的内容" in refusal(dialog)
    dialog.content.setPlainText("说修好了，其实没修")
    dialog.accept()
    assert Case.get_by_id(pane.case.id).flag_complaint and "clear_complaint" in pane.citizen_actions()
    clear = pane.open_action("clear_complaint")
    clear.accept()
    assert "处理说明" in refusal(clear)
    clear.note.setPlainText("已回电，安排复查")
    _shot(clear, "dialog_clear_complaint.png")
    clear.accept()
    assert not Case.get_by_id(pane.case.id).flag_complaint


def test_rate_dialog_offers_three_levels_when_the_office_uses_three(pane, admin):
    from wzdesk.office import settings

    settings.put("rating_scale", 3, NOW, admin)
    dialog = pane.open_action("rate")
    levels = [dialog.level.itemText(i) for i in range(1, dialog.level.count())]
    assert levels == ["满意", "基本满意", "不满意"]  # issue 15: the seed's three, not 一般
    dialog.reject()


def test_monthly_rules_from_the_page_then_confirm_and_dismiss(qtbot, database, departments, store, operator):
    cases = [replied_case(departments[0], datetime(2026, 10, 2, 9, 0), operator, title=f"诉求{i}")
             for i in range(3)]
    for i, case in enumerate(cases):
        rating_row(case, "dissatisfied", datetime(2026, 10, 10 + i, 9, 0), operator)
    window = make_window(qtbot, database, store)
    window.operator = Operator.create(username="chief", display_name="刘科长", role="supervisor", created_at=NOW)
    page = window.citizen
    window.show_page("核验与回访")
    page.show_tab(page.proposals)
    assert page.month.date().toString("yyyy-MM") == "2026-10"
    page.run_monthly()
    assert page.proposals.model.rowCount() == 2
    _shot(window, "citizen_page_proposals.png")
    _select(page.proposals, [0])
    page.confirm_selected()
    _select(page.proposals, [0])
    prompt = page.dismiss_selected()
    prompt.text.setPlainText("经核实不属实")
    prompt.accept()
    statuses = sorted(a.status for a in Accountability.select().where(Accountability.rule != ""))
    assert statuses == ["confirmed", "dismissed"] and page.proposals.model.rowCount() == 0


def test_the_clerk_marks_an_observers_finding_as_a_problem_found(pane):
    """Issue 17: a passed check whose observer saw what the reply left out counts in the roster's 发现问题."""
    dialog = pane.open_action("book_verification")
    dialog.staff.setText("王芳")
    dialog.observers.item(0).setCheckState(dialog.observers.item(0).checkState().Checked)
    dialog.accept()
    assert not dialog.isVisible()
    result = pane.open_action("verification_result")
    observer = Observer.get(Observer.name == "周建国")
    result.result.setCurrentIndex(1)  # passed: the light is on
    result.finding.setPlainText("路灯已亮")
    result.observer_boxes[observer.id].setText("楼道另有两盏不亮")
    result.findChild(QCheckBox, f"problem_found_{observer.id}").setChecked(True)
    result.accept()
    assert not result.isVisible()
    [row] = observers.observer_rows()
    assert (row.assignments, row.problems_found) == (1, 1)
