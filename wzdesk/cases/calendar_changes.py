"""Calendar changes that move deadlines: a day set, a year confirmed, a schedule imported.

Each change re-reckons at once, in its own transaction, every open deadline it touches: the resolution
limit and its warning moment of each case a department holds, and the department's open duty steps
counted in working days, the follow-up entries of major cases and the decisions of coordination meetings
still owed. A deadline is reckoned again exactly as a dispatch reckons it (the grade's limit,
the step's limit) on the new calendar, so one set under an older rule for the unknown year is put right
too; each case that moves gets a ledger event (each moved follow-up or decision one of its own), and
the provisional mark goes where the year is now known. Hour limits count natural hours and never move.
"""

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from wzdesk.cases import deadlines, duties
from wzdesk.errors import UserError
from wzdesk.models import (
    Case,
    CaseDutyStep,
    DutyStep,
    FollowUp,
    MeetingDecision,
    Operator,
    write_transaction,
)
from wzdesk.models import chain as ledger
from wzdesk.models.base import execute_many
from wzdesk.models.bulk import Rows, insert_many
from wzdesk.office import calendar_import, settings, workcalendar
from wzdesk.office.workcalendar import WorkCalendar

HELD_BY_DEPARTMENT = ("dispatched", "accepted", "in_progress")
EVENT_COLUMNS = (*ledger.HASHED_COLUMNS, "prev_hash", "hash")


@dataclass(frozen=True)
class Moved:
    """One case whose deadline a calendar change reckoned again: its due moment before and after."""

    code: str
    old_due: datetime
    new_due: datetime
    old_provisional: bool
    new_provisional: bool
    steps_moved: int
    what: str = "办理时限"  # or 重大件第N次跟进, 协调事项“…”


def set_day(day: date, is_workday: bool, name: str, operator: Operator, now: datetime) -> list[Moved]:
    """Mark a day as a holiday or a working day and re-reckon the open deadlines it touches."""
    with write_transaction():
        workcalendar.set_day(day, is_workday, name, operator, now)
        return rereckon(WorkCalendar.from_db(), (day, day), now, operator)


def confirm_year(year: int, now: datetime, operator: Operator) -> list[Moved]:
    """Record that a year's schedule is entered, and re-reckon the deadlines that were provisional."""
    with write_transaction():
        workcalendar.confirm_year(year, now, operator)
        return rereckon(WorkCalendar.from_db(), _years_span([year]), now, operator)


def import_schedule(path: Path | str, now: datetime, operator: Operator) -> tuple[list[int], list[Moved]]:
    """Read a schedule file, write its days, confirm its years and re-reckon; nothing is written on a bad file."""
    days = calendar_import.read_schedule(path)
    return apply_schedule(days, now, operator)


def apply_schedule(days: list, now: datetime, operator: Operator) -> tuple[list[int], list[Moved]]:
    """Write read schedule days, confirm their years and re-reckon, all in one transaction."""
    with write_transaction():
        years = calendar_import.apply_schedule(days, now, operator)
        first, last = _years_span(years)
        span = (min(first, *(d.day for d in days)), max(last, *(d.day for d in days)))
        return years, rereckon(WorkCalendar.from_db(), span, now, operator)


def rereckon(cal: WorkCalendar, span: tuple[date, date], at: datetime, operator: Operator) -> list[Moved]:
    """Reckon again, on the changed calendar, every open deadline that the days of `span` could move.

    A deadline whose day falls before the span, or whose dispatch falls after it, counts none of the
    changed days and stays. Call inside the change's transaction.
    """
    limits = settings.limits()
    cases = list(_touched(span))
    steps = _open_workday_steps([c.id for c in cases])
    moved = []
    for case in cases:
        clock = deadlines.start_clock(case.dispatched_at, case.grade, limits, cal)
        moved_steps = _rereckon_steps(case, steps.get(case.id, []), cal)
        if clock.due_at != case.due_at or clock.provisional != case.due_provisional or moved_steps:
            moved.append((case, clock, moved_steps))
    _write(moved, at, operator)
    changes = [_moved(case, clock, moved_steps) for case, clock, moved_steps in moved]
    return changes + _rereckon_follow_ups(cal, span, at, operator) + _rereckon_decisions(cal, span, at, operator)


