"""Handling complaints (我有话说): a citizen's objection turns the case red until a clerk clears it."""

from datetime import datetime

from wzdesk.cases import messages
from wzdesk.errors import UserError
from wzdesk.models import Case, Complaint, Operator, case_versions, write_transaction
from wzdesk.models import chain as ledger


def open_complaints(case: Case) -> list[Complaint]:
    """Return the case's complaints not yet cleared, oldest first."""
    return list(Complaint.select().where(Complaint.case == case, Complaint.cleared_at.is_null())
                .order_by(Complaint.at, Complaint.id))


def record_complaint(case: Case, content: str, at: datetime, operator: Operator, channel: str = "",
                     expected_version: int | None = None) -> Complaint:
    """Record the citizen's objection; the case is flagged red and heads the supervision queue."""
    case_versions.expect(case, expected_version)
    content = (content or "").strip()
    if not content:
        raise UserError("请填写反映人吐槽的内容。")
    with write_transaction():
        complaint = Complaint.create(case=case, at=at.replace(microsecond=0), content=content, channel=channel)
        case.flag_complaint = True
        case.updated_at = at
        case.save()
        ledger.append(case_id=case.id, at=at, recorded_at=ledger.wall_clock(), action="complaint",
                      from_status=case.status, to_status=case.status, operator_id=operator.id,
                      department_id=case.lead_department_id, note=content[:200],
                      data={"complaint": complaint.id, "channel": channel})
    return complaint


def clear_complaint(complaint: Complaint, note: str, at: datetime, operator: Operator,
                    expected_version: int | None = None) -> Complaint:
    """Clear a complaint with a note; the red flag goes once no other complaint on the case is open."""
    note = (note or "").strip()
    if not note:
        raise UserError("请填写处理说明：核实了什么、怎样回应了反映人。")
    if complaint.cleared_at is not None:
        raise UserError(f"这条吐槽已于 {complaint.cleared_at:%Y-%m-%d %H:%M} 处理过。")
    if at < complaint.at:
        raise UserError("处理时间不能早于吐槽时间。")
    case = complaint.case
    case_versions.expect(case, expected_version)
    with write_transaction():
        complaint.cleared_at, complaint.cleared_by, complaint.clear_note = at.replace(microsecond=0), operator, note
        complaint.save()
        case.flag_complaint = bool(open_complaints(case))
        case.updated_at = at
        case.save()
        ledger.append(case_id=case.id, at=at, recorded_at=ledger.wall_clock(), action="complaint_cleared",
                      from_status=case.status, to_status=case.status, operator_id=operator.id,
                      department_id=case.lead_department_id, note=note, data={"complaint": complaint.id})
        messages.queue(case, "complaint_cleared", at)
    return complaint


def complaint_by_id(complaint_id: int | None) -> Complaint | None:
    """Return the complaint with this id, or None when there is none."""
    return Complaint.get_or_none(Complaint.id == complaint_id) if complaint_id is not None else None
