"""A version per case: a change written only if the case is still as the clerk saw it (no lost update).

Every write of a case row goes through a conditional UPDATE … WHERE id = ? AND version = ? that also
bumps the version, so of two desks that saw the same version only the first wins, on SQLite and on
PostgreSQL alike; the second is refused with a Chinese message naming who changed the case to what,
and when (from the case's newest ledger event that changed it).
"""

from datetime import datetime

from wzdesk.errors import UserError
from wzdesk.models.cases import Case, CaseEvent
from wzdesk.vocabulary import ACTION_LABELS, STATUS_LABELS

# The ledger events written with a change of the case row itself (the others — a look at the phone
# number, a booking, a letter — leave the case as it was and bump no version).
CHANGING_ACTIONS = (
    "intake", "dispatch", "accept", "return", "reassign", "progress", "reply", "verify_pass", "verify_fail",
    "rate", "close", "reopen", "complaint", "complaint_cleared", "import_update", "merge", "repeat_merged",
    "unmerge", "repeat_unmerged", "duty_step_done", "duty_breach", "deadline_rereckoned", "supervision_list",
    "supervision_letter", "interview", "public_notice",
)


class StaleCase(UserError):
    """The case changed since the clerk saw it; nothing was written."""


def stale_refusal(case_id: int, today: datetime | None = None) -> StaleCase:
    """Return the refusal for a stale change of this case, saying who changed it to what and when."""
    case = Case.get_or_none(Case.id == case_id)
    event = (CaseEvent.select().where(CaseEvent.case == case_id, CaseEvent.action.in_(CHANGING_ACTIONS))
             .order_by(CaseEvent.id.desc()).first())
    if case is None or event is None:
        return StaleCase("该工单已被其他办公桌修改，请刷新后再办理。")
    when = event.at.strftime("%H:%M" if event.at.date() == (today or datetime.now()).date() else "%Y-%m-%d %H:%M")
    status = STATUS_LABELS.get(case.status, case.status)
    if event.from_status != event.to_status:
        what = f"修改为{status}"
    else:
        what = f"修改（{ACTION_LABELS.get(event.action, event.action)}，现为{status}）"
    return StaleCase(f"该工单已被{event.operator.display_name}在 {when} {what}，请刷新后再办理")


def expect(case: Case, expected_version: int | None) -> None:
    """Refuse at once a step taken on a view older than the case (None: act on the case as read).

    Only the early word: the conditional UPDATE of `write` is what stops two desks both winning.
    """
    if expected_version is None:
        return
    if case.version != expected_version:
        raise stale_refusal(case.id)


def write(case: Case, only=None) -> int:
    """Write the case's fields if it is still at the version it was read at, and bump that version."""
    seen = case.version
    values = case.__data__.copy()
    if only is not None:
        values = case._prune_fields(values, only)
    values.pop("id", None)
    values["version"] = seen + 1
    rows = Case.update(**values).where(Case.id == case.id, Case.version == seen).execute()
    if rows != 1:
        raise stale_refusal(case.id)
    case.version = seen + 1
    case._dirty.clear()
    return rows


def touch(case: Case) -> None:
    """Bump the version of a case whose own rows changed (a duty step done), refusing a stale one."""
    write(case, only=[Case.version])


def bumped(**values) -> dict:
    """Return the values of a bulk UPDATE of cases with their versions bumped."""
    return {**values, "version": Case.version + 1}
