"""The case lifecycle: each transition checked against the state machine and written with its event."""

from collections.abc import Iterable
from datetime import datetime

from wzdesk.cases import deadlines, messages
from wzdesk.cases.duties import close_open_steps
from wzdesk.errors import UserError
from wzdesk.models import (
    CLOSED,
    MERGED,
    Case,
    CaseCoDepartment,
    Department,
    Operator,
    Rating,
    Staff,
    Verification,
    case_versions,
    write_transaction,
)
from wzdesk.models import chain as ledger
from wzdesk.office import settings
from wzdesk.office.codes import next_case_code
from wzdesk.office.workcalendar import WorkCalendar
from wzdesk.vocabulary import (
    ACTION_LABELS,
    DISSATISFIED,
    GRADE_LABELS,
    RATING_LABELS,
    SOLVED_NOTE,
    STATUS_LABELS,
    THREE_LEVELS,
)

WORKING = ("dispatched", "accepted", "in_progress")
# action -> the statuses it may start from; the target is decided by the action itself.
ALLOWED_FROM = {
    "dispatch": ("received", "returned"),
    "accept": ("dispatched",),
    "return": WORKING,
    "reassign": WORKING,
    "progress": ("accepted", "in_progress"),
    "reply": ("accepted", "in_progress"),
    "verify_pass": ("replied",),
    "verify_fail": ("replied", "verified"),
    "rate": ("replied", "verified", "closed"),
    "close": ("replied", "verified"),
    "reopen": ("replied", "verified", "closed"),
}


def check_allowed(case: Case, action: str) -> None:
    """Refuse an action the case's status does not allow, naming both in Chinese."""
    if case.status not in ALLOWED_FROM[action]:
        allowed = "、".join(STATUS_LABELS[s] for s in ALLOWED_FROM[action])
        raise UserError(
            f"工单 {case.code} 当前状态为“{STATUS_LABELS[case.status]}”，不能{ACTION_LABELS[action]}"
            f"（只有“{allowed}”的工单可以）。"
        )


def _record(case: Case, action: str, at: datetime, operator: Operator, from_status: str, **extra):
    case.updated_at = at
    case.save()
    return ledger.append(
        case_id=case.id, at=at, recorded_at=ledger.wall_clock(), action=action, from_status=from_status,
        to_status=case.status, operator_id=operator.id, **extra,
    )


def _require(text: str | None, what: str) -> str:
    value = (text or "").strip()
    if not value:
        raise UserError(f"请填写{what}。")
    return value


def _check_time(case: Case, at: datetime) -> None:
    if at < case.received_at:
        raise UserError(f"时间 {at:%Y-%m-%d %H:%M} 早于工单 {case.code} 的受理时间，请核对。")


def intake(fields: dict, at: datetime, operator: Operator, code: str | None = None) -> Case:
    """Register a new case (受理); a hand-entered case gets the next WZ code, an imported one keeps its own."""
    title = _require(fields.get("title"), "诉求标题")
    grade = fields.get("grade", "minor")
    if grade not in GRADE_LABELS:
        raise UserError(f"分级“{grade}”无效，可选：小、中、大。")
    with write_transaction():
        if code is None:
            code = next_case_code(at.year)
        elif Case.by_code(code):
            raise UserError(f"工单编号 {code} 已存在，不能重复受理。")
        received_at = (fields.get("received_at") or at).replace(microsecond=0)
        values = {k: v for k, v in fields.items() if k not in {"title", "grade", "received_at"}}
        case = Case.create(
            code=code, title=title, grade=grade, status="received", received_at=received_at,
            created_at=at, updated_at=at, **values,
        )
        _record(case, "intake", received_at, operator, "", note=fields.get("content", "")[:200])
        messages.queue(case, "received", received_at)
    return case


def dispatch(
    case: Case,
    lead: Department,
    at: datetime,
    operator: Operator,
    co_departments: Iterable[Department] = (),
    handler: Staff | None = None,
    coordinator: str = "",
    note: str = "",
    cal: WorkCalendar | None = None,
    expected_version: int | None = None,
) -> Case:
    """Send a case to its lead department (and co-departments) and start the clock."""
    case_versions.expect(case, expected_version)
    check_allowed(case, "dispatch")
    _check_time(case, at)
    co = [d for d in co_departments if d.id != lead.id]
    with write_transaction():
        before = case.status
        _start_clock(case, lead, at, handler, cal)
        case.first_receiver = case.first_receiver or lead
        if coordinator:
            case.coordinator = coordinator
        for dept in co:
            CaseCoDepartment.insert(case=case, department=dept, joined_at=at).on_conflict_ignore().execute()
        co_note = f"；协办：{'、'.join(d.name for d in co)}" if co else ""
        _record(
            case, "dispatch", at, operator, before, to_department_id=lead.id,
            department_id=lead.id, note=(note + co_note).strip("；"),
        )
        messages.queue(case, "dispatched", at)
    return case


