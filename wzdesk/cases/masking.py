"""Masking of petitioners' and observers' phone and ID numbers, everywhere by default."""


def mask_phone(phone: str | None) -> str:
    """Return 138****5678 for 13812345678; short or empty values are masked whole."""
    digits = (phone or "").strip()
    if not digits or "*" in digits:
        return digits
    if len(digits) < 7:
        return "*" * len(digits)
    return digits[:3] + "****" + digits[-4:]


def mask_id_no(id_no: str | None) -> str:
    """Return 430502********1234 for an 18-character ID number."""
    text = (id_no or "").strip()
    if len(text) < 10:
        return "*" * len(text)
    return text[:6] + "*" * (len(text) - 10) + text[-4:]


def reveal_phone(case, operator, at):
    """Return a petitioner's full phone number to an operator allowed to see it, recording that they did."""
    from wzdesk.cases.lifecycle import write_transaction
    from wzdesk.models import chain as ledger
    from wzdesk.office import auth

    auth.require(operator, "reveal_contact")
    with write_transaction():
        ledger.append(case_id=case.id, at=at, recorded_at=ledger.wall_clock(), action="reveal",
                      from_status=case.status, to_status=case.status, operator_id=operator.id,
                      note="查看反映人完整联系电话")
    return case.petitioner_phone
