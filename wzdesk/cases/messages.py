"""Progress messages to the petitioner (进度小喇叭): written from the office's templates into the outbox.

A message carries only what the petitioner may read: the case code and title, the department's name and
dates, the name of a duty step done, and the department's own progress note (办理进展, written for the
petitioner to read, as the seed's examples are). The office's internal notes never reach a template,
and any phone number that slips in (a title or a note that quotes one, a template an office edits
badly) is masked before the text is stored.
"""

import re
from datetime import datetime

from wzdesk.masking import mask_phone
from wzdesk.models import Case, ProgressMessage, Staff, Verification
from wzdesk.office import settings

TRIGGER_LABELS = {
    "received": "受理", "dispatched": "派单", "accepted": "签收", "verification_booked": "预约核验",
    "replied": "答复", "closed": "办结", "reopened": "重办", "progress": "办理进展",
    "complaint_cleared": "吐槽处理", "duty_step_done": "环节完成", "merged": "合并", "repeat_closed": "合并件办结",
}
STATUS_LABELS = {"pending": "待发送", "sent": "已发送", "failed": "发送失败"}
NO_PHONE = "反映人未留联系电话"
TITLE_LIMIT = 30  # an SMS is short: a long title is cut
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
# A mobile number, or a landline with its area code, standing on its own (not inside a longer code).
_PHONE_LIKE = re.compile(r"(?<![\dA-Za-z])(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})(?!\d)")


def template_key(trigger: str) -> str:
    """Return the setting that holds the template of this trigger."""
    return f"sms_{trigger}"


def render(template: str, values: dict[str, str]) -> str:
    """Fill {placeholders} from values; an unknown one stays as typed so the office sees its mistake."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def _day(moment: datetime | None) -> str:
    return f"{moment.month}月{moment.day}日" if moment else "—"


def _values(case: Case, planned_at: datetime | None, extra: dict[str, str]) -> dict[str, str]:
    title = case.title if len(case.title) <= TITLE_LIMIT else case.title[:TITLE_LIMIT] + "…"
    return {
        "office": settings.get("office_name"),
        "code": case.code,
        "title": title,
        "department": case.lead_department.name if case.lead_department_id else "承办单位",
        "due": _day(case.due_at),
        "expected": _day(case.expected_at),
        "planned": f"{_day(planned_at)} {planned_at:%H:%M}" if planned_at else "—",
        **extra,
    }


def scrub(text: str, case: Case) -> str:
    """Mask every phone number in text: the petitioner's, the staff's and anything that looks like one."""
    secrets = {case.petitioner_phone}
    if case.lead_department_id:
        secrets.add(case.lead_department.phone)
        secrets.update(s.phone for s in Staff.select(Staff.phone).where(Staff.department == case.lead_department))
    for secret in sorted((s.strip() for s in secrets if s and len(s.strip()) >= 5), key=len, reverse=True):
        text = text.replace(secret, mask_phone(secret))
    return _PHONE_LIKE.sub(lambda m: mask_phone(m.group(0)), text)


def compose(case: Case, trigger: str, planned_at: datetime | None = None, extra: dict[str, str] | None = None) -> str:
    """Return the text of the message a trigger sends for this case; `extra` fills {note} or {step}."""
    return scrub(render(settings.get(template_key(trigger)), _values(case, planned_at, extra or {})), case)


def queue(case: Case, trigger: str, at: datetime, planned_at: datetime | None = None,
          extra: dict[str, str] | None = None) -> ProgressMessage:
    """Put a message in the outbox; call inside the transaction of the step it announces.

    The petitioners of the repeats merged into the case get the same news (and, at closing, the request
    for their rating).
    """
    message = _put(case, trigger, compose(case, trigger, planned_at, extra), at)
    for repeat in Case.select().where(Case.merged_into == case.id, Case.status == "merged").order_by(Case.id):
        queue_for_repeat(repeat, case, REPEAT_TRIGGERS.get(trigger, trigger), at, planned_at, extra)
    return message


# What a merged repeat's petitioner is told instead of the main case's own message.
REPEAT_TRIGGERS = {"closed": "repeat_closed"}


def queue_for_repeat(repeat: Case, main: Case, trigger: str, at: datetime,
                     planned_at: datetime | None = None, extra: dict[str, str] | None = None) -> ProgressMessage:
    """Tell a merged repeat's petitioner of a step of the main case, in the main case's words, on their own number."""
    text = render(settings.get(template_key(trigger)), _values(main, planned_at, extra or {}) | {"repeat": repeat.code})
    return _put(repeat, trigger, scrub(scrub(text, main), repeat), at)


def _put(case: Case, trigger: str, text: str, at: datetime) -> ProgressMessage:
    has_phone = bool(case.petitioner_phone.strip())
    return ProgressMessage.create(
        case=case, trigger=trigger, text=text, created_at=at.replace(microsecond=0),
        status="pending" if has_phone else "failed", error="" if has_phone else NO_PHONE,
    )


def queue_booking(verification: Verification, at: datetime) -> ProgressMessage:
    """Tell the petitioner when the on-site check will be."""
    return queue(verification.case, "verification_booked", at, planned_at=verification.planned_at)
