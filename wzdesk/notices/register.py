"""The notice register and the day's ladder output as plain rows, for the 文书 and 今日督办 pages."""

from dataclasses import dataclass, field
from datetime import date

from peewee import JOIN, fn

from wzdesk.models import Notice, NoticeCase
from wzdesk.months import month_days
from wzdesk.office.numbering import KIND_LABELS
from wzdesk.supervision.ladder import produced_on
from wzdesk.vocabulary import ACTION_LABELS, NOTICE_STATUS_LABELS, STATUS_LABELS


@dataclass(frozen=True)
class NoticeRow:
    """One registered document as the register lists it."""

    id: int
    kind: str
    kind_label: str
    number_text: str
    issued_on: date
    recipient: str
    case_count: int
    status_label: str
    reply_due_on: date | None
    status: str = ""  # the code, for the late-reply colour


def notice_rows(kind: str = "", month: str = "") -> list[NoticeRow]:
    """Return the register, newest first, narrowed to a kind and an issue month (YYYY-MM) when given."""
    count = fn.COUNT(NoticeCase.id)
    query = (Notice.select(Notice, count.alias("case_count"))
             .join(NoticeCase, JOIN.LEFT_OUTER, on=(NoticeCase.notice == Notice.id))
             .group_by(Notice.id).order_by(Notice.issued_on.desc(), Notice.kind, Notice.number.desc()))
    if kind:
        query = query.where(Notice.kind == kind)
    if month:
        start, end = month_days(month)
        query = query.where(Notice.issued_on >= start, Notice.issued_on < end)
    return [_row(notice) for notice in query]


def _row(notice: Notice) -> NoticeRow:
    return NoticeRow(notice.id, notice.kind, KIND_LABELS.get(notice.kind, notice.kind), notice.number_text,
                     notice.issued_on, notice.recipient, notice.case_count,
                     NOTICE_STATUS_LABELS.get(notice.status, notice.status), notice.reply_due_on,
                     notice.status)


def notice_months() -> list[str]:
    """Return the months (YYYY-MM) in which documents were issued, newest first."""
    days = Notice.select(Notice.issued_on).distinct()
    return sorted({f"{row.issued_on:%Y-%m}" for row in days}, reverse=True)


@dataclass
class DayGroup:
    """What one document (or one rung without a document, per department) covers on a day."""

    notice_id: int | None
    title: str
    department: str
    cases: list[tuple[str, str, str]] = field(default_factory=list)  # code, title, status label


def day_groups(day: date) -> list[DayGroup]:
    """Return the day's ladder output grouped by document; rungs without one grouped by step and department."""
    groups: dict[tuple, DayGroup] = {}
    for step in produced_on(day):
        case = step.case
        if step.notice_id:
            key = ("notice", step.notice_id)
            notice = step.notice
            title = f"{KIND_LABELS.get(notice.kind, notice.kind)} {notice.number_text}"
            name = notice.recipient
        else:
            key = ("step", step.step, step.department_id)
            title, name = ACTION_LABELS.get(step.step, step.step), step.department.name
        group = groups.setdefault(key, DayGroup(step.notice_id, title, name))
        group.cases.append((case.code, case.title, STATUS_LABELS.get(case.status, case.status)))
    return sorted(groups.values(), key=lambda g: (g.notice_id is None, g.notice_id or 0))


def first_case_id(notice_id: int | None) -> int | None:
    """Return the id of the first case a document covers, or None."""
    link = NoticeCase.select(NoticeCase.case).where(NoticeCase.notice == notice_id).order_by(NoticeCase.id).first()
    return link.case_id if link else None


def notice_by_id(notice_id: int | None) -> Notice | None:
    """Return the registered document with this id, or None when there is none."""
    return Notice.get_or_none(Notice.id == notice_id) if notice_id is not None else None
