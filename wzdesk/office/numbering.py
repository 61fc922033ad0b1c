"""Numbered documents: the next number of a kind for the year, no gaps and no reuse, and their register."""

from datetime import date, datetime

from wzdesk.models import Case, Department, Notice, NoticeCase
from wzdesk.office import codes, settings

KIND_LABELS = {
    "reminder_letter": "提醒函",
    "supervision_letter": "督办函",
    "interview_notice": "约谈通知书",
    "public_notice": "问责通报",
    "certificate": "监督能手证书",
}


def format_number(year: int, n: int, kind: str = "") -> str:
    """Return a document number such as 邵问督〔2026〕12号 from the office's pattern."""
    pattern = settings.get("doc_number_pattern")
    return pattern.format(short=settings.get("office_short"), year=year, n=n, kind=KIND_LABELS.get(kind, ""))


def issue(kind: str, department: Department | None, cases: list[Case], issued_on: date, now: datetime,
          title: str = "", reply_due_on: date | None = None) -> Notice:
    """Number and register a document; call inside the write transaction that records why it was issued."""
    n = codes.next_value(kind, issued_on.year)
    notice = Notice.create(
        kind=kind, year=issued_on.year, number=n, number_text=format_number(issued_on.year, n, kind),
        title=title or KIND_LABELS[kind], department=department,
        recipient=department.name if department else "", issued_on=issued_on, reply_due_on=reply_due_on,
        created_at=now,
    )
    for case in cases:
        NoticeCase.create(notice=notice, case=case)
    return notice