def _start_clock(case, lead, at, handler, cal) -> None:
    from wzdesk.cases.duties import open_steps  # duties builds on the lifecycle's transactions

    cal = cal or WorkCalendar.from_db()
    clock = deadlines.start_clock(at, case.grade, settings.limits(), cal)
    case.status = "dispatched"
    case.lead_department = lead
    case.handler = handler
    case.dispatched_at = at.replace(microsecond=0)
    case.dispatch_count += 1
    case.response_due_at = clock.response_due_at
    case.responded_at = case.contacted_at = None
    case.due_at = clock.due_at
    case.warn_at = clock.warn_at
    case.due_provisional = clock.provisional
    case.save()
    open_steps(case, cal)


def accept(case: Case, at: datetime, operator: Operator, expected_at: datetime | None = None,
           handler: Staff | None = None, note: str = "", expected_version: int | None = None) -> Case:
    """Record that the lead department signed for the case: its first response."""
    case_versions.expect(case, expected_version)
    check_allowed(case, "accept")
    _check_time(case, at)
    with write_transaction():
        case.status = "accepted"
        case.responded_at = at.replace(microsecond=0)
        case.expected_at = expected_at
        case.handler = handler or case.handler
        _record(case, "accept", at, operator, "dispatched", department_id=case.lead_department_id, note=note)
        messages.queue(case, "accepted", at)
    return case


def return_case(case: Case, reason: str, at: datetime, operator: Operator,
                expected_version: int | None = None) -> Case:
    """Record that the department sent the case back with its reasons; the office re-dispatches it.

    The first receiver may not return a case (首接负责制); the department's open duty steps close as 退回.
    """
    case_versions.expect(case, expected_version)
    check_allowed(case, "return")
    reason = _require(reason, "退回理由")
    check_not_first_receiver(case)
    with write_transaction():
        before, dept_id = case.status, case.lead_department_id
        close_open_steps(case, dept_id, "退回", at)
        case.status = "returned"
        case.due_at = case.warn_at = case.response_due_at = None
        _record(case, "return", at, operator, before, from_department_id=dept_id, department_id=dept_id,
                note=reason)
    return case


def reassign(case: Case, lead: Department, reason: str, at: datetime, operator: Operator,
             handler: Staff | None = None, cal: WorkCalendar | None = None,
             expected_version: int | None = None) -> Case:
    """Move the case to another lead department (the office's act, with a reason).

    The clock restarts for the new department only; the old one's open duty steps close as 改派.
    """
    case_versions.expect(case, expected_version)
    check_allowed(case, "reassign")
    reason = _require(reason, "改派理由")
    if lead.id == case.lead_department_id:
        raise UserError(f"工单 {case.code} 已由{lead.name}承办，无需改派。")
    with write_transaction():
        before, old = case.status, case.lead_department_id
        close_open_steps(case, old, "改派", at)
        _start_clock(case, lead, at, handler, cal)
        _record(case, "reassign", at, operator, before, from_department_id=old, to_department_id=lead.id,
                department_id=lead.id, note=reason)
        messages.queue(case, "dispatched", at)
    return case


def check_not_first_receiver(case: Case) -> None:
    if case.first_receiver_id is not None and case.first_receiver_id == case.lead_department_id:
        raise UserError(
            f"{case.lead_department.name}是工单 {case.code} 的首接单位，按首接负责制不能退回；"
            "如需其他部门配合，可请督办室增派协办单位，或由督办室说明理由后改派。"
        )


def progress(case: Case, note: str, at: datetime, operator: Operator,
             department: Department | None = None, expected_version: int | None = None) -> Case:
    """Record a progress note from the lead or a co-department (a co-department's note is joint action)."""
    case_versions.expect(case, expected_version)
    check_allowed(case, "progress")
    note = _require(note, "办理进展")
    dept = department or case.lead_department
    _check_involved(case, dept)
    with write_transaction():
        before = case.status
        case.status = "in_progress"
        if dept.id == case.lead_department_id:
            _note_contact(case, at)
        _record(case, "progress", at, operator, before, department_id=dept.id, note=note)
        messages.queue(case, "progress", at, extra={"note": note})
    return case


