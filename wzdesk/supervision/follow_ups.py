"""Follow-up entries of major cases (重大件跟进): one due every few working days after dispatch until replied.

Entry n falls due at the end of the (n × gap)-th working day after the dispatch date; the next entry opens
once the one before it has fallen due. A missed entry is a duty breach of the lead department.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from wzdesk.board.office import DEPARTMENT_HELD
from wzdesk.cases.deadlines import follow_up_due
from wzdesk.errors import UserError
from wzdesk.models import Case, FollowUp, MeetingDecision, Operator, case_versions, write_transaction
from wzdesk.models import chain as ledger
from wzdesk.office import settings
from wzdesk.office.workcalendar import WorkCalendar

HELD = list(DEPARTMENT_HELD)


def open_entries(at: datetime, operator: Operator, case_ids: list[int] | None = None) -> list[FollowUp]:
    """Open each major case's follow-up entries up to the one now running, each with its ledger event."""
    gap, cal = settings.get("major_follow_up_workdays"), WorkCalendar.from_db()
    query = Case.select().where(Case.grade == "major", Case.status.in_(HELD), Case.dispatched_at.is_null(False))
    if case_ids is not None:
        query = query.where(Case.id.in_(case_ids))
    opened: list[FollowUp] = []
    # Read first: a read left open while writing would keep an old snapshot another desk may pass.
    cases = list(query)
    have = set(FollowUp.select(FollowUp.case, FollowUp.seq).join(Case).where(
        Case.grade == "major", _still_owed()).tuples())
    for case in cases:
        opened += _open_up_to(case, at, operator, gap, cal, have)
    return opened


def _open_up_to(case: Case, at: datetime, operator: Operator, gap: int, cal: WorkCalendar,
                have: set[tuple[int, int]]) -> list[FollowUp]:
    """Open a case's entries from the first to the one running at `at` (a late first run opens several)."""
    opened, n = [], 1
    while True:
        due = follow_up_due(case.dispatched_at, n, gap, cal)
        if (case.id, n) not in have and (entry := _open(case, n, due, at, operator)):
            opened.append(entry)
        if due >= at:
            return opened
        n += 1


def _open(case: Case, n: int, due: datetime, at: datetime, operator: Operator) -> FollowUp | None:
    with write_transaction():
        inserted = FollowUp.insert(case=case, dispatch_no=case.dispatch_count, seq=n,
                                   department=case.lead_department_id, due_at=due,
                                   opened_at=at).on_conflict_ignore().as_rowcount().execute()
        if inserted != 1:
            return None
        case_event(case, "follow_up_opened", at, operator, case.lead_department_id,
               f"第{n}次跟进，应于 {due:%Y-%m-%d} 下班前报告进展")
    return FollowUp.get(FollowUp.case == case, FollowUp.dispatch_no == case.dispatch_count, FollowUp.seq == n)


def record_follow_up(entry: FollowUp, note: str, at: datetime, operator: Operator) -> FollowUp:
    """Record that a major case was followed up (what was found), done at `at`."""
    note = (note or "").strip()
    if not note:
        raise UserError("请填写跟进情况：进展如何、下一步做什么。")
    if entry.done_at is not None:
        raise UserError(f"第{entry.seq}次跟进已于 {entry.done_at:%Y-%m-%d %H:%M} 登记，无需重复。")
    with write_transaction():
        entry.done_at, entry.note = at.replace(microsecond=0), note
        entry.save()
        late = "（超时）" if entry.done_at > entry.due_at else ""
        case_event(entry.case, "follow_up_done", at, operator, entry.department_id,
                   f"第{entry.seq}次跟进{late}：{note}")
    return entry


def record_breaches(at: datetime, operator: Operator, case_ids: list[int] | None = None) -> list[FollowUp]:
    """Mark each follow-up not done by its due time, on a case a department still holds, as a duty breach."""
    found = []
    for entry in list(late_rows(FollowUp, at, case_ids).where(_still_owed())):
        breach(entry, at, operator, f"重大件第{entry.seq}次跟进未按时报告（应于 {entry.due_at:%m-%d} 前）")
        found.append(entry)
    return found


