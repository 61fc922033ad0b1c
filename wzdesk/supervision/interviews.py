"""Interviews (约谈): schedule with a numbered notice, record them held with minutes and commitments,
and settle each commitment kept or broken.

A broken commitment feeds both the register and the ladder. The register: a proposed 通报批评 on the
unit and 诫勉 for its leader in charge, for a supervisor to decide. The ladder: each linked open case
goes onto the supervision list (the supervision queue; red on the board) with its interview round spent,
so the ladder's next rung for it is the public notice, on the usual round cadence. A list entry rather
than a new flag because it is what the ladder already reads: no schema change, and the rounds continue.
"""

from dataclasses import dataclass
from datetime import date, datetime

from wzdesk.errors import UserError
from wzdesk.models import (
    CLOSED,
    Case,
    Commitment,
    Department,
    Interview,
    InterviewCase,
    LadderStep,
    Operator,
    write_transaction,
)
from wzdesk.models import chain as ledger
from wzdesk.office import numbering as notices
from wzdesk.supervision import accountability
from wzdesk.vocabulary import INTERVIEW_STATUS_LABELS

INTERVIEWEES = {"head": "主要负责人", "leader": "分管领导"}
PROBLEM_TYPE = "约谈承诺未兑现"
INTERVIEW_ROUND = 2  # the ladder's second round is the interview; a broken promise has spent it


@dataclass(frozen=True)
class InterviewRow:
    """One interview as the 约谈 page lists it."""

    id: int
    scheduled_at: datetime
    department: str
    interviewee: str
    place: str
    status: str
    notice: str
    case_count: int
    open_commitments: int
    overdue_commitments: int


def schedule(department: Department, scheduled_at: datetime, who: str, at: datetime, operator: Operator, *,
             place: str = "", conductor: str = "", attendees: str = "", reason: str = "",
             cases: list[Case] = ()) -> Interview:
    """Schedule an interview of the unit's head or leader in charge and issue its numbered notice."""
    if department is None:
        raise UserError("请选择被约谈的单位。")
    if who not in INTERVIEWEES:
        raise UserError("请选择约谈对象：主要负责人或分管领导。")
    if not (reason or "").strip():
        raise UserError("请填写约谈事由。")
    if scheduled_at < at.replace(second=0, microsecond=0):
        raise UserError("约谈时间不能早于现在。")
    name = department.head_name if who == "head" else department.leader_name
    title = INTERVIEWEES[who] if who == "head" else (department.leader_title or INTERVIEWEES[who])
    cases = list({c.id: c for c in cases}.values())
    with write_transaction():
        notice = notices.issue("interview_notice", department, cases, at.date(), at,
                               title_values={"leader": title})
        interview = Interview.create(
            department=department, scheduled_at=scheduled_at.replace(second=0, microsecond=0),
            place=place.strip(), interviewee=name, interviewee_title=title, conductor=conductor.strip(),
            attendees=attendees.strip(), reason=reason.strip(), notice=notice, created_at=at)
        for case in cases:
            InterviewCase.create(interview=interview, case=case)
        _events(interview, "interview_scheduled",
                f"{scheduled_at:%Y-%m-%d %H:%M} 约谈{department.name}{title}，文号 {notice.number_text}", at, operator)
    return interview


def record_held(interview: Interview, held_at: datetime, minutes: str, commitments: list[tuple[str, date]],
                at: datetime, operator: Operator) -> Interview:
    """Record the interview held, with its minutes and the commitments made (content, due date)."""
    if interview.status != "scheduled":
        raise UserError("这次约谈不是“待约谈”状态，不能再登记举行。")
    if not (minutes or "").strip():
        raise UserError("请填写约谈纪要。")
    promised = [(text.strip(), due) for text, due in commitments if text and text.strip()]
    for _text, due in promised:
        if due is None or due < held_at.date():
            raise UserError("每项承诺都要有不早于约谈日期的完成期限。")
    with write_transaction():
        interview.status, interview.held_at, interview.minutes = "held", held_at, minutes.strip()
        interview.save()
        for text, due in promised:
            Commitment.create(interview=interview, content=text, due_on=due)
        _events(interview, "interview_held", f"约谈已举行，作出承诺 {len(promised)} 项", at, operator)
    return interview


def settle(commitment: Commitment, kept: bool, note: str, at: datetime, operator: Operator) -> list:
    """Mark a commitment kept or broken; a broken one proposes sanctions and lists the open cases.

    Return the proposed accountability records (none when kept).
    """
    if commitment.status != "open":
        raise UserError("这项承诺已经登记过结果了。")
    note = (note or "").strip()
    if not kept and not note:
        raise UserError("请写明承诺未兑现的情况。")
    interview = commitment.interview
    with write_transaction():
        commitment.status, commitment.resolved_at, commitment.note = ("kept" if kept else "broken"), at, note
        commitment.save()
        text = f"承诺“{commitment.content}”" + ("已兑现" if kept else "未兑现") + (f"：{note}" if note else "")
        _events(interview, "commitment_kept" if kept else "commitment_broken", text, at, operator)
        if kept:
            return []
        _list_open_cases(interview, at, operator)
        return _propose_sanctions(commitment, at, operator)


