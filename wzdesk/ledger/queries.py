"""Read-only questions the ledger answers: filtered case lists and a case's track."""

import re
from dataclasses import dataclass
from datetime import datetime

from peewee import JOIN

from wzdesk.board.colours import colour_expression
from wzdesk.errors import UserError
from wzdesk.models import Case, CaseEvent, Department, Operator
from wzdesk.office import settings
from wzdesk.vocabulary import STATUS_LABELS, parse_choice


@dataclass(frozen=True)
class CaseFilter:
    """What a clerk narrowed the ledger to; empty fields do not filter."""

    status: str = ""
    department: str = ""
    limit: int | None = None
    supervised: bool = False  # only the open cases on the supervision list (督办清单), in order of listing


def case_rows(flt: CaseFilter, at: datetime):
    """Select the cases matching `flt` with their lead department's name and colour at `at`."""
    colour = colour_expression(at, settings.get("red_overdue_days")).alias("colour")
    query = (
        Case.select(Case, Department.name.alias("lead_name"), colour)
        .join(Department, JOIN.LEFT_OUTER, on=(Case.lead_department == Department.id))
        .order_by(Case.id)
        .objects()  # lead_name and colour become attributes of each Case
    )
    if flt.status:
        query = query.where(Case.status == parse_choice(flt.status, STATUS_LABELS, "状态"))
    if flt.department:
        query = query.where(Case.lead_department == _department(flt.department))
    if flt.supervised:
        query = query.where(Case.supervised_at.is_null(False), Case.status != "closed").order_by(
            Case.supervised_at, Case.id)
    if flt.limit is not None:
        if flt.limit < 0:
            raise UserError("--limit 不能是负数。")
        query = query.limit(flt.limit)
    return query


def _department(name: str) -> Department:
    dept = Department.get_or_none(Department.name == name.strip())
    if dept is None:
        raise UserError(f"没有名为“{name}”的承办单位。")
    return dept


def find_case(code: str) -> Case:
    """Return the case with this code, or refuse with a Chinese message."""
    case = Case.by_code(code)
    if case is None:
        raise UserError(f"找不到工单 {code.strip()}：请核对编号。")
    return case


def track(case: Case) -> list[CaseEvent]:
    """Return every event of a case in order, with departments and operator joined."""
    From = Department.alias()
    To = Department.alias()
    Dept = Department.alias()
    return list(
        CaseEvent.select(CaseEvent, From, To, Dept, Operator)
        .join_from(CaseEvent, Operator)
        .join_from(CaseEvent, From, JOIN.LEFT_OUTER, on=(CaseEvent.from_department == From.id))
        .join_from(CaseEvent, To, JOIN.LEFT_OUTER, on=(CaseEvent.to_department == To.id))
        .join_from(CaseEvent, Dept, JOIN.LEFT_OUTER, on=(CaseEvent.department == Dept.id))
        .where(CaseEvent.case == case)
        .order_by(CaseEvent.id)
    )


def case_by_id(case_id: int | None) -> Case | None:
    """Return the case with this id, or None when there is none."""
    return Case.get_or_none(Case.id == case_id) if case_id is not None else None


def cases_by_codes(text: str) -> list[Case]:
    """Return the cases whose codes are listed (separated by spaces, commas or 、); refuse unknown codes."""
    found = []
    for code in (c for c in re.split(r"[\s,，、;；]+", text or "") if c):
        case = Case.by_code(code)
        if case is None:
            raise UserError(f"没有编号为“{code}”的工单。")
        found.append(case)
    return found


def involved_departments(case: Case) -> list[Department]:
    """Return the case's lead department (if any) and then its co-departments."""
    co = [link.department for link in case.co_links]
    return [d for d in [case.lead_department, *co] if d is not None]