def _check_involved(case: Case, dept: Department) -> None:
    co_ids = {link.department_id for link in case.co_links}
    if dept.id != case.lead_department_id and dept.id not in co_ids:
        raise UserError(f"{dept.name}不是工单 {case.code} 的承办或协办单位。")


def reply(case: Case, content: str, at: datetime, operator: Operator, expected_version: int | None = None) -> Case:
    """Record the department's reply (答复): the work is reported done and awaits checking."""
    case_versions.expect(case, expected_version)
    check_allowed(case, "reply")
    content = _require(content, "答复内容")
    with write_transaction():
        before = case.status
        case.status = "replied"
        case.replied_at = at.replace(microsecond=0)
        _note_contact(case, at)
        _record(case, "reply", at, operator, before, department_id=case.lead_department_id, note=content)
        messages.queue(case, "replied", at)
    return case


def _note_contact(case: Case, at: datetime) -> None:
    """Keep the lead department's first contact with the petitioner: its first progress note or reply."""
    if case.contacted_at is None:
        case.contacted_at = at.replace(microsecond=0)


def verify(case: Case, passed: bool, finding: str, at: datetime, operator: Operator,
           staff: str = "", with_petitioner: bool = False, booking: Verification | None = None,
           expected_version: int | None = None) -> Verification:
    """Record an on-site check (completing a booked one if given); a failed one reopens the case (返工)."""
    action = "verify_pass" if passed else "verify_fail"
    case_versions.expect(case, expected_version)
    check_allowed(case, action)
    finding = _require(finding, "核验情况")
    if booking is not None and (booking.case_id != case.id or booking.result != "pending"):
        raise UserError(f"这次核验预约不属于工单 {case.code}，或已登记过结果。")
    with write_transaction():
        record = booking or Verification(case=case, planned_at=at, operator=operator, created_at=at)
        record.performed_at, record.finding = at, finding
        record.staff = staff or record.staff
        record.with_petitioner = with_petitioner or record.with_petitioner
        record.result = "passed" if passed else "failed"
        record.save()
        before = case.status
        if passed:
            case.status = "verified"
        else:
            _mark_reopened(case)
        _record(case, action, at, operator, before, department_id=case.lead_department_id, note=finding,
                data={"verification": record.id})
        if not passed:
            messages.queue(case, "reopened", at)
    return record


def _mark_reopened(case: Case) -> None:
    case.status = "in_progress"
    case.reopen_count += 1
    case.flag_false_closure = True
    case.closed_at = None


def rate(case: Case, level: str, at: datetime, operator: Operator, comment: str = "",
         channel: str = "电话回访", solved: bool | None = None, expected_version: int | None = None) -> Rating:
    """Record the return visit: solved or not (None: not asked) and the rating; a dissatisfied one reopens.

    A merged repeat's petitioner is asked too once the main case is closed (DESIGN.md "Repeat complaints").
    """
    case_versions.expect(case, expected_version)
    if case.status == MERGED:
        return _rate_repeat(case, level, at, operator, comment, channel, solved)
    check_allowed(case, "rate")
    _check_level(level)
    with write_transaction():
        record = Rating.create(
            case=case, level=level, scale=settings.get("rating_scale"), department=case.lead_department,
            handler=case.handler, at=at, channel=channel, comment=comment, operator=operator, solved=solved,
        )
        before = case.status
        case.rating = level
        if level in DISSATISFIED:
            _mark_reopened(case)
        _record(case, "rate", at, operator, before, department_id=case.lead_department_id,
                note=RATING_LABELS[level] + SOLVED_NOTE[solved] + (f"：{comment}" if comment else ""),
                data={"rating": record.id})
        if level in DISSATISFIED:
            messages.queue(case, "reopened", at)
    return record


def _check_level(level: str) -> None:
    if level not in RATING_LABELS:
        raise UserError(f"评价“{level}”无效，可选：{'、'.join(RATING_LABELS.values())}。")
    if settings.get("rating_scale") == 3 and level not in THREE_LEVELS:
        raise UserError(f"本室回访评价用三档（满意、基本满意、不满意），不能记为“{RATING_LABELS[level]}”。")


