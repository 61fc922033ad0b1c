"""The demo's smaller kinds of record: accountability, interviews with commitments, notices, messages."""

import random
from datetime import datetime, timedelta

from wzdesk.cases import repeats
from wzdesk.demo.story import Refs
from wzdesk.models import (
    Accountability,
    AccountabilityCase,
    Case,
    Commitment,
    Department,
    Interview,
    InterviewCase,
    Notice,
    NoticeCase,
    ProgressMessage,
)
from wzdesk.office import codes, numbering
from wzdesk.office.defaults import system_operator
from wzdesk.vocabulary import STATUS_LABELS

# The reason names the problem type of the case the record is linked to, so the notice's problem
# type and outcome always describe the same matter.
SANCTION_STORIES = [
    ("department", "circulated_criticism", "{category}诉求办理拖延，多件超过办理时限未办结"),
    ("leader", "formal_talk", "分管领域{category}诉求长期超期，协调不力"),
    ("person", "performance_deduction", "经办的{category}诉求连续三次被反映人评价不满意"),
    ("person", "no_award", "经办的{category}诉求连续三次被反映人评价不满意"),
    ("person", "admonishment", "{category}诉求办理超时，反映人多次投诉"),
    ("department", "written_self_criticism", "{category}诉求答复办结后现场核验不合格"),
    ("person", "reassignment", "{category}诉求推诿扯皮，多次退回本单位职责内事项"),
]


def add_extras(rng: random.Random, refs: Refs, now: datetime) -> None:
    """Add accountability records, interviews and progress messages that fit the demo's cases."""
    late = _late_cases(now)
    if not late:
        return
    _accountability(rng, refs, late, now)
    _interviews(rng, refs, late, now)
    _messages(now)
    _repeats(now)


def _repeats(now: datetime, wanted: int = 5) -> None:
    """Merge a few newly received reports into a similar open case, as a clerk does with repeat complaints."""
    merged = 0
    for case in Case.select().where(Case.status == "received").order_by(Case.received_at.desc()).limit(200):
        found = [s for s in repeats.similar_to(case, now) if s.shared_pairs and s.status != "merged"]
        if found and Case.get_by_id(case.id).status == "received":
            main = Case.get_by_id(found[0].case_id)
            if not repeats.repeats_of(case):
                repeats.merge(case, main, max(now, case.received_at), system_operator(), note="演示：同一问题多人反映")
                merged += 1
        if merged == wanted:
            return


def _late_cases(now: datetime) -> list[Case]:
    cutoff = now - timedelta(days=8)
    return list(Case.open().where(Case.due_at < cutoff).order_by(Case.due_at).limit(60))


def _accountability(rng, refs: Refs, late: list[Case], now: datetime) -> None:
    for i, (kind, sanction, reason) in enumerate(SANCTION_STORIES):
        case = late[i % len(late)]
        dept = case.lead_department
        person, title = _target(kind, dept, case)
        category = case.category.name if case.category_id else "其他"
        record = Accountability.create(
            target_kind=kind, department=dept, person_name=person, person_title=title, sanction=sanction,
            reason=reason.format(category=category), problem_type=category,
            decided_on=(now - timedelta(days=rng.randrange(1, 40))).date(),
            status=rng.choice(["proposed", "confirmed", "confirmed", "revoked"]) if i else "confirmed",
            proposed_by=refs.clerk_id, created_at=now,
        )
        AccountabilityCase.create(record=record, case=case)


def _target(kind: str, dept: Department, case: Case) -> tuple[str, str]:
    if kind == "leader":
        return dept.leader_name, dept.leader_title
    if kind == "person" and case.handler_id:
        return case.handler.name, case.handler.title
    return "", ""


def _interviews(rng, refs: Refs, late: list[Case], now: datetime) -> None:
    by_dept: dict[int, list[Case]] = {}
    for case in late:
        by_dept.setdefault(case.lead_department_id, []).append(case)
    for n, (dept_id, cases) in enumerate(list(by_dept.items())[:4]):
        dept = Department.get_by_id(dept_id)
        held = n % 2 == 0
        at = (now - timedelta(days=rng.randrange(3, 20))) if held else now + timedelta(days=3)
        notice = _notice("interview_notice", dept, cases, at,
                         numbering.printed_title("interview_notice", dept, {"leader": dept.leader_title}))
        interview = Interview.create(
            department=dept, scheduled_at=at.replace(hour=9, minute=30, second=0, microsecond=0),
            place="督办室三楼会议室", interviewee=dept.leader_name, interviewee_title=dept.leader_title,
            conductor="督办室主任 刘建军", attendees=f"{dept.head_name}、督办科 李强", notice=notice,
            reason=f"{len(cases)}件诉求超期7天以上未办结，经提醒函、督办函督办仍无实质进展。",
            minutes="被约谈人说明了超期原因，承诺限期整改。" if held else "",
            status="held" if held else "scheduled", held_at=at if held else None, created_at=now,
        )
        for case in cases[:5]:
            InterviewCase.create(interview=interview, case=case)
        if held:
            _commitments(interview, at, now)


def _commitments(interview: Interview, at: datetime, now: datetime) -> None:
    promises = [("一周内办结全部超期诉求并书面报告", 7), ("建立诉求办理周调度机制", 14)]
    for content, days in promises:
        due = (at + timedelta(days=days)).date()
        status = "open" if due >= now.date() else ("kept" if days == 14 else "broken")
        Commitment.create(interview=interview, content=content, due_on=due, status=status,
                          resolved_at=None if status == "open" else datetime.combine(due, datetime.min.time()))


def _notice(kind: str, dept: Department, cases: list[Case], at: datetime, title: str) -> Notice:
    issued_on = numbering.working_day_on_or_after((at - timedelta(days=2)).date())
    n = codes.next_value(kind, issued_on.year)
    notice = Notice.create(kind=kind, year=issued_on.year, number=n,
                           number_text=numbering.document_number(kind, issued_on.year, n), title=title,
                           department=dept, recipient=dept.name, issued_on=issued_on,
                           reply_due_on=at.date(), created_at=at)
    for case in cases[:5]:
        NoticeCase.create(notice=notice, case=case)
    return notice


MESSAGE_TEXTS = {
    "received": "您反映的“{title}”已受理，编号{code}，我们会跟踪到底。",
    "dispatched": "您反映的“{title}”已转{dept}办理，办理时限至{due}。",
    "replied": "您反映的“{title}”，{dept}已答复办理结果，稍后我们将回访。",
    "closed": "您反映的“{title}”已办结，感谢您的监督。",
}


def _messages(now: datetime) -> None:
    recent = Case.select().where(Case.received_at >= now - timedelta(days=3)).limit(300)
    for case in recent:
        trigger = {"closed": "closed", "replied": "replied", "received": "received"}.get(case.status, "dispatched")
        text = MESSAGE_TEXTS[trigger].format(
            title=case.title, code=case.code,
            dept=case.lead_department.name if case.lead_department_id else "",
            due=f"{case.due_at:%m月%d日}" if case.due_at else "")
        sent = case.received_at < now - timedelta(days=1)
        ProgressMessage.create(case=case, trigger=trigger, text=text, status="sent" if sent else "pending",
                               created_at=case.updated_at, sent_at=case.updated_at if sent else None)


__all__ = ["STATUS_LABELS", "add_extras"]
