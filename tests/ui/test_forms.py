"""Intake, reference data, office settings, calendar and first start, driven through their widgets."""

from datetime import date, datetime

from PySide6.QtCore import QDate

from tests.ui.conftest import NOW, make_window, refusal
from wzdesk.cases import lifecycle
from wzdesk.models import CalendarDay, Case, Department, Operator
from wzdesk.office import settings
from wzdesk.office.workcalendar import WorkCalendar
from wzdesk.ui.dialogs.first_start import CLEAN, DEMO


def test_intake_refuses_a_bad_phone_and_warns_about_repeats(qtbot, database, departments, store, operator):
    window = make_window(qtbot, database, store)
    lifecycle.intake({"title": "上次的事", "petitioner_phone": "13812345678"}, datetime(2026, 11, 1), operator)
    dialog = window.new_case()
    dialog.title.setText("小区电梯停运")
    dialog.phone.setText("1381234")
    dialog.accept()
    assert "格式不对" in refusal(dialog) and dialog.isVisible()
    dialog.phone.setText("138 1234 5678")
    assert "近 30 天已反映 1 件" in dialog.repeat.text()
    dialog.accept()
    case = dialog.created
    assert case.petitioner_phone == "13812345678" and case.status == "received"
    assert window.ledger.current_case_id() == case.id


def test_intake_needs_a_title(qtbot, database, departments, store):
    window = make_window(qtbot, database, store)
    dialog = window.new_case()
    dialog.phone.setText("0739-5123456")
    dialog.accept()
    assert "请填写诉求标题" in refusal(dialog)
    assert Case.select().count() == 0


def test_settings_page_saves_typed_values(qtbot, window):
    page = window.settings_page.office
    page.editors["response_hours"].setValue(12)
    assert not page.save()  # the demo's clerk signed in: only an administrator edits the rules
    assert "无权修改督办规则" in refusal(page) and settings.get("response_hours") == 24
    window.operator = Operator.get(Operator.username == "admin")
    page.editors["response_hours"].setValue(12)
    page.editors["warn_ratio"].setValue(0.8)
    page.editors["neutral_counts_satisfied"].setChecked(True)
    assert page.save()
    assert settings.get("response_hours") == 12 and settings.get("warn_ratio") == 0.8
    assert settings.get("neutral_counts_satisfied") is True
    page.editors["office_name"].setText("")
    assert not page.save()
    assert "不能为空" in refusal(page)


def test_calendar_marks_a_holiday_and_a_makeup_day_and_confirms(qtbot, window):
    editor = window.settings_page.calendar
    editor.calendar.setSelectedDate(QDate(2027, 1, 4))
    editor.mark(False)
    assert "无权修改工作日历" in refusal(editor)  # the demo's clerk is signed in
    window.operator = Operator.get(Operator.username == "admin")
    editor.calendar.setSelectedDate(QDate(2027, 1, 4))
    editor.name.setText("元旦补休")
    editor.mark(False)
    editor.calendar.setSelectedDate(QDate(2027, 1, 9))
    editor.mark(True)
    cal = WorkCalendar.from_db()
    assert not cal.is_workday(date(2027, 1, 4)) and cal.is_workday(date(2027, 1, 9))
    assert CalendarDay.get_by_id(date(2027, 1, 4)).name == "元旦补休"
    assert "尚未确认" in editor.year_label.text()
    editor.confirm()
    assert "已录入" in editor.year_label.text() and WorkCalendar.from_db().is_known(2027)
    assert "2027" not in window.calendar_label.text()
    editor.calendar.setSelectedDate(QDate(2027, 1, 4))
    editor.mark_normal()
    assert WorkCalendar.from_db().is_workday(date(2027, 1, 4))


def test_departments_are_added_with_checks(qtbot, window):
    page = window.settings_page.reference
    dialog = page.add_department()
    dialog.accept()
    assert "请填写单位名称" in refusal(dialog)
    dialog.name.setText("邵阳市城市管理和综合执法局")
    dialog.accept()
    assert "不能重名" in refusal(dialog)
    dialog.name.setText("邵阳市新建测试局")
    dialog.leader.setText("陈建国")
    dialog.accept()
    assert Department.get(Department.name == "邵阳市新建测试局").leader_name == "陈建国"
    staff = page.add_staff()
    staff.name.setText("李四")
    staff.accept()
    assert page.staff.rowCount() >= 1


def test_first_start_clean_wizard(qtbot, database, store, admin):
    window = make_window(qtbot, database, store)
    window.operator = admin  # the first administrator, signed in at the first start
    dialog = window.offer_first_start()
    dialog.done(CLEAN)
    wizard = window.wizard
    wizard.office.name.setText("某市网络问政督办室")
    wizard.accept()
    assert "请至少填写一个承办单位" in refusal(wizard)
    wizard.departments.set_row(0, "某市城管局", "王五")
    wizard.accept()
    assert settings.get("office_name") == "某市网络问政督办室"
    assert window.windowTitle().endswith("某市网络问政督办室")
    assert Department.select().count() == 1


def test_first_start_loads_demo_in_the_background(qtbot, database, store):
    window = make_window(qtbot, database, store)
    dialog = window.offer_first_start()
    dialog.cases.setValue(300)
    dialog.done(DEMO)
    with qtbot.waitSignal(window.task.finished, timeout=60_000):
        assert window.task.dialog.isVisible()
    assert Case.select().count() == 300 and window.ledger_model.total() == 300
    assert window.operator.username == "wangfang"
    assert NOW  # the window's clock