def _rate_repeat(repeat: Case, level: str, at: datetime, operator: Operator, comment: str, channel: str,
                 solved: bool | None) -> Rating:
    """Record a merged repeat's petitioner's verdict on the main case's result, on the repeat.

    The rates count the main case once, so this verdict names no department; a dissatisfied one reopens
    nothing by itself (the clerk decides whether the main case is redone).
    """
    main = Case.get_by_id(repeat.merged_into_id)
    if main.status != CLOSED:
        raise UserError(f"工单 {repeat.code} 已并入 {main.code}，主件尚未办结，还不能请反映人评价。")
    _check_level(level)
    with write_transaction():
        record = Rating.create(case=repeat, level=level, scale=settings.get("rating_scale"), department=None,
                               handler=None, at=at, channel=channel, comment=comment, operator=operator, solved=solved)
        repeat.rating = level
        note = (f"{RATING_LABELS[level]}{SOLVED_NOTE[solved]}（对并入的工单 {main.code} 的办理结果，满意率只计主件）"
                + (f"：{comment}" if comment else ""))
        _record(repeat, "rate", at, operator, MERGED, department_id=main.lead_department_id, note=note,
                data={"rating": record.id})
    return record


def close(case: Case, at: datetime, operator: Operator, note: str = "", expected_version: int | None = None) -> Case:
    """Close a case (办结): only after a reply and a passed check or a rating that is not dissatisfied."""
    case_versions.expect(case, expected_version)
    check_allowed(case, "close")
    if not _confirmed_since_reply(case):
        raise UserError(
            f"工单 {case.code} 还不能办结：需要现场核验通过，或反映人的回访评价不是“不满意”。"
        )
    with write_transaction():
        before = case.status
        case.status = "closed"
        case.closed_at = at.replace(microsecond=0)
        _record(case, "close", at, operator, before, department_id=case.lead_department_id, note=note)
        messages.queue(case, "closed", at)
    return case


def rate_and_close(case: Case, level: str, at: datetime, operator: Operator, comment: str = "",
                   channel: str = "电话回访", solved: bool | None = None, expected_version: int | None = None,
                   note: str = "回访评价后办结") -> Rating:
    """Record a return visit that is not dissatisfied and close the case in one transaction: both events or none."""
    case_versions.expect(case, expected_version)
    if not rating_closes(case, level):
        check_allowed(case, "close")
        _check_level(level)
        raise UserError(f"工单 {case.code} 的回访评价为“{RATING_LABELS[level]}”，不能随评价一并办结。")
    with write_transaction():
        record = rate(case, level, at, operator, comment=comment, channel=channel, solved=solved)
        close(case, at, operator, note=note)
    return record


def rating_closes(case: Case, level: str | None) -> bool:
    """Return whether a return visit of this level lets the case be closed in the same step (满意 → 办结)."""
    return level is not None and case.status in ALLOWED_FROM["close"] and level not in DISSATISFIED


def refusal(case: Case, action: str) -> str:
    """Return why an action is not allowed on a case now, or "" when it is (the window's greyed buttons say it)."""
    try:
        check_allowed(case, action)
    except UserError as exc:
        return str(exc)
    if action == "close" and not _confirmed_since_reply(case):
        return "还不能办结：需要现场核验通过，或反映人的回访评价不是“不满意”。"
    return ""


def _confirmed_since_reply(case: Case) -> bool:
    if case.status == "verified":
        return True
    latest = (Rating.select().where(Rating.case == case, Rating.at >= case.replied_at)
              .order_by(Rating.at.desc(), Rating.id.desc()).first())
    return latest is not None and latest.level not in DISSATISFIED


def reopen(case: Case, reason: str, at: datetime, operator: Operator, expected_version: int | None = None) -> Case:
    """Send a replied or closed case back to work (重办): a false closure to be redone."""
    case_versions.expect(case, expected_version)
    check_allowed(case, "reopen")
    reason = _require(reason, "重办原因")
    with write_transaction():
        before = case.status
        _mark_reopened(case)
        _record(case, "reopen", at, operator, before, department_id=case.lead_department_id, note=reason)
        messages.queue(case, "reopened", at)
    return case


def holder(case: Case) -> str:
    """Say in Chinese who has the case now, like a parcel's current station."""
    if case.status in WORKING:
        who = case.lead_department.name if case.lead_department else "承办单位"
        return who + (f"（经办人 {case.handler.name}）" if case.handler_id else "")
    if case.status == "merged":
        return f"已并入工单 {case.merged_into.code}" if case.merged_into_id else "已合并"
    return {
        "received": "督办室（待派单）",
        "returned": "督办室（已退回，待重新派单）",
        "replied": "督办室（待核验、回访）",
        "verified": "督办室（核验通过，待办结）",
        "closed": "已办结",
    }[case.status]
