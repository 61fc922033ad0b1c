"""Per-year counters for case codes and document numbers: never reused, no gaps."""

from wzdesk.models import Case, Sequence, db
from wzdesk.office import settings


def next_value(kind: str, year: int) -> int:
    """Take the next number of a kind for a year; call inside the write transaction that uses it."""
    with db.atomic():
        Sequence.insert(kind=kind, year=year, value=0).on_conflict_ignore().execute()
        Sequence.update(value=Sequence.value + 1).where(Sequence.kind == kind, Sequence.year == year).execute()
        return Sequence.get(Sequence.kind == kind, Sequence.year == year).value


def next_case_code(year: int) -> str:
    """Return the next free hand-entry code such as WZ-2026-000123."""
    prefix = settings.get("case_code_prefix")
    while True:  # an imported platform code could in theory have taken the number already
        code = f"{prefix}-{year}-{next_value('case_code', year):06d}"
        if not Case.select().where(Case.code == code).exists():
            return code


def reserve(kind: str, year: int, count: int) -> int:
    """Take `count` consecutive numbers at once (for bulk loads); return the first."""
    with db.atomic():
        Sequence.insert(kind=kind, year=year, value=0).on_conflict_ignore().execute()
        Sequence.update(value=Sequence.value + count).where(
            Sequence.kind == kind, Sequence.year == year).execute()
        return Sequence.get(Sequence.kind == kind, Sequence.year == year).value - count + 1
