"""The observer roster (民间观察员): add, edit, retire; coverage per community; assignments; certificates.

Phone and ID numbers are masked in every row this module returns; revealing one needs "reveal_contact"
and is itself a (case-less) ledger event.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from peewee import fn

from wzdesk.cases.phones import normalise_phone
from wzdesk.errors import UserError
from wzdesk.masking import mask_id_no, mask_phone
from wzdesk.models import Case, Observer, Operator, Verification, VerificationObserver, write_transaction
from wzdesk.models import chain as ledger
from wzdesk.notices import service as document_service
from wzdesk.office import auth
from wzdesk.office import numbering as notices
from wzdesk.vocabulary import VERIFICATION_RESULT_LABELS as RESULT_LABELS

KINDS = ("老党员", "退休教师", "社区网格员", "个体店主", "居民代表", "其他")
TARGET_MIN, TARGET_MAX = 3, 5  # observers an office aims for in each community (DESIGN.md)
ID_NO = re.compile(r"^\d{17}[\dXx]$")
FIELDS = ("name", "kind", "district", "street", "community", "phone", "id_no", "note")


@dataclass(frozen=True)
class ObserverRow:
    """One observer as the roster lists it, contact masked."""

    id: int
    name: str
    kind: str
    district: str
    street: str
    community: str
    phone: str
    id_no: str
    joined_on: date
    retired_on: date | None
    assignments: int
    problems_found: int  # checks where the observer's finding differed from the department's reply

    @property
    def findings(self) -> int:
        """Return what the roster's 发现问题 column shows: the problems found, not the remarks written."""
        return self.problems_found


@dataclass(frozen=True)
class CoverageRow:
    """A community: its active observers against the 3-to-5 target, and how many cases came from it."""

    district: str
    street: str
    community: str
    observers: int
    cases: int

    @property
    def short(self) -> bool:
        return self.observers < TARGET_MIN

    @property
    def state(self) -> str:
        if self.short:
            return f"缺 {TARGET_MIN - self.observers} 名"
        return "超出目标" if self.observers > TARGET_MAX else "达标"


@dataclass(frozen=True)
class AssignmentRow:
    """A verification an observer was assigned to, and what they found."""

    verification_id: int
    at: datetime
    case_code: str
    community: str
    present: bool
    finding: str
    result: str


def _clean(values: dict) -> dict:
    data = {key: str(values.get(key) or "").strip() for key in FIELDS}
    if not data["name"]:
        raise UserError("请填写观察员姓名。")
    if not data["community"]:
        raise UserError("请填写观察员所在社区。")
    if data["phone"]:
        data["phone"] = normalise_phone(data["phone"])
    if data["id_no"] and not ID_NO.match(data["id_no"]):
        raise UserError("身份证号码应为 18 位（最后一位可为 X）。")
    data["id_no"] = data["id_no"].upper()
    return data


def add_observer(values: dict, at: datetime, operator: Operator) -> Observer:
    """Add an observer to the roster, joining on `at`'s day; the addition is a ledger event."""
    data = _clean(values)
    with write_transaction():
        observer = Observer.create(**data, joined_on=at.date())
        _record(observer, "observer_added", at, operator, f"观察员名册新增：编号 {observer.id}（{observer.community}）")
    return observer


def edit_observer(observer: Observer, values: dict, at: datetime, operator: Operator) -> Observer:
    """Change an observer's details; a masked number left as shown keeps the stored one. The change
    is a ledger event naming the fields changed (never the numbers themselves)."""
    values = dict(values)
    for key, masked in (("phone", mask_phone(observer.phone)), ("id_no", mask_id_no(observer.id_no))):
        if str(values.get(key) or "").strip() == masked:
            values[key] = getattr(observer, key)
    data = _clean(values)
    changed = [key for key, value in data.items() if getattr(observer, key) != value]
    if not changed:
        return observer
    with write_transaction():
        for key in changed:
            setattr(observer, key, data[key])
        observer.save()
        fields = "、".join(FIELD_LABELS.get(key, key) for key in changed)
        _record(observer, "observer_edited", at, operator, f"修改观察员（编号 {observer.id}）的{fields}")
    return observer


def retire(observer: Observer, at: datetime, operator: Operator, reason: str = "") -> Observer:
    """Take an observer off the active roster on `at`'s day (kept for the record of past checks), with why."""
    if observer.retired_on is not None:
        raise UserError(f"{observer.name}已于 {observer.retired_on:%Y-%m-%d} 退出。")
    with write_transaction():
        observer.retired_on = at.date()
        observer.save()
        note = _with_reason(f"观察员（编号 {observer.id}）退出名册", reason)
        _record(observer, "observer_retired", at, operator, note)
    return observer


def reinstate(observer: Observer, at: datetime, operator: Operator, reason: str = "") -> Observer:
    """Put a retired observer back on the active roster (a retirement made in error, or a return)."""
    if observer.retired_on is None:
        raise UserError(f"{observer.name}在册，无需恢复。")
    with write_transaction():
        observer.retired_on = None
        observer.save()
        note = _with_reason(f"观察员（编号 {observer.id}）恢复在册", reason)
        _record(observer, "observer_reinstated", at, operator, note)
    return observer


def _with_reason(note: str, reason: str) -> str:
    return f"{note}：{reason.strip()}" if reason.strip() else note


FIELD_LABELS = {"name": "姓名", "kind": "类别", "district": "区县", "street": "街道", "community": "社区",
                "phone": "电话", "id_no": "身份证号", "note": "备注"}


