"""The open cases like a new one, shown to the clerk at intake: the same phone, or the same community
and category, within the last 30 days (DESIGN.md "Repeat complaints")."""

from datetime import timedelta

from wzdesk.cases.phones import REPEAT_DAYS, recent_cases
from wzdesk.models import CLOSED, Case


def similar_open_cases(case: Case, limit: int = 10) -> list[Case]:
    """Return the other open cases from the same number or the same community and category, newest first."""
    at = case.received_at
    found = {c.id: c for c in recent_cases(case.petitioner_phone, at)} if case.petitioner_phone else {}
    if case.community and case.category_id:
        since = at - timedelta(days=REPEAT_DAYS)
        for other in (Case.select().where(Case.community == case.community, Case.category == case.category_id,
                                          Case.received_at >= since, Case.received_at <= at)
                      .order_by(Case.received_at.desc()).limit(limit)):
            found[other.id] = other
    others = [c for c in found.values() if c.id != case.id and c.status != CLOSED]
    return sorted(others, key=lambda c: c.received_at, reverse=True)[:limit]
