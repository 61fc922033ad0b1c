"""Repeat complaints (重复诉求): find the open cases like a new one, merge a repeat into its main case, undo it.

Similar (DESIGN.md "Repeat complaints"): an open case of the same community and category received within
30 days whose title shares character pairs with the new title (pairs made as the two-character index makes
them, wzdesk/models/bigram_search.py), or an open case from the same phone in those 30 days.

A merged repeat has status "merged" and a link to its main case; it is neither open nor closed, so the
board, the ladder and the rates count only its main case. Its petitioner receives the main case's progress
messages (wzdesk/cases/messages.py). An unmerge restores the status the merge event recorded.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from wzdesk.cases import lifecycle, messages
from wzdesk.cases.phones import REPEAT_DAYS, is_valid_phone, normalise_phone
from wzdesk.errors import UserError
from wzdesk.models import (
    CLOSED,
    CLOSED_LITERAL,
    MERGED,
    Case,
    CaseEvent,
    Department,
    Operator,
    Staff,
    case_versions,
    write_transaction,
)
from wzdesk.models import chain as ledger
from wzdesk.models.bigram_search import bigrams
from wzdesk.models.cases import MERGED_LITERAL
from wzdesk.vocabulary import STATUS_LABELS

MIN_SHARED_PAIRS = 1  # one pair in common ("路灯") is enough among a community's cases of one category
WINDOW_LIMIT = 20000  # a community's cases of one category in 30 days: far fewer in any real office
SHOWN = 10


@dataclass(frozen=True)
class SimilarCase:
    """An open case like the one being entered, with why it matched and how well."""

    case_id: int
    code: str
    title: str
    status: str
    holder: str
    received_at: datetime
    shared_pairs: tuple[str, ...]
    same_phone: bool
    score: float

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def reason(self) -> str:
        """Say in Chinese why the case was matched."""
        parts = []
        if self.shared_pairs:
            parts.append("同社区同类型，标题相近（" + "、".join(self.shared_pairs[:4]) + "）")
        if self.same_phone:
            parts.append("同一号码")
        return "；".join(parts)

    def line(self) -> str:
        """Return one line for a warning: code, holder, status, title, why."""
        return f"{self.code}　{self.holder}　{self.status_label}　{self.title}　〔{self.reason}〕"


def title_pairs(title: str) -> set[str]:
    """Return the character pairs of a title, as the two-character index makes them."""
    return set(bigrams(title).split())


def similar_cases(title: str, at: datetime, community: str = "", category_id: int | None = None,
                  phone: str = "", exclude_id: int | None = None) -> list[SimilarCase]:
    """Return the open cases similar to these fields, best match first (at most SHOWN)."""
    since = at - timedelta(days=REPEAT_DAYS)
    pairs = title_pairs(title)
    found: dict[int, tuple[Case, tuple[str, ...], bool]] = {}
    for case in _same_place(community.strip(), category_id, since, at):
        shared = tuple(sorted(pairs & title_pairs(case.title)))
        if len(shared) >= MIN_SHARED_PAIRS:
            found[case.id] = (case, shared, False)
    for case in _same_phone(phone, since, at):
        shared = found.get(case.id, (case, (), False))[1]
        found[case.id] = (case, shared, True)
    found.pop(exclude_id, None)
    scored = sorted(((_score(case, shared, same_phone, pairs), case, shared, same_phone)
                     for case, shared, same_phone in found.values()),
                    key=lambda t: (-t[0], -t[1].received_at.timestamp(), t[1].code))
    shown = scored[:SHOWN]
    _attach_holders([case for _, case, _, _ in shown])
    return [_similar(case, shared, same_phone, score) for score, case, shared, same_phone in shown]


def _attach_holders(cases: list[Case]) -> None:
    """Load the departments, handlers and main cases the holders name in three queries, not three per case."""
    for field, model in ((Case.lead_department, Department), (Case.handler, Staff), (Case.merged_into, Case)):
        ids = {c.__data__.get(field.name) for c in cases} - {None}
        if not ids:
            continue
        rows = {row.id: row for row in model.select().where(model.id.in_(ids))}
        for case in cases:
            if case.__data__.get(field.name) in rows:
                setattr(case, field.name, rows[case.__data__[field.name]])


def similar_to(case: Case, at: datetime | None = None) -> list[SimilarCase]:
    """Return the open cases similar to a stored case (itself left out)."""
    return similar_cases(case.title, at or case.received_at, case.community, case.category_id,
                         case.petitioner_phone, exclude_id=case.id)


# The window (community, category, 30 days) is read on case_community_received and its titles' pairs are made
# by the pair index's own function. Asking the pair index itself (case_bigram MATCH the title's pairs) was
# measured slower on a 100,000-case demo: 60 ms to list every case sharing a common pair such as 小区, and
# 87-100 ms restricted to the window's ids, against 1.5 ms for the window alone (bench/repeats.py).
_COLUMNS = (Case.id, Case.code, Case.title, Case.status, Case.received_at, Case.lead_department, Case.handler,
            Case.merged_into)


def _same_place(community: str, category_id: int | None, since: datetime, at: datetime):
    """Select the open cases of the community and category received in the window."""
    if not community or category_id is None:
        return []
    return (Case.select(*_COLUMNS).where(Case.status != CLOSED_LITERAL, Case.status != MERGED_LITERAL,
                                         Case.community == community, Case.received_at >= since,
                                         Case.received_at <= at, Case.category == category_id)
            .limit(WINDOW_LIMIT))


def _same_phone(phone: str, since: datetime, at: datetime):
    if not phone or not is_valid_phone(phone):
        return []
    return (Case.select(*_COLUMNS).where(Case.status != CLOSED_LITERAL, Case.status != MERGED_LITERAL,
                                         Case.petitioner_phone == normalise_phone(phone),
                                         Case.received_at >= since, Case.received_at <= at).limit(WINDOW_LIMIT))


def _score(case: Case, shared: tuple[str, ...], same_phone: bool, pairs: set[str]) -> float:
    # Dice's coefficient of the two titles' pairs, plus a whole point for the same caller.
    theirs = title_pairs(case.title)
    dice = 2 * len(shared) / (len(pairs) + len(theirs)) if shared else 0.0
    return round(dice + (1.0 if same_phone else 0.0), 4)


def _similar(case: Case, shared: tuple[str, ...], same_phone: bool, score: float) -> SimilarCase:
    return SimilarCase(case.id, case.code, case.title, case.status, lifecycle.holder(case), case.received_at,
                       shared, same_phone, score)


# ---- merge and unmerge ---------------------------------------------------------------------------------


def merge(repeat: Case, main: Case, at: datetime, operator: Operator, reopen: bool = False,
          note: str = "", expected_version: int | None = None) -> Case:
    """Merge a repeat complaint into its main case: an event on both, the repeat's petitioner kept informed.

    A main case already closed is reopened only when the clerk says so (`reopen`); a new problem is a new case.
    """
    case_versions.expect(repeat, expected_version)
    _check_mergeable(repeat, main, at, reopen)
    with write_transaction():
        if main.status == CLOSED:
            lifecycle.reopen(main, f"重复诉求 {repeat.code} 反映问题仍未解决，重新办理", at, operator)
            main = Case.get_by_id(main.id)
        before = repeat.status
        repeat.status, repeat.merged_into, repeat.merged_at = MERGED, main, at.replace(microsecond=0)
        repeat.updated_at = at
        repeat.save()
        text = note.strip()
        _event(repeat, "merge", at, operator, before, repeat.status, f"并入工单 {main.code}" + _tail(text))
        main.updated_at = at
        main.save()
        _event(main, "repeat_merged", at, operator, main.status, main.status,
               f"重复诉求 {repeat.code} 并入本件" + _tail(text))
        messages.queue_for_repeat(repeat, main, "merged", at)
    return repeat


def unmerge(repeat: Case, at: datetime, operator: Operator, expected_version: int | None = None) -> Case:
    """Undo a merge: the repeat gets back the status it had, with an event on both cases."""
    case_versions.expect(repeat, expected_version)
    if repeat.status != MERGED or repeat.merged_into_id is None:
        raise UserError(f"工单 {repeat.code} 没有被合并，无需撤销合并。")
    main = Case.get_by_id(repeat.merged_into_id)
    if at < repeat.merged_at:
        raise UserError(f"时间 {at:%Y-%m-%d %H:%M} 早于合并时间 {repeat.merged_at:%Y-%m-%d %H:%M}，请核对。")
    with write_transaction():
        restored = _status_before_merge(repeat)
        repeat.status, repeat.merged_into, repeat.merged_at = restored, None, None
        repeat.updated_at = at
        repeat.save()
        note = f"撤销并入工单 {main.code}，恢复为{STATUS_LABELS[restored]}"
        _event(repeat, "unmerge", at, operator, MERGED, restored, note)
        main.updated_at = at
        main.save()
        _event(main, "repeat_unmerged", at, operator, main.status, main.status, f"重复诉求 {repeat.code} 撤销合并")
    return repeat


def repeat_actions(case: Case | None) -> list[str]:
    """Return the repeat-complaint actions a case offers now: merge it into a main case, or undo its merge."""
    if case is None or case.status == CLOSED:
        return []
    return ["unmerge"] if case.status == MERGED else ["merge"]


def repeats_of(main: Case) -> list[Case]:
    """Return the repeats merged into a case, in the order they were merged."""
    return list(Case.select().where(Case.merged_into == main.id, Case.status == MERGED)
                .order_by(Case.merged_at, Case.id))


def _check_mergeable(repeat: Case, main: Case, at: datetime, reopen: bool) -> None:
    if repeat.id == main.id:
        raise UserError(f"工单 {repeat.code} 不能合并到它自己。")
    if repeat.status == MERGED:
        raise UserError(f"工单 {repeat.code} 已合并到其他工单，请先撤销合并。")
    if repeat.status == CLOSED:
        raise UserError(f"工单 {repeat.code} 已办结，不能作为重复诉求合并。")
    if main.status == MERGED:
        target = Case.get_by_id(main.merged_into_id).code
        raise UserError(f"工单 {main.code} 本身已并入 {target}，请合并到 {target}。")
    if Case.select().where(Case.merged_into == repeat.id, Case.status == MERGED).exists():
        raise UserError(f"工单 {repeat.code} 下已并有重复诉求，请先撤销那些合并，或把它们改并到主件。")
    if main.status == CLOSED and not reopen:
        raise UserError(
            f"主件 {main.code} 已办结。如反映的是同一问题仍未解决，请勾选“重新办理主件”（命令行加 --reopen）后合并；"
            f"如是新问题，请作为新工单办理，不要合并。"
        )
    if at < repeat.received_at or at < main.received_at:
        raise UserError(f"时间 {at:%Y-%m-%d %H:%M} 早于工单的受理时间，请核对。")


def _status_before_merge(repeat: Case) -> str:
    last = (CaseEvent.select().where(CaseEvent.case == repeat.id, CaseEvent.action == "merge")
            .order_by(CaseEvent.id.desc()).first())
    if last is None or last.from_status not in STATUS_LABELS:
        raise UserError(f"台账中找不到工单 {repeat.code} 的合并记录，无法撤销合并。")
    return last.from_status


def _event(case: Case, action: str, at: datetime, operator: Operator, before: str, after: str, note: str):
    return ledger.append(case_id=case.id, at=at, recorded_at=ledger.wall_clock(), action=action,
                         from_status=before, to_status=after, operator_id=operator.id,
                         department_id=case.lead_department_id, note=note)


def _tail(note: str) -> str:
    return f"：{note}" if note else ""
