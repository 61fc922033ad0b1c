"""Numbered documents: one 机关代字 per kind, numbers per kind and year without gaps or reuse, one formatter.

A number's text is unique across every kind and year, so the text alone finds its document. The
certificate's number (邵问督证字第N号) carries no year, so its count runs on across years.
"""

from datetime import date, datetime, timedelta

from wzdesk.documents.formatting import format_number
from wzdesk.documents.templates import KINDS, TemplateError, document_title
from wzdesk.errors import UserError
from wzdesk.models import Case, Department, Notice, NoticeCase
from wzdesk.office import codes, settings
from wzdesk.office.workcalendar import WorkCalendar

KIND_LABELS = {
    "reminder_letter": "提醒函",
    "supervision_letter": "督办函",
    "coordination": "协调通知",
    "interview_notice": "约谈通知",
    "public_notice": "问责通报",
    "certificate": "监督能手证书",
}
CODE_KEYS = {kind: f"doc_code_{kind}" for kind in KIND_LABELS}
YEARLESS = {"certificate"}  # kinds whose number text has no year: one count over all years
_RUNNING = 0  # the Sequence year of a count that never restarts


def kind_code(kind: str) -> str:
    """Return the 机关代字 of a kind, e.g. 邵问督函."""
    if kind not in CODE_KEYS:
        raise UserError(f"未知的文书种类“{kind}”。")
    return str(settings.get(CODE_KEYS[kind])).strip()


def document_number(kind: str, year: int, n: int) -> str:
    """Return the printed number of a kind's n-th document of a year: 邵问督函〔2026〕12号, 邵问督证字第3号."""
    key = "certificate_number_pattern" if kind in YEARLESS else "doc_number_pattern"
    try:
        return format_number(settings.get(key), kind_code(kind), year, n)
    except ValueError as exc:
        raise UserError(str(exc)) from None


def working_day_on_or_after(day: date, cal: WorkCalendar | None = None) -> date:
    """Return the day itself when people work on it, else the first working day after it."""
    cal = cal or WorkCalendar.from_db()
    while not cal.is_workday(day):
        day += timedelta(days=1)
    return day


def printed_title(kind: str, department: Department | None, values: dict | None = None,
                  issued_on: date | None = None) -> str:
    """Return the title the kind's template prints, so the register shows exactly what the paper says."""
    context = {"department": department.name if department else "", "leader": "主要负责人",
               "office_name": settings.get("office_name"), **(values or {})}
    if kind == "public_notice" and "month" not in context and issued_on is not None:
        context["month"] = f"{issued_on.replace(day=1) - timedelta(days=1):%Y-%m}"  # the month it reports on
    try:
        return document_title(kind, context)
    except TemplateError as exc:
        raise UserError(str(exc)) from None


def issue(kind: str, department: Department | None, cases: list[Case], issued_on: date, now: datetime,
          title: str = "", reply_due_on: date | None = None, title_values: dict | None = None) -> Notice:
    """Number and register a document dated on a working day; call inside the transaction that records why.

    A kind with a template is registered under the title its template prints (filled from
    `title_values`); `title` names the others. A number whose text is already taken (an office gave
    two kinds one 代字) is refused, and the refusal rolls the caller's transaction back.
    """
    if kind in KINDS:
        title = printed_title(kind, department, title_values, issued_on)
    issued_on = working_day_on_or_after(issued_on)
    year = _RUNNING if kind in YEARLESS else issued_on.year
    n = codes.next_value(kind, year)
    text = document_number(kind, issued_on.year, n)
    if Notice.select().where(Notice.number_text == text).exists():
        raise UserError(f"文号“{text}”已被另一份文书使用：请在“设置 → 单位”中为各类文书设定不同的机关代字。")
    notice = Notice.create(
        kind=kind, year=issued_on.year, number=n, number_text=text,
        title=title or KIND_LABELS[kind], department=department,
        recipient=department.name if department else "", issued_on=issued_on,
        reply_due_on=reply_due_on if reply_due_on is None else max(reply_due_on, issued_on), created_at=now,
    )
    for case in cases:
        NoticeCase.create(notice=notice, case=case)
    return notice
