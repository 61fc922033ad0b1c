"""New units in a case list: each confirmed as new or mapped to a unit already in the ledger, the choice saved
per platform (设置 → 导入 → 各平台保存的单位对照) and applied at the next import of that platform's lists."""

import json
from datetime import datetime

from wzdesk.errors import UserError
from wzdesk.office import settings, units

NEW_UNIT = ""  # the choice "create it as a new unit"


def saved_unit_names(platform: str | None) -> dict[str, str]:
    """Return a platform's saved unit mapping: name in the file → unit in the ledger ({} when none)."""
    if not platform:
        return {}
    return dict(_all_saved().get(platform, {}))


def unit_platforms() -> list[str]:
    """Return the platforms whose unit mappings are saved."""
    return list(_all_saved())


def _all_saved() -> dict[str, dict[str, str]]:
    try:
        stored = json.loads(settings.get("import_unit_mappings") or "{}")
    except json.JSONDecodeError:
        raise UserError("设置“各平台保存的单位对照”不是有效的 JSON，请在设置中改正") from None
    return {k: v for k, v in stored.items() if isinstance(v, dict)} if isinstance(stored, dict) else {}


def known_unit_names() -> list[str]:
    """Return the names of the ledger's active units, in the office's order: what a new unit may be mapped to."""
    return [d.name for d in units.active_departments()]


def rename_units(plan, names: dict[str, str]) -> None:
    """Apply a unit mapping to a plan's rows and recount its new units; a name mapped to "" stays as it is.

    Every name mapped must be a unit of the ledger, so an import never creates a unit the clerk mapped away.
    """
    names = {found: ours for found, ours in names.items() if ours}
    unknown = sorted(set(names.values()) - set(known_unit_names()))
    if unknown:
        raise UserError(f"单位对照中的“{'、'.join(unknown)}”不是本系统已有的单位，请重新选择")
    present = {n for row in plan.case_list.rows
               for n in [row.values.get("lead_department"), *(row.values.get("co_departments") or [])]}
    for row in plan.case_list.rows:
        _rename_row(row.values, names)
    plan.new_departments = [name for name in plan.new_departments if name not in names]
    plan.renamed_units.update({found: ours for found, ours in names.items() if found in present})


def units_as_read(plan) -> tuple:
    """Return the plan's units as the file named them, for restore_units (a wizard may rename more than once)."""
    rows = [(row.values.get("lead_department"), list(row.values.get("co_departments") or []))
            for row in plan.case_list.rows]
    return rows, list(plan.new_departments), dict(plan.renamed_units)


def restore_units(plan, read: tuple) -> None:
    """Put back the units as units_as_read found them."""
    rows, new, renamed = read
    for row, (lead, co) in zip(plan.case_list.rows, rows, strict=True):
        for name, value in (("lead_department", lead), ("co_departments", co)):
            if name in row.values:
                row.values[name] = list(value) if name == "co_departments" else value
    plan.new_departments, plan.renamed_units = list(new), dict(renamed)


def _rename_row(values: dict, names: dict[str, str]) -> None:
    lead = values.get("lead_department")
    if lead in names:
        values["lead_department"] = lead = names[lead]
    if values.get("co_departments"):
        renamed = [names.get(name, name) for name in values["co_departments"]]
        values["co_departments"] = [name for name in dict.fromkeys(renamed) if name != lead]


def unconfirmed(plan, choices: dict[str, str | None]) -> list[str]:
    """Return the plan's new units the clerk has not yet confirmed as new (NEW_UNIT) or mapped to a unit."""
    return [name for name in plan.new_departments if choices.get(name) is None]


def save_unit_names(platform: str, choices: dict[str, str], now: datetime, operator) -> None:
    """Save the units mapped to ledger units (not those confirmed as new) under a platform's name."""
    platform = platform.strip()
    if not platform:
        raise UserError("请填写平台名称（如 12345热线），单位对照按平台保存")
    mapped = {found: ours for found, ours in choices.items() if ours}
    saved = _all_saved()
    saved[platform] = {**saved.get(platform, {}), **mapped}
    settings.put_import_choice("import_unit_mappings", json.dumps(saved, ensure_ascii=False), now, operator)
