"""The cases, names, settings and calendar rebuilt from the ledger's events and compared with their rows.

Every case event written since the replay exists carries the case as the event left it (data "state":
status, lead department with its name, due moment, flags, rating), so a row edited behind the app's
back differs from its last event. Older events carry only their status and dispatch department: for a
case whose events all predate the state, only its status (from the events that change it) and lead
department are replayed; due moment, flags and rating only from events that carry the state.
"""

import json
from dataclasses import dataclass
from datetime import date

from wzdesk.models import db
from wzdesk.vocabulary import RATING_LABELS, STATUS_LABELS

FIELD_LABELS = {
    "status": "状态", "lead": "承办单位", "due": "办理时限", "flags": "标记", "rating": "评价", "events": "台账记录",
}
FLAG_NAMES = ("被吐槽", "虚假办结", "推诿")
_CASE_ROWS = ('SELECT id, code, status, lead_department_id, due_at, flag_complaint, flag_false_closure,'
              ' flag_duty_breach, rating FROM "case"')


@dataclass(frozen=True)
class Mismatch:
    """One field of one row that differs from what the ledger's events say it should be."""

    code: str  # a case code, a department or operator name, a setting key or a day
    field: str
    row: str
    replayed: str
    kind: str = "case"  # case, name, setting or calendar

    def describe(self) -> str:
        """Say it in one Chinese line."""
        return f"{self.code}：{self.field}为“{self.row}”，按台账记录应为“{self.replayed}”"


@dataclass
class _Replayed:
    cases: dict  # case id -> {"status", "lead", "due", "flags", "rating"} (only the replayed keys)
    names: dict  # ("department" | "operator", id) -> the name the ledger last gave it
    settings: dict  # key -> value
    days: dict  # iso day -> is a working day


def replay_problems(execute=None) -> list[Mismatch]:
    """Rebuild cases, names, settings and calendar days from the events; return every row that differs."""
    execute = execute or db.execute_sql
    replayed = _replay(execute)
    return [*_case_mismatches(execute, replayed.cases, replayed.names), *_name_mismatches(execute, replayed.names),
            *_setting_mismatches(execute, replayed.settings), *_day_mismatches(execute, replayed.days)]


def _replay(execute) -> _Replayed:
    replayed = _Replayed({}, {}, {}, {})
    cursor = execute("SELECT case_id, action, from_status, to_status, to_department_id, data FROM case_event"
                     " ORDER BY id")
    while rows := cursor.fetchmany(10_000):
        for case_id, action, from_status, to_status, to_department, data in rows:
            values = json.loads(data) if data and data.startswith("{") else {}
            if case_id is None:
                _office_event(replayed, action, values)
            else:
                _case_event(replayed, case_id, action, (from_status, to_status), to_department, values)
    return replayed


def _case_event(replayed: _Replayed, case_id: int, action: str, statuses: tuple, to_department, values) -> None:
    from_status, to_status = statuses
    state = values.get("state")
    if state is not None:
        lead = state["lead"]
        if lead is not None:
            replayed.names[("department", lead[0])] = lead[1]
        replayed.cases[case_id] = {**state, "lead": lead[0] if lead else None}
        return
    case = replayed.cases.setdefault(case_id, {})
    if to_status and to_status != from_status:  # a side event (a letter, a complaint) leaves the status be
        case["status"] = to_status
    if action in ("dispatch", "reassign") and to_department:
        case["lead"] = to_department


def _office_event(replayed: _Replayed, action: str, values: dict) -> None:
    if action in ("department_changed", "operator_changed") and "name" in values:
        kind = action.removesuffix("_changed")
        replayed.names[(kind, values[kind])] = values["name"]
    elif action == "setting_changed" and "value" in values:
        replayed.settings[values["key"]] = values["value"]
    elif action == "calendar_changed" and "day" in values:
        replayed.days[values["day"]] = values["workday"]


def _case_mismatches(execute, cases: dict, names: dict) -> list[Mismatch]:
    current = {("department", i): n for i, n in execute("SELECT id, name FROM department")}
    recorded = {**current, **names}
    found = []
    for case_id, code, status, lead, due, *flags, rating in execute(_CASE_ROWS):
        expected = cases.get(case_id)
        if expected is None:
            found.append(Mismatch(code, FIELD_LABELS["events"], "有这件工单", "没有任何台账记录（记录被删除）"))
            continue
        row = {"status": status, "lead": lead, "due": due[:19] if due else None,
               "flags": [bool(f) for f in flags], "rating": rating or ""}
        found += [Mismatch(code, FIELD_LABELS[key], _shown(key, row[key], current), _shown(key, value, recorded))
                  for key, value in expected.items() if key in row and row[key] != value]
    return found


def _shown(key: str, value, names: dict) -> str:
    if key == "status":
        return STATUS_LABELS.get(value, value)
    if key == "lead":
        return names.get(("department", value), f"单位 {value}") if value else "无"
    if key == "flags":
        return "、".join(n for n, on in zip(FLAG_NAMES, value, strict=True) if on) or "无"
    if key == "rating":
        return RATING_LABELS.get(value, value) or "无"
    return value or "无"


def _name_mismatches(execute, names: dict) -> list[Mismatch]:
    current = {("department", i): n for i, n in execute("SELECT id, name FROM department")}
    current |= {("operator", i): n for i, n in execute("SELECT id, display_name FROM operator")}
    label = {"department": "单位名称", "operator": "操作员姓名"}
    return [Mismatch(f"{'单位' if kind == 'department' else '操作员'} {i}", label[kind],
                     current.get((kind, i), "（已删除）"), name, "name")
            for (kind, i), name in sorted(names.items()) if current.get((kind, i)) != name]


def _setting_mismatches(execute, settings: dict) -> list[Mismatch]:
    stored = {k: json.loads(v) for k, v in execute("SELECT key, value FROM setting")}
    return [Mismatch(f"设置 {key}", "取值", json.dumps(stored.get(key), ensure_ascii=False),
                     json.dumps(value, ensure_ascii=False), "setting")
            for key, value in sorted(settings.items()) if stored.get(key) != value]


def _day_mismatches(execute, days: dict) -> list[Mismatch]:
    marked = {str(d)[:10]: bool(w) for d, w in execute("SELECT day, is_workday FROM calendar_day")}
    found = []
    for day, workday in sorted(days.items()):
        actual = marked.get(day, date.fromisoformat(day).weekday() < 5)
        if actual != workday:
            found.append(Mismatch(f"日历 {day}", "是否上班", _work(actual), _work(workday), "calendar"))
    return found


def _work(is_workday: bool) -> str:
    return "上班" if is_workday else "放假"
