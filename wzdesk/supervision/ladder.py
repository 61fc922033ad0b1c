"""The escalation ladder (催办): what each case has earned at a moment, every rung recorded once.

Rungs are grouped by department: one reminder letter, supervision letter or interview covers all of
a department's cases that reached that rung in the same run.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from peewee import JOIN, fn

from wzdesk.board.office import DEPARTMENT_HELD
from wzdesk.cases.deadlines import ONE_SECOND
from wzdesk.cases.duties import record_breaches
from wzdesk.models import (
    Case,
    CaseCoDepartment,
    CaseEvent,
    Interview,
    InterviewCase,
    LadderStep,
    Notice,
    Operator,
    case_versions,
    write_transaction,
)
from wzdesk.models import chain as ledger
from wzdesk.office import numbering as notices
from wzdesk.office import settings
from wzdesk.office.workcalendar import WorkCalendar
from wzdesk.supervision import coordination, follow_ups
from wzdesk.vocabulary import ACTION_LABELS

STEPS = ("reminder_letter", "leader_coordination", "supervision_list", "supervision_letter", "interview",
         "public_notice")
ROUND_STEPS = {1: "supervision_letter", 2: "interview", 3: "public_notice"}
DOCUMENTS = {"reminder_letter": "reminder_letter", "leader_coordination": "coordination",
             "supervision_letter": "supervision_letter", "interview": "interview_notice"}
STEP_TITLES = {
    "reminder_letter": "关于及时签收办理网络问政诉求的提醒函",
    "supervision_letter": "关于限期办结超期诉求的督办函",
    "interview": "约谈通知书",
}
# The ladder chases departments: it acts only on the cases a department holds. The office's own
# backlog (received, returned, replied, verified) is the office's work, shown in the board's row 督办室.
HELD = list(DEPARTMENT_HELD)


@dataclass(frozen=True)
class Produced:
    """One rung reached in a run: the case, the step and the document number it produced, if any."""

    case: str
    step: str
    document: str | None

    def as_json(self) -> dict:
        return {"case": self.case, "step": self.step, "document": self.document}


class _Run:
    """One evaluation of the ladder at `at`."""

    def __init__(self, at: datetime, operator: Operator, case_ids: list[int] | None = None):
        self.at, self.operator, self.case_ids = at, operator, case_ids
        self.cal = WorkCalendar.from_db()
        self.rules = settings.load()
        self.produced: list[Produced] = []
        self.pending: list[Produced] = []  # produced in the open transaction; kept once it commits

    def record(self, step: str, cases: list[Case], round_no: int = 0,
               then: Callable[[list[Case]], None] | None = None) -> list[Case]:
        """Record a rung for each case, one transaction and one document per department; return those new.

        `then` writes what follows from the rung (the listing's first round, a round's number) in the same
        transaction, so a crash leaves either all of a step or none of it.
        """
        by_department: dict[int, list[Case]] = defaultdict(list)
        for case in cases:
            by_department[case.lead_department_id].append(case)
        reached = []
        for group in by_department.values():
            self.pending = []
            with write_transaction():
                fresh = self._record_group(step, group, round_no)
                if fresh and then:
                    then(fresh)
            self.produced += self.pending
            reached += fresh
        return reached

    def _record_group(self, step: str, cases: list[Case], round_no: int) -> list[Case]:
        fresh = [case for case in cases if self._insert_rung(case, step, round_no)]
        if not fresh:  # another desk's overlapping run got there first
            return []
        _between_writes(f"{step}:rungs")
        notice = self._document(step, fresh)
        _between_writes(f"{step}:document")
        produced = []
        for case in fresh:
            if notice:
                LadderStep.update(notice=notice).where(
                    LadderStep.case == case, LadderStep.step == step,
                    LadderStep.dispatch_no == case.dispatch_count, LadderStep.round == round_no).execute()
            self._event(case, step, notice.number_text if notice else "")
            _between_writes(f"{step}:event")
            produced.append(Produced(case.code, step, notice.number_text if notice else None))
        self.pending += produced
        return fresh

    def _insert_rung(self, case: Case, step: str, round_no: int) -> bool:
        # The row count, not lastrowid: an ignored insert leaves lastrowid at the previous insert's id.
        return LadderStep.insert(
            case=case, step=step, dispatch_no=case.dispatch_count, round=round_no,
            department=case.lead_department_id, at=self.at,
        ).on_conflict_ignore().as_rowcount().execute() == 1

    def _document(self, step: str, cases: list[Case]) -> Notice | None:
        if step not in DOCUMENTS:
            return None
        dept = cases[0].lead_department
        reply_due = self.cal.add_working_days(self.at.date(), 3).day
        notice = notices.issue(DOCUMENTS[step], dept, cases, self.at.date(), self.at,
                               title=STEP_TITLES.get(step, ""), reply_due_on=reply_due)
        if step == "interview":
            self._schedule_interview(cases, notice)
        return notice

    def _schedule_interview(self, cases: list[Case], notice: Notice) -> None:
        dept = cases[0].lead_department
        day = self.cal.add_working_days(self.at.date(), 2).day
        interview = Interview.create(
            department=dept, scheduled_at=datetime.combine(day, time(9, 30)), place="督办室会议室",
            interviewee=dept.head_name, interviewee_title="主要负责人", conductor="督办室主任",
            reason=f"{len(cases)}件诉求超期7天以上列入督办清单，经督办函督办仍未办结。",
            notice=notice, created_at=self.at,
        )
        for case in cases:
            InterviewCase.create(interview=interview, case=case)

    def _event(self, case: Case, step: str, number: str) -> None:
        note = ACTION_LABELS[step]
        if step == "leader_coordination":  # the notice names the lead department's leader in charge
            note += f"（{coordination.leader_in_charge(case)}）"
        note += f"，文号 {number}" if number else ""
        ledger.append(case_id=case.id, at=self.at, recorded_at=ledger.wall_clock(), action=step,
                      from_status=case.status, to_status=case.status, department_id=case.lead_department_id,
                      operator_id=self.operator.id, note=note)

    # --- the rungs, in the order DESIGN.md gives them ----------------------------------------------

    def reminders(self) -> None:
        """No response 24 hours after dispatch: a reminder letter to the department."""
        self.record("reminder_letter", _without(self.only(Case.select()).where(
            Case.status.in_(HELD), Case.response_due_at < self.at,
            (Case.status == "dispatched") | (Case.responded_at > self.at),
        ), "reminder_letter"))

    def coordination(self) -> None:
        """A multi-department case with no joint action 3 days after dispatch: a coordination notice to the leader."""
        days = timedelta(days=self.rules["coordination_days"])
        shared = self.only(Case.select()).join(CaseCoDepartment, on=(CaseCoDepartment.case == Case.id))
        candidates = _without(shared.where(
            Case.status.in_(HELD), Case.dispatched_at < self.at - days).distinct(), "leader_coordination")
        self.record("leader_coordination", [
            case for case in candidates
            if not (case.replied_at and case.replied_at <= case.dispatched_at + days)
            and not _joint_action(case, case.dispatched_at + days)
        ])

    def supervision(self) -> None:
        """More than 7 days past the limit: onto the supervision list, with the first round's letter."""
        late = self.at - ONE_SECOND - timedelta(days=self.rules["supervision_overdue_days"])
        candidates = _without(self.only(Case.select()).where(Case.due_at < late, Case.status.in_(HELD)),
                              "supervision_list")

        def first_round(listed: list[Case]) -> None:
            Case.update(**case_versions.bumped(supervised_at=self.at, supervision_round=1)).where(
                Case.id.in_([case.id for case in listed])).execute()
            _between_writes("supervision_list:listed")
            self._record_group(ROUND_STEPS[1], listed, 1)

        self.record("supervision_list", candidates, then=first_round)

    def rounds(self) -> None:
        """Every 5 working days while a listed case stays open: the interview, then the public notice."""
        gap = self.rules["supervision_round_workdays"]
        due: dict[int, list[Case]] = defaultdict(list)
        for case in self.only(Case.select()).where(Case.status.in_(HELD), Case.supervised_at.is_null(False),
                                                   Case.supervision_round.between(1, 2)).order_by(Case.id):
            if self.at >= next_round_due(case, gap, self.cal):
                due[case.supervision_round + 1].append(case)
        for round_no, cases in due.items():
            def numbered(reached: list[Case], round_no: int = round_no) -> None:
                Case.update(**case_versions.bumped(supervision_round=round_no)).where(
                    Case.id.in_([c.id for c in reached])).execute()
                _between_writes("round:numbered")

            self.record(ROUND_STEPS[round_no], cases, round_no, then=numbered)

    def only(self, query):
        """Narrow a candidate query to the run's cases, when it was asked about some cases only."""
        return query if self.case_ids is None else query.where(Case.id.in_(self.case_ids))


