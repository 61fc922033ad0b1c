"""Ledger events for the names the ledger shows: a department or an operator added or renamed.

Events store ids; these events carry the name each id had from then on, so the replay in
wzdesk/ledger/replay.py sees a rename made behind the app's back.
"""

from datetime import datetime

from wzdesk.models import Department, Operator
from wzdesk.models import chain as ledger
from wzdesk.office.defaults import system_operator


def department_named(dept: Department, was: str | None, by: Operator | None, now: datetime | None = None) -> None:
    """Record that a department was added (was None) or renamed; call inside the change's transaction."""
    if was == dept.name:
        return
    note = f"新增单位：{dept.name}" if was is None else f"单位更名：{was} → {dept.name}"
    _append("department_changed", note, {"department": dept.id, "name": dept.name}, by, now)


def operator_named(operator: Operator, was: str | None, by: Operator | None, now: datetime | None = None) -> None:
    """Record that an operator was added (was None) or renamed; call inside the change's transaction."""
    if was == operator.display_name:
        return
    note = f"新增操作员：{operator.display_name}（{operator.username}，{operator.role}）" if was is None \
        else f"操作员更名：{was} → {operator.display_name}"
    _append("operator_changed", note, {"operator": operator.id, "name": operator.display_name}, by, now)


def _append(action: str, note: str, data: dict, by: Operator | None, now: datetime | None) -> None:
    actor = by or system_operator()
    ledger.append(at=now or ledger.wall_clock(), recorded_at=ledger.wall_clock(), action=action,
                  operator_id=actor.id, note=note, data=data)
