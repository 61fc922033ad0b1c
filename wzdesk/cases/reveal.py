"""Revealing a petitioner's full name and phone number: a permission of some roles, and itself a ledger event."""

from datetime import datetime

from wzdesk.models import Case, Operator, write_transaction
from wzdesk.models import chain as ledger
from wzdesk.office import auth


def reveal_phone(case: Case, operator: Operator, at: datetime) -> str:
    """Return a petitioner's full phone number to an operator allowed to see it, recording that they did."""

    auth.require(operator, "reveal_contact")
    with write_transaction():
        ledger.append(case_id=case.id, at=at, recorded_at=ledger.wall_clock(), action="reveal",
                      from_status=case.status, to_status=case.status, operator_id=operator.id,
                      note="查看反映人完整联系电话")
    return case.petitioner_phone


def reveal_contact(case: Case, operator: Operator, at: datetime) -> tuple[str, str]:
    """Return a petitioner's full name and phone number to an operator allowed to see them, recording it."""
    auth.require(operator, "reveal_contact")
    with write_transaction():
        ledger.append(case_id=case.id, at=at, recorded_at=ledger.wall_clock(), action="reveal",
                      from_status=case.status, to_status=case.status, operator_id=operator.id,
                      note="查看反映人完整姓名和联系电话")
    return case.petitioner_name or "", case.petitioner_phone or ""
