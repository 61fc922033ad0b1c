"""Departments and their staff as the office edits them: add, change, deactivate, with Chinese checks."""

import re

from wzdesk.errors import UserError
from wzdesk.models import Department, Staff, db

PHONE_CHARS = re.compile(r"^[0-9+\-() ]*$")


def _text(value: str | None, what: str, required: bool = False, longest: int = 60) -> str:
    text = (value or "").strip()
    if required and not text:
        raise UserError(f"请填写{what}。")
    if len(text) > longest:
        raise UserError(f"{what}太长了（最多 {longest} 个字）。")
    return text


def _phone(value: str | None) -> str:
    text = (value or "").strip()
    if not PHONE_CHARS.match(text):
        raise UserError(f"电话“{text}”只能包含数字、空格和“-”。")
    return text


def save_department(dept: Department | None, *, name: str, leader_name: str = "", leader_title: str = "",
                    head_name: str = "", phone: str = "", kind: str = "bureau", by=None) -> Department:
    """Create a department (dept None) or change one; the name must be unique, and a new name is a ledger
    event (by: the operator, else the system account)."""
    from wzdesk.office.name_events import department_named

    values = {
        "name": _text(name, "单位名称", required=True),
        "leader_name": _text(leader_name, "分管领导姓名", longest=20),
        "leader_title": _text(leader_title, "分管领导职务", longest=30),
        "head_name": _text(head_name, "主要负责人姓名", longest=20),
        "phone": _phone(phone),
        "kind": kind,
    }
    clash = Department.get_or_none(Department.name == values["name"])
    if clash is not None and (dept is None or clash.id != dept.id):
        raise UserError(f"已有名为“{values['name']}”的单位，不能重名。")
    with db.atomic():
        if dept is None:
            order = (Department.select(Department.sort_order).order_by(Department.sort_order.desc()).scalar() or 0)
            dept = Department.create(sort_order=order + 1, short_name=values["name"], **values)
            department_named(dept, None, by)
            return dept
        was = dept.name
        for key, value in values.items():
            setattr(dept, key, value)
        dept.save()
        department_named(dept, was, by)
    return dept


def set_department_active(dept: Department, active: bool) -> None:
    """Deactivate a department (kept for the ledger's history) or bring it back."""
    dept.active = active
    dept.save()


def save_staff(person: Staff | None, *, department: Department | None, name: str, title: str = "",
               phone: str = "") -> Staff:
    """Create a staff member (person None) or change one."""
    if department is None:
        raise UserError("请选择所在单位。")
    values = {
        "department": department,
        "name": _text(name, "姓名", required=True, longest=20),
        "title": _text(title, "职务", longest=30),
        "phone": _phone(phone),
    }
    if person is None:
        return Staff.create(**values)
    for key, value in values.items():
        setattr(person, key, value)
    person.save()
    return person


def set_staff_active(person: Staff, active: bool) -> None:
    """Deactivate a staff member (past cases keep the name) or bring them back."""
    person.active = active
    person.save()


def active_departments() -> list[Department]:
    """Return the departments a case can be sent to, in the office's order."""
    return list(Department.select().where(Department.active).order_by(Department.sort_order, Department.id))


def active_staff(dept_id: int | None) -> list[Staff]:
    """Return the active staff of a department."""
    if dept_id is None:
        return []
    return list(Staff.select().where(Staff.department == dept_id, Staff.active).order_by(Staff.id))


def all_departments() -> list[Department]:
    """Return every department, deactivated ones too, in the office's order."""
    return list(Department.select().order_by(Department.sort_order, Department.id))


def department_by_id(dept_id: int | None) -> Department | None:
    """Return the department with this id, or None when there is none."""
    return Department.get_or_none(Department.id == dept_id) if dept_id else None


def departments_by_ids(ids: list[int]) -> list[Department]:
    """Return the departments with these ids, in the order of the ids."""
    found = {d.id: d for d in Department.select().where(Department.id.in_(ids))}
    return [found[i] for i in ids if i in found]


def department_named(name: str) -> Department | None:
    """Return the department with exactly this name, or None."""
    return Department.get_or_none(Department.name == name) if name else None


def staff_by_id(staff_id: int | None) -> Staff | None:
    """Return the staff member with this id, or None when there is none."""
    return Staff.get_or_none(Staff.id == staff_id) if staff_id else None


def department_staff(dept_id: int | None) -> list[Staff]:
    """Return every staff member of a department, deactivated ones too, in the order they were added."""
    return list(Staff.select().where(Staff.department == dept_id).order_by(Staff.id))
