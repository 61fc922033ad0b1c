"""Builders shared by the citizen-side tests: cases taken through the real lifecycle to "replied"."""

from datetime import datetime, timedelta

from wzdesk.cases import lifecycle
from wzdesk.models import Case, Department, Rating, Staff


def replied_case(dept: Department, at: datetime, operator, title: str = "红旗路路灯不亮",
                 phone: str = "13812345678", handler: Staff | None = None) -> Case:
    """Take a new case through intake, dispatch, accept and reply, an hour apart, starting at `at`."""
    case = lifecycle.intake({"title": title, "petitioner_phone": phone, "petitioner_name": "李桂兰"}, at, operator)
    lifecycle.dispatch(case, dept, at + timedelta(hours=1), operator, handler=handler)
    lifecycle.accept(case, at + timedelta(hours=2), operator, expected_at=at + timedelta(days=3))
    lifecycle.reply(case, "已更换灯泡（内部：经办人手机13900001111）", at + timedelta(hours=3), operator)
    return Case.get_by_id(case.id)


def rating_row(case: Case, level: str, at: datetime, operator, dept: Department | None = None,
               handler: Staff | None = None) -> Rating:
    """Store a rating as an import would (no lifecycle side effects): what the monthly rules read."""
    return Rating.create(case=case, level=level, department=dept or case.lead_department,
                         handler=handler, at=at, operator=operator)
