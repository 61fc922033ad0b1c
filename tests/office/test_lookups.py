"""The office's lookups the window calls: departments and staff, categories, operators, settings, calendar."""

import threading
from datetime import date, datetime

import pytest

from wzdesk.errors import UserError
from wzdesk.models import CaseEvent, Category, Department, Setting, Staff, db
from wzdesk.office import auth, database, duty_menus, settings, workcalendar
from wzdesk.office import units as reference_data

NOW = datetime(2026, 11, 20, 10, 0)


def test_all_departments_keep_the_office_order_and_the_deactivated(departments):
    """Every department is listed, a stopped one too, by sort order and then id; only active ones take cases."""
    first, second, third = departments
    reference_data.set_department_active(third, False)
    Department.update(sort_order=2).where(Department.id == first.id).execute()
    Department.update(sort_order=1).where(Department.id.in_([second.id, third.id])).execute()
    assert [d.name for d in reference_data.all_departments()] == [second.name, third.name, first.name]
    assert [d.name for d in reference_data.active_departments()] == [second.name, first.name]


def test_departments_by_ids_follow_the_order_asked_and_skip_unknown_ids(departments):
    first, _second, third = departments
    found = reference_data.departments_by_ids([third.id, 99999, first.id])
    assert [d.id for d in found] == [third.id, first.id]
    assert reference_data.departments_by_ids([]) == []


def test_a_department_by_id_or_name_is_none_when_there_is_none(departments):
    first = departments[0]
    assert reference_data.department_by_id(first.id).name == first.name
    assert reference_data.department_by_id(None) is None
    assert reference_data.department_by_id(99999) is None
    assert reference_data.department_named("邵阳市生态环境局").id == departments[1].id
    assert reference_data.department_named("未派单") is None
    assert reference_data.department_named("") is None


def test_department_staff_lists_the_stopped_too_and_only_of_that_department(departments):
    first, second, _third = departments
    extra = Staff.create(department=first, name="李娜", title="副科长")
    reference_data.set_staff_active(extra, False)
    assert [s.name for s in reference_data.department_staff(first.id)] == ["张伟", "李娜"]
    assert [s.name for s in reference_data.active_staff(first.id)] == ["张伟"]
    assert [s.department_id for s in reference_data.department_staff(second.id)] == [second.id]
    assert reference_data.staff_by_id(extra.id).name == "李娜"
    assert reference_data.staff_by_id(None) is None


SEEDED = ["噪音扰民", "社保转移", "垃圾满溢", "路灯不亮", "下水道堵塞", "物业管理", "道路坑洼", "电梯故障", "油烟扰民",
          "消防通道占用", "供水问题", "医保报销", "教育入学", "房产证办理", "棚户区改造", "其他"]


def test_active_categories_leave_out_the_stopped_ones_in_office_order(database):
    """The seeded categories in their order, a new one last; a stopped one is listed for filters only."""
    bikes = duty_menus.save_category(None, "共享单车乱停")
    Category.update(active=False).where(Category.name == "路灯不亮").execute()
    assert [c.name for c in duty_menus.ordered_categories()] == [*SEEDED, "共享单车乱停"]
    assert [c.name for c in duty_menus.active_categories()] == [n for n in SEEDED if n != "路灯不亮"] + ["共享单车乱停"]
    assert duty_menus.category_by_id(bikes.id).name == "共享单车乱停"
    assert duty_menus.category_by_id(None) is None


def test_a_step_by_id(database):
    category = duty_menus.save_category(None, "古树修剪")
    step = duty_menus.save_step(category, None, "到场查看", 24, "hours")
    assert duty_menus.step_by_id(step.id).name == "到场查看"
    assert duty_menus.step_by_id(None) is None


def test_the_desk_operator_is_the_last_one_used_else_the_first_clerk_else_the_system(database):
    assert auth.desk_operator("").username == "system"
    admin = auth.create_operator("admin", "管理员", "admin", "secret12", NOW)
    zhang = auth.create_operator("zhang", "张三", "clerk", "secret12", NOW, by=admin)
    assert auth.desk_operator("zhang").id == zhang.id
    assert auth.desk_operator("nobody").id == admin.id
    auth.set_active(zhang, False, admin)
    assert auth.desk_operator("zhang").id == admin.id
    assert auth.operator_by_id(zhang.id).username == "zhang"
    assert auth.operator_by_id(None) is None


def test_put_many_stores_the_changed_values_each_with_its_event(operator, admin):
    before = CaseEvent.select().count()
    settings.put_many({"office_name": "邵阳市网络问政督办室", "response_hours": "12", "red_overdue_days": 10},
                      NOW, admin)
    assert (settings.get("response_hours"), settings.get("red_overdue_days")) == (12, 10)
    notes = [e.note for e in CaseEvent.select().where(CaseEvent.id > before).order_by(CaseEvent.id)]
    assert notes == ["首次响应时限（小时）：24 → 12", "超期多少天转红（自然日）：7 → 10"]


def test_put_many_stores_nothing_when_one_value_is_wrong(operator, admin):
    """A wrong value refuses the lot: the good value before it is not kept, and no event is written."""
    before = (CaseEvent.select().count(), Setting.select().count())
    with pytest.raises(UserError, match="无效"):
        settings.put_many({"response_hours": 12, "red_overdue_days": "十天"}, NOW, admin)
    assert settings.get("response_hours") == 24
    assert (CaseEvent.select().count(), Setting.select().count()) == before


def test_calendar_exceptions_and_one_day(database):
    """The 2026 National Day holiday and its make-up Saturday are exceptions; an ordinary day is not."""
    exceptions = workcalendar.exception_days()
    assert exceptions[date(2026, 10, 1)] is False
    assert exceptions[date(2026, 10, 10)] is True
    assert date(2026, 10, 13) not in exceptions
    assert workcalendar.calendar_day(date(2026, 10, 10)).is_workday
    assert workcalendar.calendar_day(date(2026, 10, 13)) is None


def test_a_thread_connection_is_opened_for_the_block_and_closed_after(departments):
    seen = {}

    def work():
        with database.thread_connection():
            seen["open"] = not db.is_closed()
            seen["names"] = len(reference_data.all_departments())
        seen["closed"] = db.is_closed()

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    assert seen == {"open": True, "names": 3, "closed": True}
    assert not db.is_closed()  # the main thread's connection is its own