def _rereckon_follow_ups(cal: WorkCalendar, span: tuple[date, date], at: datetime, operator: Operator) -> list[Moved]:
    """Move the follow-up entries still owed whose count of working days the changed days fall in."""
    first, after_last = datetime.combine(span[0], time()), datetime.combine(span[1] + timedelta(days=1), time())
    gap, moved = settings.get("major_follow_up_workdays"), []
    owed = (FollowUp.select(FollowUp, Case).join(Case)
            .where(FollowUp.done_at.is_null(), FollowUp.breached_at.is_null(), FollowUp.due_at >= first,
                   Case.status.in_(HELD_BY_DEPARTMENT), FollowUp.dispatch_no == Case.dispatch_count,
                   Case.dispatched_at < after_last).order_by(FollowUp.id))
    for entry in list(owed):
        new_due = deadlines.follow_up_due(entry.case.dispatched_at, entry.seq, gap, cal)
        if new_due != entry.due_at:
            FollowUp.update(due_at=new_due).where(FollowUp.id == entry.id).execute()
            moved.append(_moved_item(entry, f"重大件第{entry.seq}次跟进", new_due, at, operator))
    return moved


def _rereckon_decisions(cal: WorkCalendar, span: tuple[date, date], at: datetime, operator: Operator) -> list[Moved]:
    """Move the meeting decisions still owed whose set day or its next working day the change touches."""
    first, moved = datetime.combine(span[0], time()), []
    owed = (MeetingDecision.select(MeetingDecision, Case).join(Case)
            .where(MeetingDecision.done_at.is_null(), MeetingDecision.breached_at.is_null(),
                   MeetingDecision.due_at >= first, MeetingDecision.due_on <= span[1], Case.status != "closed")
            .order_by(MeetingDecision.id))
    for decision in list(owed):
        new_due = deadlines.decision_due(decision.due_on, cal)
        if new_due != decision.due_at:
            MeetingDecision.update(due_at=new_due).where(MeetingDecision.id == decision.id).execute()
            moved.append(_moved_item(decision, f"协调事项“{decision.content}”", new_due, at, operator))
    return moved


def _moved_item(item, what: str, new_due: datetime, at: datetime, operator: Operator) -> Moved:
    """Write the ledger event of one moved follow-up or decision, on its case."""
    case = item.case
    ledger.append(case_id=case.id, at=at, recorded_at=ledger.wall_clock(), action="deadline_rereckoned",
                  from_status=case.status, to_status=case.status, operator_id=operator.id,
                  department_id=item.department_id,
                  note=f"工作日历变更，重算时限：{what} {item.due_at:%Y-%m-%d} 24:00 → {new_due:%Y-%m-%d} 24:00",
                  data={"item": type(item)._meta.table_name, "item_id": item.id,
                        "old_due": ledger.stamp(item.due_at), "new_due": ledger.stamp(new_due)})
    return Moved(case.code, item.due_at, new_due, False, False, 0, what)


def _touched(span: tuple[date, date]):
    first, after_last = datetime.combine(span[0], time()), datetime.combine(span[1] + timedelta(days=1), time())
    steps_reaching = (CaseDutyStep.select(CaseDutyStep.case)
                      .where(CaseDutyStep.done_at.is_null(), CaseDutyStep.breached_at.is_null(),
                             CaseDutyStep.closed_as == "", CaseDutyStep.due_at >= first))
    return (Case.select().where(Case.status.in_(HELD_BY_DEPARTMENT), Case.due_at.is_null(False),
                                Case.dispatched_at < after_last,
                                (Case.due_at >= first) | Case.id.in_(steps_reaching))
            .order_by(Case.id))


