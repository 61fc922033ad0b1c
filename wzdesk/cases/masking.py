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
