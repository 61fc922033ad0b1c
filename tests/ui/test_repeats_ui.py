"""Repeat complaints in the window (issue 23): similar cases at intake, merge and unmerge from the case pane."""

from datetime import datetime

import pytest

from tests.ui.conftest import make_window, refusal
from wzdesk.cases import lifecycle
from wzdesk.models import Case, Category
from wzdesk.ui.dialogs.intake import IntakeDialog

NOW = datetime(2026, 11, 20, 10, 0)


@pytest.fixture
def main_case(database, operator, departments):
    lights = Category.get(Category.name == "路灯不亮")
    case = lifecycle.intake({"title": "小区路灯不亮", "community": "桃花社区", "category": lights,
                             "petitioner_phone": "13812345678"}, datetime(2026, 11, 19, 9, 0), operator)
    lifecycle.dispatch(case, departments[0], datetime(2026, 11, 19, 10, 0), operator)
    return Case.get_by_id(case.id)


def test_the_intake_form_shows_similar_open_cases_as_the_clerk_types(qtbot, main_case, operator):
    dialog = IntakeDialog(operator, lambda: NOW)
    qtbot.addWidget(dialog)
    dialog.category.setCurrentIndex(dialog.category.findText("路灯不亮"))
    dialog.title.setText("路灯坏了晚上很黑")
    assert dialog.similar.text() == ""  # no community yet, and a new phone
    dialog.community.setText("桃花社区")
    text = dialog.similar.text()
    assert "疑似重复诉求" in text and main_case.code in text and "邵阳市城市管理和综合执法局" in text
    assert "已派单" in text
    dialog.community.setText("李子园社区")
    assert dialog.similar.text() == ""
    dialog.phone.setText("13812345678")
    assert main_case.code in dialog.similar.text() and "同一号码" in dialog.similar.text()


def test_merge_and_unmerge_from_the_case_pane(qtbot, database, store, main_case, operator):
    repeat = lifecycle.intake({"title": "路灯坏了晚上很黑", "community": "桃花社区",
                               "category": main_case.category, "petitioner_phone": "13900001111"},
                              datetime(2026, 11, 20, 9, 0), operator)
    window = make_window(qtbot, database, store)
    pane = window.case_pane
    pane.show_case(repeat.id)
    assert pane.repeat_actions() == ["merge"]
    dialog = pane.open_action("merge")
    assert dialog.main.count() == 1 and dialog.main_code() == main_case.code
    dialog.accept()
    assert not dialog.isVisible()
    assert Case.get_by_id(repeat.id).status == "merged"
    assert pane.repeat_actions() == ["unmerge"] and f"合并到工单 {main_case.code}" in pane.facts.text()
    dialog = pane.open_action("unmerge")
    dialog.accept()
    assert Case.get_by_id(repeat.id).status == "received" and pane.repeat_actions() == ["merge"]


def test_a_closed_main_case_needs_the_reopen_box(qtbot, database, store, main_case, operator):
    for step in (lambda c: lifecycle.accept(c, datetime(2026, 11, 19, 11, 0), operator),
                 lambda c: lifecycle.reply(c, "已修复", datetime(2026, 11, 19, 15, 0), operator),
                 lambda c: lifecycle.verify(c, True, "已亮", datetime(2026, 11, 19, 16, 0), operator),
                 lambda c: lifecycle.close(c, datetime(2026, 11, 19, 17, 0), operator)):
        step(Case.get_by_id(main_case.id))
    repeat = lifecycle.intake({"title": "路灯又坏了"}, datetime(2026, 11, 20, 9, 0), operator)
    window = make_window(qtbot, database, store)
    window.case_pane.show_case(repeat.id)
    dialog = window.case_pane.open_action("merge")
    dialog.main.setEditText(main_case.code)
    dialog.accept()
    assert "重新办理主件" in refusal(dialog) and "新工单" in dialog.refusal
    dialog.reopen.setChecked(True)
    dialog.accept()
    assert not dialog.isVisible()
    assert Case.get_by_id(main_case.id).status == "in_progress" and Case.get_by_id(repeat.id).status == "merged"
