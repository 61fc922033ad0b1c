"""An office's first start: tell an empty database apart, and set one up clean with its departments."""

from datetime import datetime

from wzdesk.errors import UserError
from wzdesk.models import Case, Department, db
from wzdesk.office import settings
from wzdesk.office import units as reference_data
from wzdesk.office.numbering import CODE_KEYS, KIND_LABELS


def is_empty() -> bool:
    """Return whether the database has neither departments nor cases."""
    return not Department.select().exists() and not Case.select().exists()


def document_codes() -> dict[str, str]:
    """Return each kind's 机关代字 as now set (the defaults on a new database), for the wizard to show."""
    return {kind: str(settings.get(key)) for kind, key in CODE_KEYS.items()}


def check_codes(codes: dict[str, str]) -> dict[str, str]:
    """Return the 机关代字 trimmed; refuse an empty one or two kinds sharing one."""
    trimmed = {kind: (code or "").strip() for kind, code in codes.items()}
    for kind, code in trimmed.items():
        if kind not in CODE_KEYS:
            raise UserError(f"未知的文书种类“{kind}”。")
        if not code:
            raise UserError(f"请填写{KIND_LABELS[kind]}的机关代字。")
    taken: dict[str, str] = {}
    for kind, code in trimmed.items():
        if code in taken:
            raise UserError(f"{KIND_LABELS[taken[code]]}和{KIND_LABELS[kind]}的机关代字都是“{code}”，须互不相同。")
        taken[code] = kind
    return trimmed


def start_clean(office_name: str, departments: list[tuple[str, str]], now: datetime, operator,
                codes: dict[str, str] | None = None, measures: str = "") -> None:
    """Store the office's name, its 机关代字 and measures, and create its departments, each (name, leader)."""
    name = (office_name or "").strip()
    if not name:
        raise UserError("请填写督办室名称。")
    rows = [(n.strip(), (leader or "").strip()) for n, leader in departments if n.strip()]
    if not rows:
        raise UserError("请至少填写一个承办单位。")
    names = [n for n, _ in rows]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise UserError(f"单位名称重复：{'、'.join(duplicates)}。")
    chosen = check_codes({**document_codes(), **(codes or {})})
    with db.atomic():
        settings.put("office_name", name, now, operator)
        _put_codes(chosen, now, operator)
        if measures.strip():
            settings.put("office_measures", measures.strip(), now, operator)
        for dept_name, leader in rows:
            reference_data.save_department(None, name=dept_name, leader_name=leader)


def _put_codes(codes: dict[str, str], now: datetime, operator) -> None:
    """Store the codes through a placeholder first, so swapping two codes never meets itself half-way."""
    for kind, code in codes.items():
        if settings.get(CODE_KEYS[kind]) != code:
            settings.put(CODE_KEYS[kind], f"\x00{kind}", now, operator)
    for kind, code in codes.items():
        settings.put(CODE_KEYS[kind], code, now, operator)
