"""The queues of the 核验与回访 page as plain rows: checks to do, ratings to collect, complaints, proposals."""

from dataclasses import dataclass
from datetime import datetime

from peewee import JOIN, fn

from wzdesk.cases.offers import Offer
from wzdesk.citizen import complaints, verification
from wzdesk.models import CLOSED, MERGED, Case, Complaint, Department, Rating, Verification
from wzdesk.vocabulary import STATUS_LABELS

QUEUE_LIMIT = 2000  # a queue longer than this is a backlog to clear from the ledger, not from a tab


@dataclass(frozen=True)
class CaseRow:
    """A case waiting in a queue, with what it waits for."""

    case_id: int
    code: str
    title: str
    department: str
    status: str
    since: datetime | None
    detail: str = ""
    record_id: int | None = None  # the booked check or the complaint the row is about


@dataclass(frozen=True)
class ComplaintRow:
    complaint_id: int
    case_id: int
    code: str
    title: str
    at: datetime
    content: str
    open: bool
    clear_note: str


def _dept_name(case: Case) -> str:
    return case.lead_department.name if case.lead_department_id else "—"


def verification_queue() -> list[CaseRow]:
    """Return replied cases awaiting a check: booked checks first by their time, then the unbooked."""
    query = (Case.select(Case, Department).join(Department, JOIN.LEFT_OUTER, on=Case.lead_department == Department.id)
             .where(Case.status == "replied").order_by(Case.replied_at, Case.id).limit(QUEUE_LIMIT))
    cases = list(query)
    bookings = _pending_bookings([case.id for case in cases])  # one query, not one per case
    rows = []
    for case in cases:
        booking = bookings.get(case.id)
        detail = (f"已预约 {booking.planned_at:%m-%d %H:%M}　{booking.staff}" if booking else "未预约")
        rows.append(CaseRow(case.id, case.code, case.title, _dept_name(case), STATUS_LABELS[case.status],
                            case.replied_at, detail, booking.id if booking else None))
    booked = sorted((r for r in rows if r.record_id), key=lambda r: bookings[r.case_id].planned_at)
    return booked + [r for r in rows if not r.record_id]


def _pending_bookings(case_ids: list[int]) -> dict[int, Verification]:
    """Return each case's earliest booked check that has no result yet."""
    found: dict[int, Verification] = {}
    for start in range(0, len(case_ids), 500):
        pending = (Verification.select().where(Verification.case.in_(case_ids[start:start + 500]),
                                               Verification.result == "pending")
                   .order_by(Verification.planned_at.desc()))
        found.update({v.case_id: v for v in pending})  # the earliest comes last and wins
    return found


def rating_queue() -> list[CaseRow]:
    """Return replied or verified cases with no rating since their reply, longest waiting first; then the merged
    repeats of closed cases whose petitioners have not given their verdict since the main case closed."""
    rated = Rating.select(fn.COUNT(Rating.id)).where(Rating.case == Case.id, Rating.at >= Case.replied_at)
    query = (Case.select(Case, Department).join(Department, JOIN.LEFT_OUTER, on=Case.lead_department == Department.id)
             .where(Case.status.in_(["replied", "verified"]), rated == 0)
             .order_by(Case.replied_at, Case.id).limit(QUEUE_LIMIT))
    rows = [CaseRow(c.id, c.code, c.title, _dept_name(c), STATUS_LABELS[c.status], c.replied_at) for c in query]
    return rows + _repeats_to_rate(QUEUE_LIMIT - len(rows))


def _repeats_to_rate(limit: int) -> list[CaseRow]:
    """Return the merged repeats of closed main cases with no rating since the main case closed."""
    main, lead = Case.alias(), Department.alias()
    rated = Rating.select(fn.COUNT(Rating.id)).where(Rating.case == Case.id, Rating.at >= main.closed_at)
    query = (Case.select(Case, main.code.alias("main_code"), main.closed_at.alias("main_closed"),
                         lead.name.alias("main_lead"))
             .join(main, on=(Case.merged_into == main.id))
             .join(lead, JOIN.LEFT_OUTER, on=(main.lead_department == lead.id))
             .where(Case.status == MERGED, main.status == CLOSED, rated == 0)
             .order_by(main.closed_at, Case.id).limit(max(limit, 0)).objects())
    return [CaseRow(c.id, c.code, c.title, c.main_lead or "—", STATUS_LABELS[MERGED], c.main_closed,
                    f"并入 {c.main_code}，主件已办结，请反映人评价") for c in query]


def complaint_rows(cleared_limit: int = 200) -> list[ComplaintRow]:
    """Return open complaints first (oldest first), then the most recently cleared ones."""
    open_q = Complaint.select(Complaint, Case).join(Case).where(Complaint.cleared_at.is_null()).order_by(
        Complaint.at, Complaint.id)
    done_q = Complaint.select(Complaint, Case).join(Case).where(Complaint.cleared_at.is_null(False)).order_by(
        Complaint.cleared_at.desc(), Complaint.id.desc()).limit(cleared_limit)
    return [ComplaintRow(c.id, c.case_id, c.case.code, c.case.title, c.at, c.content, c.cleared_at is None,
                         c.clear_note) for c in [*open_q, *done_q]]


def citizen_actions(case: Case | None) -> list[str]:
    """Return the citizen-side actions a case offers now (beyond its lifecycle actions)."""
    return [offer.action for offer in citizen_offers(case) if offer.allowed]


def citizen_offers(case: Case | None) -> list[Offer]:
    """Return the citizen-side steps the case offers (booking, result, complaints), each with why not."""
    if case is None:
        return []
    booked = verification.pending_booking(case)
    offers = []
    if case.status == "replied":
        offers.append(Offer("book_verification", _booked_already(booked)))
    if booked is not None:
        offers.append(Offer("verification_result", "" if case.status == "replied" else (
            f"工单当前状态为“{STATUS_LABELS[case.status]}”，预约的核验已不必登记结果（答复后才核验）。")))
    offers.append(Offer("complaint"))
    if complaints.open_complaints(case):
        offers.append(Offer("clear_complaint"))
    return offers


def _booked_already(booked: Verification | None) -> str:
    if booked is None:
        return ""
    return f"已预约 {booked.planned_at:%Y-%m-%d %H:%M} 的现场核验，请先登记那次核验的结果。"


