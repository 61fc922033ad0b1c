"""A case told like a parcel: where it is now, who has it, when it is due, and every step so far."""

from datetime import datetime

from wzdesk.board.colours import colour_of
from wzdesk.cases.deadlines import days_overdue, is_overdue, working_days_left
from wzdesk.cases.lifecycle import holder
from wzdesk.cases.repeats import repeats_of
from wzdesk.ledger.queries import track
from wzdesk.masking import mask_case_text
from wzdesk.models import Case, Rating
from wzdesk.office import settings
from wzdesk.office.workcalendar import WorkCalendar
from wzdesk.vocabulary import ACTION_LABELS, COLOUR_LABELS, GRADE_LABELS, RATING_LABELS, SOLVED_LABELS, STATUS_LABELS


def text_time(moment: datetime | None) -> str | None:
    """Return a moment as "YYYY-MM-DD HH:MM:SS" (ISO, readable by any parser), or None."""
    return moment.strftime("%Y-%m-%d %H:%M:%S") if moment else None


def case_summary(case: Case, lead_name: str | None, colour: str) -> dict:
    """Return the fields of `cases --json` for one case."""
    return {
        "code": case.code,
        "title": mask_case_text(case.title, case),
        "status": case.status,
        "grade": case.grade,
        "lead_department": lead_name,
        "dispatched_at": text_time(case.dispatched_at),
        "due_at": text_time(case.due_at),
        "colour": colour,
    }


def summary_line(row: dict) -> str:
    """Return one human-readable ledger line."""
    return "  ".join([
        row["code"], f"[{COLOUR_LABELS[row['colour']]}]", STATUS_LABELS[row["status"]],
        GRADE_LABELS[row["grade"]] + "件", row["lead_department"] or "（未派单）", row["title"],
    ])


def case_detail(case: Case, at: datetime) -> dict:
    """Return a case with its holder, deadline state and every event, for `case CODE --json`."""
    colour = colour_of(case.id, at, settings.get("red_overdue_days"))
    detail = case_summary(case, case.lead_department.name if case.lead_department_id else None, colour)
    events = [_event_dict(e, case) for e in track(case)]
    detail.update(
        holder=holder(case),
        co_departments=[link.department.name for link in case.co_links],
        first_receiver=case.first_receiver.name if case.first_receiver_id else None,
        provisional=case.due_provisional,
        overdue_days=round(days_overdue(case.due_at, at), 1) if case.status not in ("closed", "merged") else 0,
        flags=flags(case),
        merged_into=case.merged_into.code if case.merged_into_id else None,
        repeats=[r.code for r in repeats_of(case)],
        events=events,
        track=events,  # the name of the list before the contract called it `events`
    )
    return detail


def merge_lines(case: Case) -> list[str]:
    """Say where a merged case went, or which repeats a main case gathered, in Chinese."""
    lines = []
    if case.merged_into_id:
        main = case.merged_into
        lines.append(f"已于 {case.merged_at:%Y-%m-%d %H:%M} 合并到工单 {main.code}（{main.title}），"
                     f"进度随主件：{STATUS_LABELS[main.status]}，{holder(main)}")
    gathered = repeats_of(case)
    if gathered:
        lines.append(f"并入本件的重复诉求 {len(gathered)} 件：" + "、".join(r.code for r in gathered))
    return lines


def flags(case: Case) -> list[str]:
    """Return the red flags of a case in Chinese."""
    named = [
        (case.flag_complaint, "群众吐槽"),
        (case.flag_false_closure, "假办结重办"),
        (case.flag_duty_breach, "未履职"),
        (case.supervised_at is not None, f"督办清单（第{case.supervision_round}轮）"),
    ]
    return [label for on, label in named if on]


def _event_dict(event, case: Case) -> dict:
    return {
        "at": text_time(event.at),
        "action": event.action,
        "label": ACTION_LABELS.get(event.action, event.action),
        "from_status": event.from_status,
        "to_status": event.to_status,
        "from_department": _dept_name(event, "from_department"),
        "to_department": _dept_name(event, "to_department"),
        "department": _dept_name(event, "department"),
        "operator": event.operator.display_name,
        "note": mask_case_text(event.note, case),  # notes written before they were stored masked
    }


def _dept_name(event, field: str) -> str | None:
    return getattr(event, field).name if getattr(event, f"{field}_id") else None


def return_visit_line(case: Case) -> str | None:
    """Return the latest return visit as 2026-10-12 满意，已解决 (问题是否解决 未询问 where not asked), or None."""
    latest = case.ratings.order_by(Rating.at.desc(), Rating.id.desc()).first()
    if latest is None:
        return None
    solved = SOLVED_LABELS.get(latest.solved, "问题是否解决未询问")
    return f"{latest.at:%Y-%m-%d} {RATING_LABELS.get(latest.level, latest.level)}，{solved}"


def deadline_line(case: Case, at: datetime, cal: WorkCalendar) -> str:
    """Say when the case is due and how it stands, in Chinese."""
    if case.status == "merged":
        return "办理时限：已合并，随主件办理"
    if case.due_at is None:
        return "办理时限：未派单，尚未起算"
    due = f"{case.due_at:%Y-%m-%d} 24:00"
    limit = f"{GRADE_LABELS[case.grade]}件"
    mark = "（日历未定，暂按工作日推算）" if case.due_provisional else ""
    if case.status == "closed":
        state = f"已于 {case.closed_at:%Y-%m-%d %H:%M} 办结"
    elif is_overdue(case.due_at, at):
        state = f"已超期 {days_overdue(case.due_at, at):.1f} 天"
    elif (left := working_days_left(case.due_at, at, cal)) > 0:
        state = f"剩余 {left} 个工作日"
    else:
        state = "今日 24:00 到期"
    return f"办理时限：{due}（{limit}）{mark}，{state}"


def render_track(case: Case, at: datetime) -> str:
    """Return the case's track as text, step by step, like a parcel's."""
    cal = WorkCalendar.from_db()
    colour = colour_of(case.id, at, settings.get("red_overdue_days"))
    lines = [
        f"工单 {case.code}　{mask_case_text(case.title, case)}",
        f"当前状态：{STATUS_LABELS[case.status]}　看板：{COLOUR_LABELS[colour]}　分级：{GRADE_LABELS[case.grade]}",
        f"现在在：{holder(case)}",
        deadline_line(case, at, cal),
    ]
    if flags(case):
        lines.append("标记：" + "、".join(flags(case)))
    lines.extend(merge_lines(case))
    lines.append("轨迹：")
    for event in track(case):
        lines.append("  " + _event_line(event, case))
    return "\n".join(lines)


def _event_line(event, case: Case) -> str:
    label = ACTION_LABELS.get(event.action, event.action)
    route = ""
    src, dst = _dept_name(event, "from_department"), _dept_name(event, "to_department")
    if src or dst:
        route = f"　{src or '督办室'} → {dst or '督办室'}"
    elif event.department_id:
        route = f"　{event.department.name}"
    state = f"　[{STATUS_LABELS.get(event.to_status, '')}]" if event.to_status else ""
    note = f"　{mask_case_text(event.note, case)}" if event.note else ""
    return f"{event.at:%Y-%m-%d %H:%M}　{label}{route}{state}　经办：{event.operator.display_name}{note}"
