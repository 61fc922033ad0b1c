"""Services behind the window: phone checks, reference data, first start, calendar import."""

from datetime import date, datetime

import pytest

from wzdesk.cases import lifecycle, phones
from wzdesk.errors import UserError
from wzdesk.models import CalendarDay, Department
from wzdesk.office import calendar_import, first_start, settings
from wzdesk.office import units as reference_data
from wzdesk.office.workcalendar import WorkCalendar

NOW = datetime(2026, 11, 20, 10, 0)


@pytest.mark.parametrize("text", ["13812345678", "+86 138 1234 5678", "0739-5123456", "07395123456",
                                  "010-62345678", "0739-5123456-801"])
def test_valid_phones(text):
    assert phones.is_valid_phone(text)


@pytest.mark.parametrize("text", ["12345", "12812345678", "138123456789", "abc", "5123456", ""])
def test_invalid_phones_are_refused_in_chinese(text):
    with pytest.raises(UserError, match="联系电话"):
        phones.normalise_phone(text)


def test_recent_cases_by_phone_within_thirty_days(operator):
    old = lifecycle.intake({"title": "旧", "petitioner_phone": "13812345678"}, datetime(2026, 9, 1), operator)
    new = lifecycle.intake({"title": "新", "petitioner_phone": "13812345678"}, datetime(2026, 11, 10), operator)
    found = phones.recent_cases("13812345678", NOW)
    assert [c.id for c in found] == [new.id] and old.id not in {c.id for c in found}


def test_departments_need_a_unique_name(database):
    dept = reference_data.save_department(None, name="市城管局", leader_name="刘志明", leader_title="副局长")
    with pytest.raises(UserError, match="不能重名"):
        reference_data.save_department(None, name="市城管局")
    with pytest.raises(UserError, match="请填写单位名称"):
        reference_data.save_department(dept, name="  ")
    reference_data.set_department_active(dept, False)
    assert dept not in reference_data.active_departments()


def test_staff_need_a_department_and_a_name(departments):
    with pytest.raises(UserError, match="所在单位"):
        reference_data.save_staff(None, department=None, name="李四")
    with pytest.raises(UserError, match="姓名"):
        reference_data.save_staff(None, department=departments[0], name="")
    person = reference_data.save_staff(None, department=departments[0], name="李四", phone="0739-1234567")
    reference_data.set_staff_active(person, False)
    assert person.id not in {s.id for s in reference_data.active_staff(departments[0].id)}


def test_start_clean_sets_the_office_and_departments(database, admin):
    assert first_start.is_empty()
    with pytest.raises(UserError):
        first_start.start_clean("", [("甲局", "")], NOW, admin)
    with pytest.raises(UserError, match="重复"):
        first_start.start_clean("某督办室", [("甲局", ""), ("甲局", "")], NOW, admin)
    first_start.start_clean("某督办室", [("甲局", "王五"), ("乙局", "")], NOW, admin)
    assert settings.get("office_name") == "某督办室"
    assert Department.select().count() == 2 and not first_start.is_empty()


def test_schedule_import_from_csv_confirms_the_year(database, tmp_path, admin):
    path = tmp_path / "2030 安排.csv"
    path.write_text("日期,类型,名称\n2030-01-01,放假,元旦\n2030/2/2,上班\n", encoding="utf-8-sig")
    days = calendar_import.read_schedule(path)
    assert calendar_import.apply_schedule(days, NOW, admin) == [2030]
    cal = WorkCalendar.from_db()
    assert cal.is_known(2030) and not cal.is_workday(date(2030, 1, 1)) and cal.is_workday(date(2030, 2, 2))
    assert CalendarDay.get_by_id(date(2030, 1, 1)).name == "元旦"


def test_schedule_import_from_xlsx_and_bad_rows(database, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append([datetime(2031, 10, 1), "放假", "国庆节"])
    book.active.append(["2031年10月11日", "上班"])
    path = tmp_path / "安排.xlsx"
    book.save(path)
    assert len(calendar_import.read_schedule(path)) == 2
    bad = tmp_path / "bad.csv"
    bad.write_text("2031-10-01,放假\n2031-10-02,加班\n", encoding="utf-8")
    with pytest.raises(UserError, match="第 2 行"):
        calendar_import.read_schedule(bad)
