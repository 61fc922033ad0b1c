"""The monthly rating rules: false closures redone, and accountability proposed for a supervisor to decide.

Run for a month (any number of times: a rerun proposes and reopens nothing new):

- a department whose dissatisfaction rate that month is ABOVE `dissatisfied_threshold` (20% exactly is not
  above) has the cases it closed that month reopened as false closures to be redone;
- `dissatisfied_streak` (3) dissatisfied ratings in a row against one department, or one handler, whose run
  completes in the month → a proposed performance deduction and a proposed loss of the quarterly award;
- a department "among the worst" two months running → a proposed rectification talk (约谈) for its leader in
  charge. Among the worst means: the three highest dissatisfaction rates of the month, ties at the third
  place included, counting only departments with at least one dissatisfied rating.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from fractions import Fraction

from wzdesk.cases import lifecycle
from wzdesk.models import (
    CLOSED,
    Accountability,
    AccountabilityCase,
    Case,
    CaseEvent,
    Department,
    Operator,
    Rating,
    Staff,
    write_transaction,
)
from wzdesk.models import chain as ledger
from wzdesk.months import month_span, previous_month
from wzdesk.office import settings
from wzdesk.vocabulary import DISSATISFIED

WORST_PLACES = 3


@dataclass
class MonthlyResult:
    """What one run of the monthly rules did."""

    month: str
    rates: dict[int, tuple[int, int]] = field(default_factory=dict)  # department id -> (dissatisfied, rated)
    false_closures: list[str] = field(default_factory=list)  # case codes reopened
    proposals: list[Accountability] = field(default_factory=list)


def dissatisfaction(month: str) -> dict[int, tuple[int, int]]:
    """Return each rated department's (dissatisfied, rated) counts for the month."""
    start, end = month_span(month)
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    query = Rating.select(Rating.department, Rating.level).where(
        Rating.at >= start, Rating.at < end, Rating.department.is_null(False))
    for row in query.tuples():
        counts[row[0]][0] += row[1] in DISSATISFIED
        counts[row[0]][1] += 1
    return {dept: (dis, total) for dept, (dis, total) in counts.items()}


def above_threshold(dissatisfied: int, rated: int, threshold: float) -> bool:
    """Return whether a rate is strictly above the threshold, reckoned exactly (1 of 5 is 20%, not above)."""
    return rated > 0 and Fraction(dissatisfied, rated) > Fraction(str(threshold))


def worst_departments(rates: dict[int, tuple[int, int]]) -> set[int]:
    """Return the departments among the worst: the top three rates (ties included), dissatisfied > 0."""
    ranked = sorted(((Fraction(d, n), dept) for dept, (d, n) in rates.items() if d > 0), reverse=True)
    if not ranked:
        return set()
    cutoff = ranked[min(WORST_PLACES, len(ranked)) - 1][0]
    return {dept for rate, dept in ranked if rate >= cutoff}


def apply_monthly_rating_rules(month: str, at: datetime, operator: Operator) -> MonthlyResult:
    """Run the month's rating rules in one transaction; return what they reopened and proposed."""
    result = MonthlyResult(month=month, rates=dissatisfaction(month))
    with write_transaction():
        _false_closures(result, at, operator)
        _streaks(result, at, operator)
        _worst_two_months(result, at, operator)
    return result


def _false_closures(result: MonthlyResult, at: datetime, operator: Operator) -> None:
    start, end = month_span(result.month)
    threshold = settings.get("dissatisfied_threshold")
    for dept_id, (dis, total) in sorted(result.rates.items()):
        if not above_threshold(dis, total, threshold):
            continue
        marker = f"月度评价规则（{result.month}）："
        reason = (f"{marker}{Department.get_by_id(dept_id).name}本月不满意率 {dis}/{total}"
                  f"（{dis / total:.1%}），超过 {threshold:.0%}，本月办结件按假办结重办。")
        closed = Case.select().where(Case.lead_department == dept_id, Case.status == CLOSED,
                                     Case.closed_at >= start, Case.closed_at < end).order_by(Case.id)
        for case in closed:
            if not _already_reopened(case, marker):
                lifecycle.reopen(case, reason, at, operator)
                result.false_closures.append(case.code)


def _already_reopened(case: Case, marker: str) -> bool:
    return CaseEvent.select().where(CaseEvent.case == case, CaseEvent.action == "reopen",
                                    CaseEvent.note.startswith(marker)).exists()


