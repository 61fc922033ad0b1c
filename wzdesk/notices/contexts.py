"""Template contexts composed from the database: what each official document says, and nothing private.

Only units, posts and case facts reach a context. Petitioners, observers (except on their own
certificate) and the names of people held to account never do: a person is named by post only.
"""

from datetime import date

from wzdesk.errors import UserError
from wzdesk.masking import mask_case_text
from wzdesk.models import (
    Accountability,
    AccountabilityCase,
    Case,
    Department,
    Interview,
    LadderStep,
    Notice,
    NoticeCase,
    Observer,
)
from wzdesk.models import chain as ledger
from wzdesk.months import month_days
from wzdesk.notices.monthly import figures_text, month_figures
from wzdesk.office import settings
from wzdesk.office.workcalendar import WorkCalendar
from wzdesk.vocabulary import SANCTION_LABELS, SANCTION_PHRASES, STATUS_LABELS

PUBLIC_NOTICE_RECIPIENT = "各县市区网络问政督办机构，市直各承办单位"
LADDER_PROBLEM = "超期未办结"


def office_context() -> dict:
    """Return the office's names for the red header, the signature and the 版记."""
    name = settings.get("office_name")
    return {"office_name": name, "short_name": settings.get("office_short"), "issuer": name, "signature": name,
            "measures": settings.get("office_measures")}


def case_row(case: Case, on: date) -> dict:
    """Return the printed facts of one case as of a day: code, title, category, dates, lateness, status."""
    overdue = (on - case.due_at.date()).days if case.due_at else 0
    category = case.category.name if case.category_id else "其他"
    title = mask_case_text(case.title, case)  # a letter leaves the office: no petitioner named, no number
    return {
        "code": case.code, "title": title, "category": category, "matter": case_matter(title, category),
        "dispatched_at": case.dispatched_at, "due_at": case.due_at, "days_overdue": max(overdue, 0),
        "status_label": STATUS_LABELS.get(case.status, case.status),
    }


def case_matter(title: str, category: str) -> str:
    """Return the case's matter as printed: its title, with the category in brackets only when it adds something."""
    title = title.strip()
    return title if not category or category in title or category == "其他" else f"{title}（{category}）"


def notice_cases(notice: Notice) -> list[Case]:
    """Return the cases a notice is about, in code order."""
    return list(Case.select().join(NoticeCase).where(NoticeCase.notice == notice).order_by(Case.code))


def letter_context(notice: Notice) -> dict:
    """Return the context of a reminder letter, supervision letter or interview notice."""
    cases = notice_cases(notice)
    context = {
        **office_context(), "number": notice.number_text, "year": notice.issued_on.year,
        "issued_on": notice.issued_on, "department": notice.recipient or _department_name(notice),
        "cases": [case_row(case, notice.issued_on) for case in cases],
    }
    if notice.reply_due_on:
        context["reply_due"] = notice.reply_due_on
        context["deadline_days"] = max(WorkCalendar.from_db().working_days_between(
            notice.issued_on, notice.reply_due_on), 1)
    if notice.kind == "interview_notice":
        context.update(interview_context(notice))
    if notice.kind == "coordination":
        context.update(coordination_context(notice))
    return context


def coordination_context(notice: Notice) -> dict:
    """Return the leader in charge the coordination notice goes to, and the co-handling units of its cases."""
    department = notice.department
    leader = f"{department.leader_title or '分管领导'}{department.leader_name}".strip() if department else "分管领导"
    co_units = sorted({link.department.name for case in notice_cases(notice) for link in case.co_links})
    return {"leader": leader, "co_departments": co_units or ["相关协办单位"]}


def interview_context(notice: Notice) -> dict:
    """Return time, place, conductor and attendees of the interview a notice announces."""
    interview = Interview.get_or_none(Interview.notice == notice)
    if interview is None:
        raise UserError(f"约谈通知书 {notice.number_text} 没有对应的约谈安排，请先在“约谈”页登记约谈时间和地点。")
    post = interview.interviewee_title or "主要负责人"
    attendees = [a.strip() for a in interview.attendees.replace("\n", "、").split("、") if a.strip()]
    return {
        "leader": post, "interview_time": interview.scheduled_at,
        "interview_place": interview.place or "另行通知", "interview_conductor": interview.conductor or "督办室负责人",
        "interview_attendees": attendees or [f"你单位{post}", "相关诉求件经办科室负责人"],
        "interview_reason": (interview.reason or "").strip().rstrip("。") or "所承办诉求件超期未办结",
    }


