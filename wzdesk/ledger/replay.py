"""The cases, names, settings and calendar rebuilt from the ledger's events and compared with their rows.

Every case event written since the replay exists carries the case as the event left it (data "state":
status, lead department with its name, due moment, flags, rating), so a row edited behind the app's
back differs from its last event. Events from before that (an older ledger) are replayed by what each
action does, so every case's five fields are rebuilt whichever release wrote its events:

- status: the to-status of each event that changes it (a side event, a letter or a complaint, does not);
- lead department: the department a dispatch or a reassignment sent it to;
- due moment: a dispatch or reassignment starts the clock again, reckoned from its moment with the
  case's grade, the limits in force then (the defaults, changed by the ledger's setting events up to
  that event) and the office's calendar; a return clears it; a re-reckoning gives its new moment;
- flags: a complaint raises 被吐槽 until each complaint raised is cleared; a failed check, a reopening or a
  dissatisfied rating raises 虚假办结; a duty breach raises 推诿 (no action lowers those two);
- rating: the level a rating event's note begins with (the note is part of the chain).

After an event with the state, the events that follow are replayed from it in the same way.
"""

import json
from dataclasses import dataclass, field
from datetime import date, datetime

from wzdesk.cases.deadlines import start_clock
from wzdesk.models import db
from wzdesk.models.chain import stamp
from wzdesk.office import settings
from wzdesk.office.workcalendar import WorkCalendar
from wzdesk.vocabulary import DISSATISFIED, RATING_LABELS, STATUS_LABELS

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


# The rating levels by their Chinese label, longest first (非常满意 before 满意).
_LEVELS_BY_LABEL = sorted(((label, level) for level, label in RATING_LABELS.items()), key=lambda p: -len(p[0]))
_FALSE_CLOSURE_ACTIONS = ("verify_fail", "reopen")


@dataclass
class _CaseReplay:
    """What the events say of one case so far: the fields they established, and its open complaints."""

    fields: dict = field(default_factory=dict)  # "status", "lead", "due", "flags", "rating" once known
    complaints: set = field(default_factory=set)

    def flag(self, index: int, on: bool) -> None:
        flags = list(self.fields.get("flags", [False, False, False]))
        flags[index] = on
        self.fields["flags"] = flags


@dataclass
class _Replayed:
    cases: dict  # case id -> _CaseReplay
    names: dict  # ("department" | "operator", id) -> the name the ledger last gave it
    settings: dict  # key -> value
    days: dict  # iso day -> is a working day
    grades: dict = field(default_factory=dict)  # case id -> grade, to reckon an old dispatch's due moment
    calendar: WorkCalendar | None = None


def replay_problems(execute=None, tick=None) -> list[Mismatch]:
    """Rebuild cases, names, settings and calendar days from the events; return every row that differs.
    `tick(rows)` is told of each batch of events replayed (a progress dialog; it may raise to stop)."""
    execute = execute or db.execute_sql
    replayed = _replay(execute, tick)
    return [*_case_mismatches(execute, replayed.cases, replayed.names), *_name_mismatches(execute, replayed.names),
            *_setting_mismatches(execute, replayed.settings), *_day_mismatches(execute, replayed.days)]


def _replay(execute, tick=None) -> _Replayed:
    replayed = _Replayed({}, {}, {}, {}, dict(execute('SELECT id, grade FROM "case"').fetchall()))
    cursor = execute("SELECT id, case_id, action, from_status, to_status, to_department_id, at, note, data"
                     " FROM case_event ORDER BY id")
    while rows := cursor.fetchmany(10_000):
        for event_id, case_id, action, from_status, to_status, to_department, at, note, data in rows:
            values = json.loads(data) if data and data.startswith("{") else {}
            if case_id is None:
                _office_event(replayed, action, values)
                continue
            case = replayed.cases.setdefault(case_id, _CaseReplay())
            state = values.get("state")
            if state is not None:
                _take_state(replayed, case, state)
            else:
                _apply(replayed, case_id, case, (event_id, action, from_status, to_status, to_department, at,
                                                 note or "", values))
        if tick is not None:
            tick(len(rows))
    return replayed


def _take_state(replayed: _Replayed, case: _CaseReplay, state: dict) -> None:
    lead = state["lead"]
    if lead is not None:
        replayed.names[("department", lead[0])] = lead[1]
    case.fields = {**state, "lead": lead[0] if lead else None}
    if not state["flags"][0]:
        case.complaints.clear()


def _apply(replayed: _Replayed, case_id: int, case: _CaseReplay, event: tuple) -> None:
    """Replay one event without the state by what its action does (see the module's docstring)."""
    event_id, action, from_status, to_status, to_department, at, note, values = event
    if to_status and to_status != from_status:
        case.fields["status"] = to_status
    if action in ("dispatch", "reassign") and to_department:
        case.fields["lead"] = to_department
        case.fields["due"] = _reckoned_due(replayed, case_id, at)
    elif action == "return":
        case.fields["due"] = None
    elif action == "deadline_rereckoned" and values.get("new_due"):
        case.fields["due"] = values["new_due"][:19]
    elif action == "complaint":
        case.complaints.add(values.get("complaint", f"event {event_id}"))
        case.flag(0, True)
    elif action == "complaint_cleared":
        if values.get("complaint") is None:  # a clearing that names no complaint clears them all
            case.complaints.clear()
        case.complaints.discard(values.get("complaint"))
        case.flag(0, bool(case.complaints))
    elif action in _FALSE_CLOSURE_ACTIONS:
        case.flag(1, True)
    elif action == "duty_breach":
        case.flag(2, True)
    elif action == "rate":
        _rated(case, note)


def _rated(case: _CaseReplay, note: str) -> None:
    level = next((level for label, level in _LEVELS_BY_LABEL if note.startswith(label)), None)
    if level is None:
        return
    case.fields["rating"] = level
    if level in DISSATISFIED:
        case.flag(1, True)


def _reckoned_due(replayed: _Replayed, case_id: int, at) -> str | None:
    """Reckon a dispatch's due moment as the app did: its grade, the limits then, the office's calendar."""
    grade = replayed.grades.get(case_id)
    if grade not in ("minor", "moderate", "major"):
        return None
    if replayed.calendar is None:
        replayed.calendar = WorkCalendar.from_db()
    moment = at if isinstance(at, datetime) else datetime.fromisoformat(str(at)[:19])
    return stamp(start_clock(moment, grade, settings.limits(replayed.settings), replayed.calendar).due_at)


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
        replayed = cases.get(case_id)
        expected = replayed.fields if replayed is not None else None
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