def _streaks(result: MonthlyResult, at: datetime, operator: Operator) -> None:
    start, end = month_span(result.month)
    length = settings.get("dissatisfied_streak")
    # A year back is enough to see how any run that completes this month began.
    ratings = list(Rating.select().where(Rating.at < end, Rating.at >= start - timedelta(days=400))
                   .order_by(Rating.at, Rating.id))
    for kind, key_of in (("department", lambda r: r.department_id), ("handler", lambda r: r.handler_id)):
        runs: dict[int, list[Rating]] = defaultdict(list)
        for rating in ratings:
            who = key_of(rating)
            if who is None:
                continue
            run = runs[who]
            if rating.level not in DISSATISFIED:
                run.clear()
                continue
            run.append(rating)
            if len(run) == length and rating.at >= start:
                _propose_streak(result, kind, who, list(run), at, operator)


def _propose_streak(result, kind: str, who: int, run: list[Rating], at: datetime, operator: Operator) -> None:
    rule = f"dissatisfied_streak_{kind}"
    if kind == "department":
        dept, person, title = Department.get_by_id(who), "", ""
        target = dept.name
    else:
        staff = Staff.get_by_id(who)
        dept, person, title = staff.department, staff.name, staff.title
        target = f"{dept.name}经办人{staff.name}"
    codes = "、".join(r.case.code for r in run)
    reason = f"{target}连续 {len(run)} 次被群众评价不满意（{codes}）"
    for sanction, outcome in (("performance_deduction", "扣减绩效"), ("no_award", "取消本季度评优")):
        _propose(result, rule=rule, key=f"{rule}:{who}:{run[0].id}:{sanction}", target_kind=_target(kind),
                 department=dept, person_name=person, person_title=title, sanction=sanction,
                 reason=f"{reason}，建议{outcome}。", cases=[r.case for r in run], at=at, operator=operator)


def _target(kind: str) -> str:
    return "department" if kind == "department" else "person"


def _worst_two_months(result: MonthlyResult, at: datetime, operator: Operator) -> None:
    before = previous_month(result.month)
    earlier = dissatisfaction(before)
    for dept_id in sorted(worst_departments(result.rates) & worst_departments(earlier)):
        dept = Department.get_by_id(dept_id)
        rates = "、".join(f"{m} {d}/{n}" for m, (d, n) in ((before, earlier[dept_id]),
                                                          (result.month, result.rates[dept_id])))
        reason = (f"{dept.name}连续两个月不满意率居全市后三位（{rates}），建议约谈分管领导"
                  f"{dept.leader_name}，公开整改。")
        _propose(result, rule="worst_two_months", key=f"worst_two_months:{dept_id}:{result.month}",
                 target_kind="leader", department=dept, person_name=dept.leader_name,
                 person_title=dept.leader_title, sanction="formal_talk", reason=reason,
                 cases=_dissatisfied_cases(dept_id, before, result.month), at=at, operator=operator)


def _dissatisfied_cases(dept_id: int, first: str, last: str) -> list[Case]:
    start, _ = month_span(first)
    _, end = month_span(last)
    query = (Rating.select(Rating.case).where(Rating.department == dept_id, Rating.at >= start, Rating.at < end,
                                               Rating.level.in_(list(DISSATISFIED))).distinct())
    return [Case.get_by_id(row.case_id) for row in query]


def _propose(result: MonthlyResult, *, rule: str, key: str, cases: list[Case], at: datetime,
             operator: Operator, **fields) -> None:
    if Accountability.select().where(Accountability.rule_key == key).exists():
        return
    record = Accountability.create(rule=rule, rule_key=key, problem_type="群众评价不满意", decided_on=at.date(),
                                   status="proposed", proposed_by=operator, created_at=at, **fields)
    for case in {c.id: c for c in cases}.values():
        AccountabilityCase.create(record=record, case=case)
        _event(case, "accountability_proposed", record, record.reason, at, operator)
    result.proposals.append(record)


def _event(case: Case, action: str, record: Accountability, note: str, at: datetime, operator: Operator) -> None:
    ledger.append(case_id=case.id, at=at, recorded_at=ledger.wall_clock(), action=action,
                  from_status=case.status, to_status=case.status, operator_id=operator.id,
                  department_id=record.department_id, note=note, data={"accountability": record.id})
