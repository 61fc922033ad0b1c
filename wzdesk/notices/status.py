"""The statuses of a numbered notice: draft → issued → delivered → acknowledged → answered, forward only.

A reply that has not come by the notice's reply_due_on is late; the register shows it in red.
"""

from datetime import date, datetime

from wzdesk.errors import UserError
from wzdesk.models import Notice, Operator, write_transaction
from wzdesk.models import chain as ledger
from wzdesk.office.numbering import KIND_LABELS
from wzdesk.vocabulary import NOTICE_STATUS_LABELS

ORDER = ("draft", "issued", "delivered", "acknowledged", "answered")
LATE_LABEL = "逾期未复"


def next_statuses(notice: Notice) -> list[str]:
    """Return the statuses a notice may move to: any later one (a reply may come without a receipt)."""
    if notice.status not in ORDER:
        return []
    return list(ORDER[ORDER.index(notice.status) + 1:])


def is_late(notice_or_row, today: date) -> bool:
    """Return whether a sent notice's reply is past its due date and not in."""
    due = notice_or_row.reply_due_on
    status = getattr(notice_or_row, "status", "")
    return due is not None and status not in ("draft", "answered") and today > due


def move(notice: Notice, status: str, at: datetime, operator: Operator, note: str = "") -> Notice:
    """Move a notice forward to `status`; answering records the day; an event per linked case or case-less."""
    if status not in ORDER:
        raise UserError(f"文书状态“{status}”无效，可选：{'、'.join(NOTICE_STATUS_LABELS.values())}。")
    if status not in next_statuses(notice):
        raise UserError(f"{notice.number_text}已是“{NOTICE_STATUS_LABELS.get(notice.status, notice.status)}”，"
                        f"不能改为“{NOTICE_STATUS_LABELS[status]}”（状态只能向前推进）。")
    if status == "answered" and at.date() < notice.issued_on:
        raise UserError("回复日期不能早于印发日期。")
    before = notice.status
    with write_transaction():
        notice.status = status
        if status == "answered":
            notice.answered_on = at.date()
        notice.save()
        _events(notice, before, note, at, operator)
    return notice


def _events(notice: Notice, before: str, note: str, at: datetime, operator: Operator) -> None:
    text = (f"{KIND_LABELS.get(notice.kind, notice.kind)} {notice.number_text}："
            f"{NOTICE_STATUS_LABELS.get(before, before)} → {NOTICE_STATUS_LABELS[notice.status]}")
    if notice.status == "answered" and notice.reply_due_on and notice.answered_on > notice.reply_due_on:
        text += f"（超过反馈期限 {notice.reply_due_on:%Y-%m-%d}）"
    text += f"。{note.strip()}" if note and note.strip() else ""
    ledger.append_on_cases([link.case for link in notice.case_links], at=at, action="notice_status",
                           operator_id=operator.id, department_id=notice.department_id, note=text,
                           data={"notice": notice.id, "from": before, "to": notice.status})


def late_notices(today: date) -> list[Notice]:
    """Return the sent notices whose reply is overdue, oldest due first."""
    return list(Notice.select().where(Notice.reply_due_on < today, Notice.status.not_in(["draft", "answered"]))
                .order_by(Notice.reply_due_on, Notice.id))
