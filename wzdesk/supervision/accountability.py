"""The accountability register (问责): propose by hand, confirm or revoke, and read the register.

Any clerk may propose a record; only a role with "confirm_sanction" confirms, dismisses or revokes it.
The monthly rating rules (wzdesk.citizen.rating_rules) propose records too; deciding them is done here,
with the permission check, the events on the linked cases, revocation, and the offer of a sanction on the
unit's leader in charge.
"""

from dataclasses import dataclass
from datetime import date, datetime

from wzdesk.errors import UserError
from wzdesk.models import Accountability, AccountabilityCase, Case, Department, Operator, write_transaction
from wzdesk.models import chain as ledger
from wzdesk.months import month_days
from wzdesk.office import auth
from wzdesk.vocabulary import ACCOUNTABILITY_STATUS_LABELS as STATUS_LABELS
from wzdesk.vocabulary import RULE_LABELS, SANCTION_LABELS, TARGET_LABELS

# What a unit's sanction suggests for its leader in charge: accountability reaches the leader (DESIGN.md).
LEADER_SANCTION = {
    "circulated_criticism": "admonishment",
    "performance_deduction": "formal_talk",
    "no_award": "formal_talk",
    "written_self_criticism": "admonishment",
    "public_self_criticism": "admonishment",
    "discipline": "admonishment",
}
LEADER_RULE = "leader_of_unit"


@dataclass(frozen=True)
class RegisterRow:
    """One record as the register lists it."""

    id: int
    decided_on: date
    department: str
    target: str
    sanction: str
    problem_type: str
    reason: str
    status: str
    status_note: str
    case_codes: str
    rule: str


def propose(department: Department, target_kind: str, sanction: str, reason: str, at: datetime,
            operator: Operator, *, person_name: str = "", person_title: str = "", problem_type: str = "",
            cases: list[Case] = (), rule: str = "", rule_key: str = "") -> Accountability:
    """Enter a proposed record (any clerk may); one event per linked case, or one case-less event."""
    fields = _checked(department, target_kind, sanction, reason, person_name, person_title)
    with write_transaction():
        record = Accountability.create(**fields, problem_type=problem_type.strip(), decided_on=at.date(),
                                       status="proposed", rule=rule, rule_key=rule_key, proposed_by=operator,
                                       created_at=at)
        for case in {c.id: c for c in cases}.values():
            AccountabilityCase.create(record=record, case=case)
        _events(record, "accountability_proposed", f"提出问责建议：{describe(record)}。{record.reason}", at, operator)
    return record


def _checked(department, target_kind, sanction, reason, person_name, person_title) -> dict:
    if department is None:
        raise UserError("请选择被问责的单位。")
    if target_kind not in TARGET_LABELS:
        raise UserError(f"问责对象“{target_kind}”无效，可选：{'、'.join(TARGET_LABELS.values())}。")
    if sanction not in SANCTION_LABELS:
        raise UserError(f"问责方式“{sanction}”无效，可选：{'、'.join(SANCTION_LABELS.values())}。")
    if not (reason or "").strip():
        raise UserError("请填写问责理由。")
    person_name, person_title = (person_name or "").strip(), (person_title or "").strip()
    if target_kind == "leader" and not person_name:
        person_name, person_title = department.leader_name, person_title or department.leader_title
        if not person_name:
            raise UserError(f"{department.name}没有登记分管领导，请先在基础数据中填写，或填写姓名。")
    if target_kind == "person" and not person_name:
        raise UserError("问责对象为个人时，请填写姓名。")
    if target_kind == "department":
        person_name, person_title = "", ""
    return {"department": department, "target_kind": target_kind, "sanction": sanction,
            "reason": reason.strip(), "person_name": person_name, "person_title": person_title}


