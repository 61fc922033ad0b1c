"""Petitioners' phone numbers: check a number typed at intake and find recent cases from the same one."""

import re
from datetime import datetime, timedelta

from wzdesk.errors import UserError
from wzdesk.models import Case

MOBILE = re.compile(r"^1[3-9]\d{9}$")
# Area code 0XX or 0XXX, a 7- or 8-digit number, optionally an extension.
LANDLINE = re.compile(r"^0\d{2,3}-?[2-9]\d{6,7}(-\d{1,6})?$")
REPEAT_DAYS = 30


def normalise_phone(text: str) -> str:
    """Return the number without spaces (and a +86 prefix), or refuse it with a Chinese message."""
    raw = (text or "").strip().replace(" ", "").replace("－", "-").replace("—", "-")
    if raw.startswith("+86"):
        raw = raw[3:]
    if MOBILE.match(raw) or LANDLINE.match(raw):
        return raw
    raise UserError(
        f"联系电话“{text.strip()}”格式不对：请填写 11 位手机号（如 13812345678），"
        "或带区号的固定电话（如 0739-5123456）。"
    )


def is_valid_phone(text: str) -> bool:
    """Return whether the text is a mainland mobile or landline number."""
    try:
        normalise_phone(text)
    except UserError:
        return False
    return True


def recent_cases(phone: str, at: datetime, days: int = REPEAT_DAYS) -> list[Case]:
    """Return the cases received from this number in the `days` before `at`, newest first."""
    since = at - timedelta(days=days)
    return list(
        Case.select().where(Case.petitioner_phone == phone, Case.received_at >= since, Case.received_at <= at)
        .order_by(Case.received_at.desc()).limit(20)
    )