def _record(observer: Observer, action: str, at: datetime, operator: Operator, note: str) -> None:
    """Append the case-less ledger event of a roster change, inside its transaction."""
    ledger.append(case_id=None, at=at, recorded_at=ledger.wall_clock(), action=action, operator_id=operator.id,
                  note=note, data={"observer": observer.id})


def reveal_contact(observer: Observer, at: datetime, operator: Operator) -> tuple[str, str]:
    """Return the full phone and ID numbers, recording who looked (needs "reveal_contact")."""
    auth.require(operator, "reveal_contact")
    with write_transaction():
        _record(observer, "reveal", at, operator, f"查看观察员（编号 {observer.id}）的完整联系方式")
    return observer.phone, observer.id_no


# -- lists ---------------------------------------------------------------------------------------------------


def observer_rows(include_retired: bool = False, community: str = "") -> list[ObserverRow]:
    """Return the roster, contact masked, with each observer's participation counts."""
    query = Observer.select().order_by(Observer.district, Observer.street, Observer.community, Observer.id)
    if not include_retired:
        query = query.where(Observer.retired_on.is_null())
    if community:
        query = query.where(Observer.community == community)
    counts = _participation()
    return [ObserverRow(o.id, o.name, o.kind, o.district, o.street, o.community, mask_phone(o.phone),
                        mask_id_no(o.id_no), o.joined_on, o.retired_on, *counts.get(o.id, (0, 0)))
            for o in query]


def _participation() -> dict[int, tuple[int, int]]:
    """Return observer id -> (checks attended, problems found).

    A problem found is a check the observer attended where what was found differed from the department's
    reply: the check failed, or the clerk marked the observer's finding as a problem found. A remark alone
    ("灯已亮") is not one.
    """
    found = fn.SUM((Verification.result == "failed") | VerificationObserver.problem_found)
    query = (VerificationObserver.select(VerificationObserver.observer, fn.COUNT(VerificationObserver.id), found)
             .join(Verification).where(VerificationObserver.present)
             .group_by(VerificationObserver.observer).tuples())
    return {oid: (n, int(f or 0)) for oid, n, f in query}


def coverage() -> list[CoverageRow]:
    """Return every community (from the observers' and the cases') with its active observers, shortest first."""
    places: dict[tuple, list[int]] = {}
    # Retired observers still name their community: it stays on the list, short, until someone replaces them.
    active = fn.SUM(Observer.retired_on.is_null())
    roster = (Observer.select(Observer.district, Observer.street, Observer.community, active)
              .group_by(Observer.district, Observer.street, Observer.community))
    for district, street, community, n in roster.tuples():
        places.setdefault(_key(district, street, community), [0, 0])[0] += int(n or 0)
    cases = (Case.select(Case.district, Case.street, Case.community, fn.COUNT(Case.id))
             .where(Case.community != "").group_by(Case.district, Case.street, Case.community))
    for district, street, community, n in cases.tuples():
        places.setdefault(_key(district, street, community), [0, 0])[1] += n
    rows = [CoverageRow(*key, observers, n_cases) for key, (observers, n_cases) in places.items()]
    return sorted(rows, key=lambda r: (r.observers, -r.cases, r.district, r.street, r.community))


def _key(district: str, street: str, community: str) -> tuple[str, str, str]:
    return (district or "").strip(), (street or "").strip(), (community or "").strip()


def short_communities() -> list[CoverageRow]:
    """Return the communities with fewer active observers than the target."""
    return [row for row in coverage() if row.short]


def assignments(observer_id: int) -> list[AssignmentRow]:
    """Return the verifications an observer was assigned to, newest first."""
    query = (VerificationObserver.select(VerificationObserver, Verification, Case)
             .join(Verification).join(Case)
             .where(VerificationObserver.observer == observer_id)
             .order_by(Verification.planned_at.desc()))
    return [AssignmentRow(link.verification_id, link.verification.performed_at or link.verification.planned_at,
                          link.verification.case.code, link.verification.case.community, link.present,
                          link.finding, RESULT_LABELS.get(link.verification.result, link.verification.result))
            for link in query]


def issue_certificate(observer: Observer, out: Path, on: date, now: datetime) -> tuple:
    """Number a 监督能手 certificate in the register and render it; return (notice, path)."""
    document_service.check_out_file(out)
    document_service.document_fonts()  # before numbering: a missing font must not use up a number
    with write_transaction():
        # The register names the community, not the observer: the list may be shown outside the office.
        notice = notices.issue("certificate", None, [], on, now, title="监督能手证书")
        notice.recipient = f"{observer.community}民间观察员"
        notice.save()
    return notice, document_service.render_observer_certificate(observer.id, out, notice.issued_on, notice.number_text)


def observer_by_id(observer_id: int | None) -> Observer | None:
    """Return the observer with this id, or None when there is none."""
    return Observer.get_or_none(Observer.id == observer_id) if observer_id is not None else None


def observers_by_ids(ids: list[int]) -> list[Observer]:
    """Return the observers with these ids, in the order of the ids."""
    found = {o.id: o for o in Observer.select().where(Observer.id.in_(ids))}
    return [found[i] for i in ids if i in found]


def observers_near(case: Case, limit: int = 300) -> list[Observer]:
    """Return active observers (the first `limit` by community and name), those of the case's community first."""
    active = Observer.select().where(Observer.retired_on.is_null()).order_by(Observer.community, Observer.name)
    return sorted(active.limit(limit), key=lambda o: o.community != case.community)