def _open_workday_steps(case_ids: list[int]) -> dict[int, list[CaseDutyStep]]:
    """Return the duty steps still owed and counted in working days, by case (any department)."""
    by_case: dict[int, list[CaseDutyStep]] = {}
    for start in range(0, len(case_ids), 500):  # SQLite's limit on bound parameters
        for row in (CaseDutyStep.select(CaseDutyStep, DutyStep).join(DutyStep)
                    .where(CaseDutyStep.case.in_(case_ids[start:start + 500]), CaseDutyStep.done_at.is_null(),
                           CaseDutyStep.breached_at.is_null(), CaseDutyStep.closed_as == "",
                           DutyStep.limit_unit == "workdays")):
            by_case.setdefault(row.case_id, []).append(row)
    return by_case


def _moved(case: Case, clock: deadlines.Clock, steps: list) -> Moved:
    return Moved(case.code, case.due_at, clock.due_at, bool(case.due_provisional), clock.provisional, len(steps))


def _write(moved: list, at: datetime, operator: Operator) -> None:
    """Store the new deadlines and chain one event per case, in two statements rather than three per case."""
    ledger.check_writer(operator.id)
    at_text = ledger.stamp(at)
    # Each case only if still at the version it was read at (and bumped): a concurrent change is never lost.
    changed = execute_many(
        'UPDATE "case" SET due_at = ?, warn_at = ?, due_provisional = ?,'
        " updated_at = CASE WHEN updated_at > ? THEN updated_at ELSE ? END, version = version + 1"
        " WHERE id = ? AND version = ?",
        [(ledger.stamp(clock.due_at), ledger.stamp(clock.warn_at), bool(clock.provisional), at_text, at_text,
          case.id, case.version) for case, clock, _steps in moved])
    if changed != len(moved):
        raise UserError("重算时限期间有工单被其他办公桌修改，本次没有写入任何内容，请重新操作。")
    last_id, prev_hash = ledger.last_link()
    recorded, rows = ledger.stamp(ledger.wall_clock()), []
    for number, (case, clock, steps) in enumerate(moved, start=last_id + 1):
        change = _moved(case, clock, steps)
        values = ledger.stored_values(
            number, case_id=case.id, at=at, recorded_at=recorded, action="deadline_rereckoned",
            from_status=case.status, to_status=case.status, operator_id=operator.id,
            department_id=case.lead_department_id, note=_note(change, steps), data=_data(change, case))
        rows.append(ledger.link(prev_hash, values))
        prev_hash = rows[-1][-1]
    insert_many(Rows("case_event", EVENT_COLUMNS, rows))


def _data(change: Moved, case: Case) -> str:
    data = {"old_due": ledger.stamp(change.old_due), "new_due": ledger.stamp(change.new_due),
            "old_provisional": change.old_provisional, "new_provisional": change.new_provisional,
            # The replay of audit-verify reads the case as the event leaves it: with its new due moment.
            "state": {**ledger.case_state(case), "due": ledger.stamp(change.new_due)}}
    return json.dumps(data, ensure_ascii=False, sort_keys=True)  # as chain.append stores a dict


def _rereckon_steps(case: Case, steps: list[CaseDutyStep], cal: WorkCalendar) -> list[tuple[str, datetime, datetime]]:
    """Move the lead department's open duty steps counted in working days; return (name, old, new)."""
    moved = []
    for row in steps:
        if row.department_id != case.lead_department_id:
            continue
        new_due = duties.step_due(case.dispatched_at, row.step, cal)
        if new_due != row.due_at:
            moved.append((row.step.name, row.due_at, new_due))
            CaseDutyStep.update(due_at=new_due).where(CaseDutyStep.id == row.id).execute()
    return moved


def _years_span(years: list[int]) -> tuple[date, date]:
    return date(min(years), 1, 1), date(max(years), 12, 31)


def _note(change: Moved, steps: list[tuple[str, datetime, datetime]]) -> str:
    text = f"工作日历变更，重算时限：办理时限 {change.old_due:%Y-%m-%d} 24:00 → {change.new_due:%Y-%m-%d} 24:00"
    if change.old_provisional and not change.new_provisional:
        text += "（该年日历已录入，不再是暂算）"
    elif change.new_provisional:
        text += "（日历未定，仍为暂算）"
    for name, old, new in steps:
        text += f"；履职步骤“{name}” {old:%Y-%m-%d} → {new:%Y-%m-%d}"
    return text