# A test sets this to a function that may raise between two writes of a step, to play a crash there.
FAULT_HOOK: Callable[[str], None] | None = None


def _between_writes(label: str) -> None:
    if FAULT_HOOK is not None:
        FAULT_HOOK(label)


def _without(query, step: str) -> list[Case]:
    """Keep the cases that have not reached `step` for their current dispatch."""
    reached = LadderStep.select(LadderStep.id).where(
        LadderStep.case == Case.id, LadderStep.step == step, LadderStep.dispatch_no == Case.dispatch_count)
    # In case order: the same cases (and so the same document numbers) on either backend, whatever index it reads.
    return list(query.where(~fn.EXISTS(reached)).order_by(Case.id))


def _joint_action(case: Case, cutoff: datetime) -> bool:
    co = CaseCoDepartment.select(CaseCoDepartment.department).where(CaseCoDepartment.case == case)
    return CaseEvent.select().where(
        CaseEvent.case == case, CaseEvent.department.in_(co), CaseEvent.at >= case.dispatched_at,
        CaseEvent.at <= cutoff,
    ).exists()


def next_round_due(case: Case, gap: int, cal: WorkCalendar) -> datetime:
    """Return when a listed case's next round falls due: 24:00 of the gap-th working day after the last round."""
    return datetime.combine(cal.add_working_days(_last_round_day(case), gap).day, time()) + timedelta(days=1)