def describe(record: Accountability) -> str:
    """Return 对 单位/分管领导 … 的 通报批评, for notes and dialogs."""
    who = record.department.name
    if record.target_kind != "department":
        who += f"{record.person_title or TARGET_LABELS[record.target_kind]}{record.person_name}"
    return f"{who} — {SANCTION_LABELS.get(record.sanction, record.sanction)}"


def proposed() -> list[Accountability]:
    """Return the proposals waiting for a supervisor, oldest first."""
    return list(Accountability.select().where(Accountability.status == "proposed")
                .order_by(Accountability.created_at, Accountability.id))


def confirm(record: Accountability, at: datetime, operator: Operator, note: str = "") -> Accountability | None:
    """Confirm a proposed record (supervisor or admin); return the suggested leader record to offer, if any."""
    note = (note or "").strip()
    _decide(record, "confirmed", note, "确认问责：" + (note or record.reason), at, operator)
    return leader_suggestion(record)


def dismiss(record: Accountability, reason: str, at: datetime, operator: Operator) -> Accountability:
    """Dismiss a proposal with the reason why no sanction follows (supervisor or admin)."""
    reason = (reason or "").strip()
    if not reason:
        raise UserError("请填写不予问责的理由。")
    _decide(record, "dismissed", reason, "不予问责：" + reason, at, operator)
    return record


def _decide(record: Accountability, status: str, note: str, text: str, at: datetime, operator: Operator) -> None:
    auth.require(operator, "confirm_sanction")
    if record.status != "proposed":
        raise UserError("这条问责建议已经处理过了。")
    with write_transaction():
        record.status, record.status_note, record.decided_by = status, note, operator
        if status == "confirmed":
            record.decided_on = at.date()
        record.save()
        _events(record, f"accountability_{status}", text, at, operator)


def revoke(record: Accountability, reason: str, at: datetime, operator: Operator) -> Accountability:
    """Revoke a confirmed sanction with a reason (supervisor or admin); the record stays, marked revoked."""
    auth.require(operator, "confirm_sanction")
    reason = (reason or "").strip()
    if record.status != "confirmed":
        raise UserError("只有已确认的问责可以撤销。")
    if not reason:
        raise UserError("请填写撤销问责的理由。")
    with write_transaction():
        record.status, record.status_note, record.decided_by = "revoked", reason, operator
        record.save()
        _events(record, "accountability_revoked", f"撤销问责：{describe(record)}。理由：{reason}", at, operator)
    return record


def leader_suggestion(record: Accountability) -> Accountability | None:
    """Return the record on the unit's leader in charge to offer after confirming a unit's sanction, or None.

    A rule that already proposed one beside the unit's (key ending ":leader") is offered as it stands;
    otherwise an unsaved record is suggested. Nothing is offered once the leader's record was decided.
    """
    dept = record.department
    if record.target_kind != "department" or record.status != "confirmed" or not dept.leader_name:
        return None
    keys = [f"{LEADER_RULE}:{record.id}"]
    if record.rule_key.endswith(":department"):
        keys.append(record.rule_key.removesuffix(":department") + ":leader")
    existing = Accountability.select().where(Accountability.rule_key.in_(keys)).first()
    if existing is not None:
        return existing if existing.status == "proposed" else None
    return Accountability(
        target_kind="leader", department=dept, person_name=dept.leader_name,
        person_title=dept.leader_title or "分管领导", sanction=LEADER_SANCTION.get(record.sanction, "formal_talk"),
        problem_type=record.problem_type, reason=f"{record.reason.rstrip('。')}；{dept.name}分管领导负有领导责任。",
        rule=LEADER_RULE, rule_key=keys[0], decided_on=record.decided_on)