def _department_name(notice: Notice) -> str:
    return notice.department.name if notice.department_id else "各承办单位"


def monthly_entries(month: str) -> list[dict]:
    """Return the notice's entries for a month: confirmed sanctions, then units whose cases reached the rung."""
    start, end = month_days(month)
    records = (Accountability.select().where(
        Accountability.status == "confirmed", Accountability.decided_on >= start, Accountability.decided_on < end)
        .order_by(Accountability.decided_on, Accountability.id))
    entries = [_sanction_entry(record) for record in records]
    return entries + _ladder_entries(start, end)


def _sanction_entry(record: Accountability) -> dict:
    """Return one confirmed sanction as unit, problem type and outcome, all from the record, the person by post."""
    label = SANCTION_LABELS.get(record.sanction, record.sanction)
    phrase = SANCTION_PHRASES.get(record.sanction, "对{target}予以" + label).format(target=_target_post(record))
    reason = _scrub(record.reason.strip().rstrip("。；;，,"), _private_names(record))
    outcome = f"{reason}，{phrase}" if reason else phrase
    return {"unit": record.department.name, "problem_type": record.problem_type or "其他",
            "outcome": outcome, "sanction_label": label}


def _target_post(record: Accountability) -> str:
    """Return who was held to account as a post: 该单位, 分管副局长, 相关责任人（科员）."""
    title = record.person_title.strip()
    if record.target_kind == "leader":
        return title if title.startswith("分管") else f"分管{title or '领导'}"
    if record.target_kind == "person":
        return f"相关责任人（{title}）" if title else "相关责任人"
    return "该单位"


def _private_names(record: Accountability) -> set[str]:
    """Return the private names that free text about a sanction might mention: person, petitioners, handlers."""
    names = {record.person_name}
    cases = Case.select().join(AccountabilityCase).where(AccountabilityCase.record == record)
    for case in cases:
        names.add(case.petitioner_name)
        if case.handler_id:
            names.add(case.handler.name)
    return {name.strip() for name in names if name and len(name.strip()) >= 2}


def _scrub(text: str, names: set[str]) -> str:
    """Replace known private names in free text, longest first, so a reason typed by a clerk cannot leak one."""
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, "相关人员")
    return text


def _ladder_entries(start: date, end: date) -> list[dict]:
    """Return one entry per unit whose cases reached the public-notice rung in the month."""
    steps = (LadderStep.select(LadderStep.department, LadderStep.case)
             .where(LadderStep.step == "public_notice", LadderStep.at >= start, LadderStep.at < end))
    counts: dict[int, int] = {}
    for step in steps:
        counts[step.department_id] = counts.get(step.department_id, 0) + 1
    entries = []
    for dept in Department.select().where(Department.id.in_(list(counts))).order_by(Department.sort_order,
                                                                                     Department.id):
        entries.append({"unit": dept.name, "problem_type": LADDER_PROBLEM, "sanction_label": "通报批评",
                        "outcome": f"{counts[dept.id]}件诉求超过办理时限7日以上，经督办函督办、约谈后仍未办结，"
                                   "予以通报"})
    return entries


def monthly_context(month: str, number: str, issued_on: date) -> dict:
    """Return the context of the monthly public accountability notice: every figure counted from the month."""
    month_days(month)
    return {**office_context(), "number": number, "year": issued_on.year, "issued_on": issued_on,
            "month": month, "entries": monthly_entries(month), **figures_text(month_figures(month)),
            "checkpoint": ledger.checkpoint()}


def certificate_context(observer_id: int, on: date) -> dict:
    """Return the context of a 监督能手 certificate: the observer's own name and community, nothing else."""
    observer = Observer.get_or_none(Observer.id == observer_id)
    if observer is None:
        raise UserError(f"没有编号为 {observer_id} 的观察员。")
    where = "".join(part for part in (observer.street, observer.community) if part) or observer.community
    return {"office_name": settings.get("office_name"), "signature": settings.get("office_name"),
            "observer_name": observer.name, "observer_community": where, "issued_on": on, "year": on.year}
