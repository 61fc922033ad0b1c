"""Leader coordination as a real step: the meeting the coordination notice asked for, and its decisions.

The ladder issues the numbered coordination notice to the lead department's leader in charge; the
office then records the meeting (date, who came, what was decided, by when). Each decision is owed by
the lead department like a duty step: done with its moment, or missed and a duty breach.
"""

from datetime import date, datetime

from wzdesk.cases.deadlines import decision_due
from wzdesk.errors import UserError
from wzdesk.models import Case, CoordinationMeeting, LadderStep, MeetingDecision, Notice, Operator, write_transaction
from wzdesk.office.workcalendar import WorkCalendar
from wzdesk.supervision import follow_ups


def leader_in_charge(case: Case) -> str:
    """Return the lead department's leader in charge as the coordination notice names them: 副局长王建国."""
    dept = case.lead_department
    return f"{dept.leader_title or '分管领导'}{dept.leader_name}".strip()


def coordination_notice(case: Case) -> Notice | None:
    """Return the coordination notice the ladder issued for the case's current dispatch, if any."""
    step = LadderStep.get_or_none(LadderStep.case == case, LadderStep.step == "leader_coordination",
                                  LadderStep.dispatch_no == case.dispatch_count)
    return step.notice if step and step.notice_id else None


def record_meeting(case: Case, held_on: date, attendees: str, decisions: list[tuple[str, date]], at: datetime,
                   operator: Operator, chaired_by: str = "") -> CoordinationMeeting:
    """Record the coordination meeting of a case and the decisions it owes, with one ledger event."""
    notice = coordination_notice(case)
    decisions = _checked(case, notice, held_on, attendees, decisions, at)
    with write_transaction():
        meeting = CoordinationMeeting.create(
            case=case, notice=notice, department=case.lead_department_id, held_on=held_on,
            chaired_by=chaired_by.strip() or leader_in_charge(case), attendees=attendees.strip(),
            recorded_at=at.replace(microsecond=0), operator=operator)
        cal = WorkCalendar.from_db()
        for content, due_on in decisions:
            MeetingDecision.create(meeting=meeting, case=case, department=case.lead_department_id, content=content,
                                   due_on=due_on, due_at=decision_due(due_on, cal))
        listed = "；".join(f"{content}（{due_on:%m-%d}前）" for content, due_on in decisions)
        follow_ups.case_event(case, "coordination_meeting", at, operator, case.lead_department_id,
                          f"{held_on:%Y-%m-%d} 由{meeting.chaired_by}召开协调会议，参会：{meeting.attendees}；"
                          f"议定：{listed}")
    return meeting


def _checked(case: Case, notice: Notice | None, held_on: date, attendees: str,
             decisions: list[tuple[str, date]], at: datetime) -> list[tuple[str, date]]:
    if notice is None:
        raise UserError(f"工单 {case.code} 尚未发出协调通知，不能登记协调会议。")
    if held_on < notice.issued_on or held_on > at.date():
        raise UserError(f"会议日期须在协调通知发出（{notice.issued_on:%Y-%m-%d}）之后、不晚于今天。")
    if not attendees.strip():
        raise UserError("请填写参会单位和人员。")
    kept = [(content.strip(), due_on) for content, due_on in decisions if content.strip()]
    if not kept:
        raise UserError("请至少填写一项议定事项及其完成时限。")
    for content, due_on in kept:
        if due_on < held_on:
            raise UserError(f"议定事项“{content}”的完成时限不能早于会议日期。")
    return kept


def complete_decision(decision: MeetingDecision, note: str, at: datetime, operator: Operator) -> MeetingDecision:
    """Record that the lead department carried out a meeting decision, at `at`."""
    if decision.done_at is not None:
        raise UserError(f"议定事项“{decision.content}”已于 {decision.done_at:%Y-%m-%d %H:%M} 完成，无需重复登记。")
    with write_transaction():
        decision.done_at, decision.note = at.replace(microsecond=0), (note or "").strip()
        decision.save()
        late = "（超时完成）" if decision.done_at > decision.due_at else ""
        follow_ups.case_event(decision.case, "decision_done", at, operator, decision.department_id,
                          f"{decision.content}{late}" + (f"：{decision.note}" if decision.note else ""))
    return decision


def record_breaches(at: datetime, operator: Operator, case_ids: list[int] | None = None) -> list[MeetingDecision]:
    """Mark each meeting decision not carried out by its due time as a duty breach of the lead department."""
    found = []
    for decision in list(follow_ups.late_rows(MeetingDecision, at, case_ids).where(Case.status != "closed")):
        follow_ups.breach(decision, at, operator,
                          f"协调会议议定事项“{decision.content}”未按时完成（应于 {decision.due_at:%m-%d} 前）")
        found.append(decision)
    return found


def decision_by_id(decision_id: int | None) -> MeetingDecision | None:
    """Return the meeting decision with this id, or None when there is none."""
    return MeetingDecision.get_or_none(MeetingDecision.id == decision_id) if decision_id is not None else None


def meetings_of(case: Case) -> list[CoordinationMeeting]:
    """Return a case's coordination meetings, oldest first."""
    return list(CoordinationMeeting.select().where(CoordinationMeeting.case == case)
                .order_by(CoordinationMeeting.held_on, CoordinationMeeting.id))


def decisions_of(case: Case) -> list[MeetingDecision]:
    """Return every decision of a case's coordination meetings, in the order they were recorded."""
    return list(MeetingDecision.select().where(MeetingDecision.case == case).order_by(MeetingDecision.id))


def can_record_meeting(case: Case | None) -> bool:
    """Return whether a coordination notice for the case's current dispatch is out, so a meeting can be recorded."""
    return case is not None and case.status != "closed" and coordination_notice(case) is not None


def supervision_actions(case: Case | None) -> list[str]:
    """Return the coordination and follow-up actions the case pane offers for a case now."""
    actions = ["coordination_meeting"] if can_record_meeting(case) else []
    if case is not None and follow_ups.owed_items(case):
        actions.append("owed_done")
    return actions
