"""Duty menus at work: the steps a department owes on a case, their completion, and duty breaches."""

from datetime import datetime, time, timedelta

from wzdesk.cases import messages
from wzdesk.errors import UserError
from wzdesk.models import Case, CaseDutyStep, DutyMenu, DutyStep, Operator, case_versions, write_transaction
from wzdesk.models import chain as ledger
from wzdesk.office.workcalendar import WorkCalendar


def step_due(dispatched_at: datetime, step: DutyStep, cal: WorkCalendar) -> datetime:
    """Return when a duty step falls due: natural hours or days from dispatch, or the end of a working day."""
    if step.limit_unit == "hours":
        return dispatched_at + timedelta(hours=step.limit_value)
    if step.limit_unit == "days":
        return dispatched_at + timedelta(days=step.limit_value)
    day = cal.add_working_days(dispatched_at.date(), step.limit_value).day
    return datetime.combine(day, time(23, 59, 59))


def menu_steps(category_id: int | None) -> list[DutyStep]:
    """Return the active steps of a category's duty menu, in order."""
    if category_id is None:
        return []
    return list(DutyStep.select().join(DutyMenu).where(DutyMenu.category == category_id, DutyStep.active)
                .order_by(DutyStep.seq))


def open_steps(case: Case, cal: WorkCalendar) -> None:
    """Owe the lead department its category's duty steps from this dispatch; call inside its transaction.

    A department the case comes back to after a return or reassignment owes the steps it was let off afresh.
    """
    for step in menu_steps(case.category_id):
        due_at = step_due(case.dispatched_at, step, cal)
        CaseDutyStep.insert(case=case, step=step, department=case.lead_department_id,
                            due_at=due_at).on_conflict_ignore().execute()
        CaseDutyStep.update(due_at=due_at, closed_as="", closed_at=None).where(
            CaseDutyStep.case == case, CaseDutyStep.step == step,
            CaseDutyStep.department == case.lead_department_id, CaseDutyStep.closed_as != "").execute()


def close_open_steps(case: Case, department_id: int | None, reason: str, at: datetime) -> int:
    """Let a department off the duty steps it still owes on a case it returned or lost (退回 / 改派)."""
    return CaseDutyStep.update(closed_as=reason, closed_at=at.replace(microsecond=0)).where(
        CaseDutyStep.case == case, CaseDutyStep.department == department_id, CaseDutyStep.done_at.is_null(),
        CaseDutyStep.breached_at.is_null(), CaseDutyStep.closed_as == "").execute()


def complete(case_step: CaseDutyStep, at: datetime, operator: Operator, evidence: str = "",
             expected_version: int | None = None) -> CaseDutyStep:
    """Record that the department did a duty step (with its evidence, e.g. a photo's description)."""
    if case_step.done_at is not None:
        raise UserError(f"“{case_step.step.name}”已于 {case_step.done_at:%Y-%m-%d %H:%M} 完成，无需重复登记。")
    if case_step.step.evidence == "photo" and not evidence.strip():
        raise UserError(f"“{case_step.step.name}”需要照片等佐证，请填写佐证说明。")
    case = case_step.case
    case_versions.expect(case, expected_version)
    with write_transaction():
        case_versions.touch(case)  # the case's steps are part of what the clerk saw
        case_step.done_at, case_step.evidence = at.replace(microsecond=0), evidence.strip()
        case_step.save()
        late = "（超时完成）" if case_step.done_at > case_step.due_at else ""
        note = f"{case_step.step.name}{late}" + (f"：{evidence}" if evidence else "")
        ledger.append(case_id=case.id, at=at, recorded_at=ledger.wall_clock(), action="duty_step_done",
                      from_status=case.status, to_status=case.status, department_id=case_step.department_id,
                      operator_id=operator.id, note=note)
        messages.queue(case, "duty_step_done", at, extra={"step": case_step.step.name})
    return case_step


def record_breaches(at: datetime, operator: Operator, case_ids: list[int] | None = None) -> list[CaseDutyStep]:
    """Mark each duty step not done by its due time as a breach against its department, flagging the case."""
    late = (CaseDutyStep.select(CaseDutyStep, DutyStep, Case).join(DutyStep)
            .switch(CaseDutyStep).join(Case)
            .where(CaseDutyStep.breached_at.is_null(), CaseDutyStep.closed_as == "", CaseDutyStep.due_at < at,
                   CaseDutyStep.done_at.is_null() | (CaseDutyStep.done_at > CaseDutyStep.due_at)))
    if case_ids is not None:
        late = late.where(CaseDutyStep.case.in_(case_ids))
    found = []
    for case_step in late:
        with write_transaction():
            case = case_step.case
            CaseDutyStep.update(breached_at=at).where(CaseDutyStep.id == case_step.id).execute()
            Case.update(**case_versions.bumped(flag_duty_breach=True)).where(Case.id == case.id).execute()
            ledger.append(case_id=case.id, at=at, recorded_at=ledger.wall_clock(), action="duty_breach",
                          from_status=case.status, to_status=case.status, department_id=case_step.department_id,
                          operator_id=operator.id,
                          note=f"未在时限内完成“{case_step.step.name}”（应于 {case_step.due_at:%m-%d %H:%M} 前）")
        found.append(case_step)
    return found


def step_states(case: Case, at: datetime) -> list[tuple[CaseDutyStep, str]]:
    """Return each duty step owed on a case with its state in Chinese: 已完成, 超时完成, 待办, 已超时, 退回, 改派."""
    rows = []
    for case_step in case.duty_steps.join(DutyStep).order_by(CaseDutyStep.department, DutyStep.seq):
        if case_step.closed_as:
            state = case_step.closed_as
        elif case_step.done_at:
            state = "超时完成" if case_step.done_at > case_step.due_at else "已完成"
        else:
            state = "已超时" if at > case_step.due_at else "待办"
        rows.append((case_step, state))
    return rows


def outstanding_steps(case: Case) -> list[CaseDutyStep]:
    """Return the case's duty steps not yet done, in the order they were opened."""
    return list(case.duty_steps.where(CaseDutyStep.done_at.is_null()).order_by(CaseDutyStep.id))


def case_step_by_id(case_step_id: int | None) -> CaseDutyStep | None:
    """Return the case's duty step with this id, or None when there is none."""
    return CaseDutyStep.get_or_none(CaseDutyStep.id == case_step_id) if case_step_id is not None else None