def _still_owed():
    """The entries of the current dispatch on cases a department holds: a reply or a re-dispatch ends them."""
    return Case.status.in_(HELD) & (FollowUp.dispatch_no == Case.dispatch_count)


def late_rows(model, at: datetime, case_ids: list[int] | None):
    """Select the follow-ups or decisions past due and not done in time, not yet breached, with their cases."""
    query = model.select(model, Case).join(Case).where(
        model.breached_at.is_null(), model.due_at < at, model.done_at.is_null() | (model.done_at > model.due_at))
    return query if case_ids is None else query.where(model.case.in_(case_ids))


def breach(entry: FollowUp | MeetingDecision, at: datetime, operator: Operator, note: str) -> None:
    """Record a missed follow-up or decision as a duty breach of its department, flagging the case red."""
    with write_transaction():
        type(entry).update(breached_at=at).where(type(entry).id == entry.id).execute()
        Case.update(**case_versions.bumped(flag_duty_breach=True)).where(Case.id == entry.case_id).execute()
        case_event(entry.case, "duty_breach", at, operator, entry.department_id, note)


def case_event(case: Case, action: str, at: datetime, operator: Operator, department_id: int | None,
               note: str) -> None:
    """Append a case's ledger event for a follow-up, a meeting, a decision or a breach; call inside its transaction."""
    ledger.append(case_id=case.id, at=at, recorded_at=ledger.wall_clock(), action=action, from_status=case.status,
                  to_status=case.status, department_id=department_id, operator_id=operator.id, note=note)


@dataclass(frozen=True)
class DueItem:
    """A follow-up or a meeting decision due today or overdue, for 今日督办."""

    kind: str  # 重大件跟进 / 协调事项
    code: str
    department: str
    what: str
    due_at: datetime
    item_id: int


def due_by(day: date) -> list[DueItem]:
    """Return the open follow-ups and meeting decisions due by the end of `day`, oldest due first."""
    end = datetime.combine(day + timedelta(days=1), time())
    items = [DueItem("重大件跟进", e.case.code, e.department.name, f"第{e.seq}次跟进", e.due_at, e.id)
             for e in _open_due(FollowUp, end).where(_still_owed())]
    items += [DueItem("协调事项", d.case.code, d.department.name, d.content, d.due_at, d.id)
              for d in _open_due(MeetingDecision, end)]
    return sorted(items, key=lambda item: (item.due_at, item.code))


def _open_due(model, end: datetime):
    return model.select(model, Case).join(Case).where(model.done_at.is_null(), model.due_at < end,
                                                      Case.status != "closed")


def entry_by_id(entry_id: int | None) -> FollowUp | None:
    """Return the follow-up entry with this id, or None when there is none."""
    return FollowUp.get_or_none(FollowUp.id == entry_id) if entry_id is not None else None


def entries_of(case: Case) -> list[FollowUp]:
    """Return a major case's follow-up entries, by dispatch and number."""
    return list(FollowUp.select().where(FollowUp.case == case).order_by(FollowUp.dispatch_no, FollowUp.seq))


def state(item: FollowUp | MeetingDecision, at: datetime) -> str:
    """Return a follow-up's or a decision's state at `at`: 已完成, 超时完成, 未履职, 已超期 or 待办."""
    if item.done_at is not None:
        return "超时完成" if item.done_at > item.due_at else "已完成"
    if item.breached_at is not None:
        return "未履职"
    return "已超期" if at > item.due_at else "待办"


def owed_items(case: Case) -> list[tuple[str, FollowUp | MeetingDecision]]:
    """Return what the case's lead department still owes and may be marked done: its follow-ups (of the current
    dispatch, while a department holds it) and its meeting decisions, oldest due first."""
    entries = [("follow_up", e) for e in FollowUp.select().where(
        FollowUp.case == case, FollowUp.done_at.is_null(), FollowUp.dispatch_no == case.dispatch_count)
        if case.status in HELD]
    decisions = [("decision", d) for d in MeetingDecision.select().where(
        MeetingDecision.case == case, MeetingDecision.done_at.is_null())] if case.status != "closed" else []
    return sorted(entries + decisions, key=lambda pair: (pair[1].due_at, pair[0], pair[1].id))