def _last_round_day(case: Case) -> date:
    last = (LadderStep.select(LadderStep.at).where(
        LadderStep.case == case, LadderStep.step.in_(list(ROUND_STEPS.values())),
        LadderStep.dispatch_no == case.dispatch_count).order_by(LadderStep.round.desc()).first())
    return last.at.date() if last else case.supervised_at.date()


def run_ladder(at: datetime, operator: Operator, case_ids: list[int] | None = None) -> list[Produced]:
    """Evaluate the open cases (or just `case_ids`) at `at` and record what they have earned.

    A rerun for the same moment adds nothing.
    """
    run = _Run(at.replace(microsecond=0), operator, case_ids)
    if not run.cal.is_workday(run.at.date()):
        return []  # the ladder works on working days: what fell due today is taken on the next one
    # A breach flags the case red; it is not a rung of the ladder. Follow-ups and meeting decisions are
    # owed like duty steps: the entries now running are opened, and those missed are breaches.
    record_breaches(run.at, operator, case_ids)
    follow_ups.open_entries(run.at, operator, case_ids)
    follow_ups.record_breaches(run.at, operator, case_ids)
    coordination.record_breaches(run.at, operator, case_ids)
    run.reminders()
    run.coordination()
    run.supervision()
    run.rounds()
    return run.produced


def produced_on(day: date) -> list[LadderStep]:
    """Return the rungs recorded on a day, with their cases and documents, for "今日督办"."""
    start = datetime.combine(day, time())
    return list(
        LadderStep.select(LadderStep, Case, Notice).join(Case)
        .switch(LadderStep).join(Notice, JOIN.LEFT_OUTER)
        .where(LadderStep.at >= start, LadderStep.at < start + timedelta(days=1))
        .order_by(LadderStep.id)
    )