def accept_suggestion(suggestion: Accountability, unit_record: Accountability, at: datetime,
                      operator: Operator) -> Accountability:
    """Confirm the offered leader record, entering it first (linked to the unit's cases) when it is new."""
    auth.require(operator, "confirm_sanction")
    with write_transaction():
        record = suggestion
        if suggestion.id is None:
            record = propose(suggestion.department, "leader", suggestion.sanction, suggestion.reason, at, operator,
                             person_name=suggestion.person_name, person_title=suggestion.person_title,
                             problem_type=suggestion.problem_type,
                             cases=[link.case for link in unit_record.case_links], rule=suggestion.rule,
                             rule_key=suggestion.rule_key)
        confirm(record, at, operator)
    return record


def _events(record: Accountability, action: str, note: str, at: datetime, operator: Operator) -> None:
    """Write the event on each linked case, or one case-less event when the record has none."""
    ledger.append_on_cases([link.case for link in record.case_links], at=at, action=action,
                           operator_id=operator.id, department_id=record.department_id, note=note,
                           data={"accountability": record.id})


# -- the register ------------------------------------------------------------------------------------------


def register_rows(status: str = "", department_id: int | None = None, sanction: str = "",
                  month: str = "") -> list[RegisterRow]:
    """Return the register, newest first, narrowed by status, department, sanction and month (YYYY-MM)."""
    query = Accountability.select(Accountability, Department).join(Department)
    if status:
        query = query.where(Accountability.status == status)
    if department_id:
        query = query.where(Accountability.department == department_id)
    if sanction:
        query = query.where(Accountability.sanction == sanction)
    if month:
        start, end = month_days(month)
        query = query.where(Accountability.decided_on >= start, Accountability.decided_on < end)
    records = list(query.order_by(Accountability.decided_on.desc(), Accountability.id.desc()))
    codes = _case_codes([r.id for r in records])
    return [_row(r, codes.get(r.id, [])) for r in records]


def _case_codes(ids: list[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    query = (AccountabilityCase.select(AccountabilityCase.record, Case.code).join(Case)
             .where(AccountabilityCase.record.in_(ids)).order_by(Case.code).tuples())
    for record_id, code in query:
        found.setdefault(record_id, []).append(code)
    return found


def _row(record: Accountability, codes: list[str]) -> RegisterRow:
    target = TARGET_LABELS.get(record.target_kind, record.target_kind)
    if record.person_name:
        target += f"：{record.person_title}{record.person_name}"
    return RegisterRow(record.id, record.decided_on, record.department.name, target,
                       SANCTION_LABELS.get(record.sanction, record.sanction), record.problem_type or "—",
                       record.reason, STATUS_LABELS.get(record.status, record.status), record.status_note,
                       "、".join(codes), rule_label(record))


def rule_label(record: Accountability) -> str:
    """Return which rule proposed a record, or 手工登记 for one entered by hand."""
    return RULE_LABELS.get(record.rule, record.rule) or "手工登记"


def register_months() -> list[str]:
    """Return the months (YYYY-MM) that have records, newest first."""
    days = Accountability.select(Accountability.decided_on).distinct()
    return sorted({f"{row.decided_on:%Y-%m}" for row in days}, reverse=True)


def department_history(department_id: int) -> dict[str, int]:
    """Return a department's confirmed sanctions counted by label (revoked and dismissed ones left out)."""
    counts: dict[str, int] = {}
    query = Accountability.select(Accountability.sanction).where(
        Accountability.department == department_id, Accountability.status == "confirmed")
    for row in query:
        label = SANCTION_LABELS.get(row.sanction, row.sanction)
        counts[label] = counts.get(label, 0) + 1
    return counts


def record_by_id(record_id: int | None) -> Accountability | None:
    """Return the accountability record with this id, or None when there is none."""
    return Accountability.get_or_none(Accountability.id == record_id) if record_id is not None else None


def first_case_id(record: Accountability) -> int | None:
    """Return the id of the first case linked to a record, or None."""
    link = record.case_links.order_by(AccountabilityCase.id).first()
    return link.case_id if link else None


def case_count(record: Accountability) -> int:
    """Return how many cases a record is linked to."""
    return record.case_links.count()
