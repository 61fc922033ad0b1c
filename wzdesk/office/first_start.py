"""An office's first start: tell an empty database apart, and set one up clean with its departments."""

from datetime import datetime

from wzdesk.errors import UserError
from wzdesk.models import Case, Department, db
from wzdesk.office import settings
from wzdesk.office import units as reference_data


def is_empty() -> bool:
    """Return whether the database has neither departments nor cases."""
    return not Department.select().exists() and not Case.select().exists()


def start_clean(office_name: str, departments: list[tuple[str, str]], now: datetime, operator) -> None:
    """Store the office's name and create its departments, each (name, leader in charge)."""
    name = (office_name or "").strip()
    if not name:
        raise UserError("请填写督办室名称。")
    rows = [(n.strip(), (leader or "").strip()) for n, leader in departments if n.strip()]
    if not rows:
        raise UserError("请至少填写一个承办单位。")
    names = [n for n, _ in rows]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise UserError(f"单位名称重复：{'、'.join(duplicates)}。")
    with db.atomic():
        settings.put("office_name", name, now, operator)
        for dept_name, leader in rows:
            reference_data.save_department(None, name=dept_name, leader_name=leader)