def _propose_sanctions(commitment: Commitment, at: datetime, operator: Operator) -> list:
    interview = commitment.interview
    dept = interview.department
    cases = [link.case for link in interview.case_links]
    reason = (f"{dept.name}在{interview.scheduled_at:%Y年%m月%d日}约谈中承诺“{commitment.content}”，"
              f"期限{commitment.due_on:%Y年%m月%d日}，到期未兑现")
    proposed = [accountability.propose(
        dept, "department", "circulated_criticism", reason + "，建议通报批评。", at, operator,
        problem_type=PROBLEM_TYPE, cases=cases, rule="broken_commitment",
        rule_key=f"broken_commitment:{commitment.id}:department")]
    if dept.leader_name:
        proposed.append(accountability.propose(
            dept, "leader", "admonishment", reason + "，分管领导负有领导责任，建议对其进行诫勉。", at, operator,
            problem_type=PROBLEM_TYPE, cases=cases, rule="broken_commitment",
            rule_key=f"broken_commitment:{commitment.id}:leader"))
    return proposed


def _list_open_cases(interview: Interview, at: datetime, operator: Operator) -> None:
    """Put each linked open case on the supervision list with its interview round spent."""
    for link in interview.case_links:
        case = Case.get_by_id(link.case_id)
        if case.status == CLOSED:
            continue
        if case.supervised_at is None:
            LadderStep.insert(case=case, step="supervision_list", dispatch_no=case.dispatch_count, round=0,
                              department=case.lead_department_id or interview.department_id,
                              at=at).on_conflict_ignore().execute()
            ledger.append_on_cases([case], at=at, action="supervision_list", operator_id=operator.id,
                                   department_id=interview.department_id, note="约谈承诺未兑现，列入督办清单",
                                   data={"interview": interview.id})
        case.supervised_at = case.supervised_at or at
        case.supervision_round = max(case.supervision_round, INTERVIEW_ROUND)
        case.save(only=[Case.supervised_at, Case.supervision_round])


def overdue_commitments(at: datetime) -> list[Commitment]:
    """Return the commitments past their due date and still open, oldest due first."""
    return list(Commitment.select(Commitment, Interview).join(Interview)
                .where(Commitment.status == "open", Commitment.due_on < at.date())
                .order_by(Commitment.due_on, Commitment.id))


def is_overdue(commitment: Commitment, at: datetime) -> bool:
    """Return whether a commitment is past due and still open."""
    return commitment.status == "open" and commitment.due_on < at.date()


def _events(interview: Interview, action: str, note: str, at: datetime, operator: Operator) -> None:
    """Write the event on each linked case, or one case-less event when the interview has none."""
    ledger.append_on_cases([link.case for link in interview.case_links], at=at, action=action,
                           operator_id=operator.id, department_id=interview.department_id, note=note,
                           data={"interview": interview.id})


# -- lists ---------------------------------------------------------------------------------------------------


def interview_rows(at: datetime, status: str = "") -> list[InterviewRow]:
    """Return the interviews, the ladder's and those scheduled by hand, newest first."""
    query = Interview.select().order_by(Interview.scheduled_at.desc(), Interview.id.desc())
    if status:
        query = query.where(Interview.status == status)
    return [_row(interview, at) for interview in query]


def _row(interview: Interview, at: datetime) -> InterviewRow:
    commitments = list(interview.commitments)
    return InterviewRow(
        interview.id, interview.scheduled_at, interview.department.name,
        f"{interview.interviewee_title} {interview.interviewee}".strip(), interview.place,
        INTERVIEW_STATUS_LABELS.get(interview.status, interview.status),
        interview.notice.number_text if interview.notice_id else "—", interview.case_links.count(),
        sum(c.status == "open" for c in commitments), sum(is_overdue(c, at) for c in commitments))


def commitments_of(interview_id: int) -> list[Commitment]:
    """Return an interview's commitments by due date."""
    return list(Commitment.select().where(Commitment.interview == interview_id)
                .order_by(Commitment.due_on, Commitment.id))


def interview_by_id(interview_id: int | None) -> Interview | None:
    """Return the interview with this id, or None when there is none."""
    return Interview.get_or_none(Interview.id == interview_id) if interview_id is not None else None


def first_case_id(interview: Interview) -> int | None:
    """Return the id of the first case linked to an interview, or None."""
    link = interview.case_links.order_by(InterviewCase.id).first()
    return link.case_id if link else None
