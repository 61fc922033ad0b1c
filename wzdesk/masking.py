"""Masking of petitioners' and observers' phone numbers, ID numbers and names, everywhere by default.

The one place these rules live: a single value (a phone column) and free text (a title, a content, a
note) are masked the same way. This module imports nothing of the app, so the ledger's chain writer
(wzdesk/models/chain.py, below this layer) can mask notes as it appends them.
"""

import re

# An 18-character ID number (the last may be X), not inside a longer run (a 15-digit platform code is not one).
_ID_NO = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<![0-9])(?:\+?86[- ]?)?(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?![0-9])")
# Area code 0XX or 0XXX, then a 7- or 8-digit local number (a hyphen, a full-width one or a space between).
_LANDLINE = re.compile(r"(?<![0-9])(0\d{2,3})[-－— ]?([2-9]\d{6,7})(?![0-9])")
# "反映人钱九来电", "来电人：李强，": a name after the word for the person who called.
_NAMED = re.compile(r"(反映人|来电人|诉求人|投诉人|举报人|当事人)([：:]?\s*)([\u4e00-\u9fa5]{2,3}?)"
                    r"(?=来电|反映|投诉|举报|称|说|诉|要求|先生|女士|[，,。；;、\s（(]|$)")
# What each pattern above needs somewhere in the text: a digit (\d, as they read it) or the 人 of the words.
_MAYBE_MASKED = re.compile(r"\d|人")


def mask_phone(phone: str | None) -> str:
    """Return 138****5678 for 13812345678, 0739-****456 for 0739-5123456; short values are masked whole."""
    digits = (phone or "").strip()
    if not digits or "*" in digits:
        return digits
    masked = mask_text(digits)
    if masked != digits:
        return masked
    if len(digits) < 7:
        return "*" * len(digits)
    return digits[:3] + "****" + digits[-4:]


def mask_id_no(id_no: str | None) -> str:
    """Return 430***********1234 for an 18-character ID number (the first three and the last four kept,
    DESIGN.md "Privacy")."""
    text = (id_no or "").strip()
    if len(text) < 10:
        return "*" * len(text)
    return text[:3] + "*" * (len(text) - 7) + text[-4:]


def mask_name(name: str | None) -> str:
    """Return 王*芳 for 王小芳 and 王* for 王芳: the first character kept, and the last of a longer name."""
    text = (name or "").strip()
    if len(text) <= 1:
        return text
    if len(text) == 2:
        return text[0] + "*"
    return text[0] + "*" * (len(text) - 2) + text[-1]


def mask_text(text: str | None, names: tuple[str, ...] = ()) -> str:
    """Mask every ID number, mobile and landline typed in free text, the given names, and any name that
    follows 反映人/来电人 (a title like "反映人钱九来电")."""
    out = text or ""
    if not out or (not names and not _MAYBE_MASKED.search(out)):  # most notes: nothing to mask, one scan
        return out
    out = _ID_NO.sub(lambda m: mask_id_no(m.group(0)), out)
    out = _MOBILE.sub(lambda m: f"{m.group(1)}****{m.group(3)}", out)
    out = _LANDLINE.sub(lambda m: f"{m.group(1)}-****{m.group(2)[-3:]}", out)
    for name in sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=len, reverse=True):
        out = out.replace(name, mask_name(name))
    return _NAMED.sub(lambda m: m.group(1) + m.group(2) + mask_name(m.group(3)), out)


def mask_case_text(text: str | None, case) -> str:
    """Mask free text written about a case: numbers, and its petitioner's name wherever it stands."""
    return mask_text(text, (getattr(case, "petitioner_name", "") or "",))
