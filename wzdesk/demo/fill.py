"""Fill a database with realistic demo data of every kind, fast enough for a million cases."""

import json
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from wzdesk.demo.extras import add_extras
from wzdesk.demo.reference import build_reference
from wzdesk.demo.story import StoryMaker
from wzdesk.errors import UserError
from wzdesk.models import Case, CaseEvent, Operator, bulk_load, db, write_transaction
from wzdesk.models import chain as ledger
from wzdesk.models.base import is_postgres
from wzdesk.models.bulk import Rows, insert_many
from wzdesk.office import codes, settings
from wzdesk.office.auth import may, require
from wzdesk.office.workcalendar import WorkCalendar

CHUNK = 20_000
HISTORY_DAYS = 200


@dataclass
class DemoResult:
    cases: int
    events: int
    departments: int
    seconds: float
    # Seconds of each step (rows, indexes and search, extras, statistics): which one grows with the cases.
    steps: dict[str, float] = field(default_factory=dict)


@dataclass
class DemoProgress:
    """Where the demo reports progress; `cancelled` is polled between chunks."""

    report: Callable[[int, int], None] = lambda done, total: None
    cancelled: Callable[[], bool] = lambda: False

    @classmethod
    def to_stderr(cls) -> "DemoProgress":
        def report(done: int, total: int) -> None:
            if total >= 50_000:
                print(f"\r已生成 {done}/{total} 件工单", end="", file=sys.stderr, flush=True)
                if done == total:
                    print(file=sys.stderr)
        return cls(report=report)


def may_load(operator: Operator) -> bool:
    """Return whether `operator` may load demo data here: an administrator, into a database without cases."""
    return may(operator, "load_demo") and not Case.select().exists()


def refuse_unless_empty() -> None:
    """Refuse demo data in a database that holds cases: fake cases must never mix into a live ledger."""
    count = Case.select().count()
    if count:
        raise UserError(f"数据库中已有 {count:,} 件工单：演示数据只能载入空的数据库，以免混入真实台账。"
                        "请用 --db 指定一个新的数据库文件。")


def fill(n: int, seed: int, now: datetime, operator: Operator, progress: DemoProgress) -> DemoResult:
    """Add `n` demo cases (with their reference data and every other kind of record) as of `now`.

    Only an administrator (or the command line's system account) may, and only into an empty database.
    """
    require(operator, "load_demo")
    refuse_unless_empty()
    started = time.perf_counter()
    rng = random.Random(seed)
    named = CaseEvent.select().count()
    with write_transaction():
        refs = build_reference(rng, now)
        bulk_load.begin(db)  # an empty database: rows first, indexes built once at the end
    named = CaseEvent.select().count() - named  # the units and operators it adds are named in the ledger
    maker = StoryMaker(rng, refs, WorkCalendar.from_db(), settings.limits(), now)
    writer = BulkWriter(refs.clerk_id, {i: name for name, i in refs.dept_ids.items()})
    times = received_times(rng, n, now)
    steps, step = {}, _Steps(started)
    for start in range(0, n, CHUNK):
        if progress.cancelled():
            break
        with write_transaction():
            writer.write([maker.make(code, at) for code, at in _codes(times[start : start + CHUNK])])
        progress.report(min(start + CHUNK, n), n)
    steps["references and rows"] = step()
    with write_transaction():
        bulk_load.finish(db)
    steps["indexes and search"] = step()
    before = CaseEvent.select().count()
    with write_transaction():
        add_extras(rng, refs, now)
    extra_events = CaseEvent.select().count() - before  # the merges of repeat complaints write events
    steps["extras"] = step()
    db.execute_sql("ANALYZE" if is_postgres() else "PRAGMA optimize")
    steps["statistics"] = step()
    return DemoResult(writer.cases, named + writer.events + extra_events, len(refs.dept_ids),
                      time.perf_counter() - started, steps)


class _Steps:
    """Return the seconds since the last call (the first: since `started`) at each call."""

    def __init__(self, started: float):
        self.last = started

    def __call__(self) -> float:
        now = time.perf_counter()
        elapsed, self.last = now - self.last, now
        return elapsed


def received_times(rng: random.Random, n: int, now: datetime) -> list[datetime]:
    """Draw n receipt moments over the past months, more of them recent, in office hours, sorted."""
    times = []
    for _ in range(n):
        days = min(rng.expovariate(1 / 45), HISTORY_DAYS)
        day = (now - timedelta(days=days)).date()
        minute = rng.randrange(8 * 60, 21 * 60)
        moment = datetime(day.year, day.month, day.day, minute // 60, minute % 60)
        times.append(moment if moment <= now else now - timedelta(minutes=rng.randrange(1, 600)))
    return sorted(times)


def _codes(times: list[datetime]):
    by_year: dict[int, int] = {}
    for at in times:
        by_year[at.year] = by_year.get(at.year, 0) + 1
    prefix = settings.get("case_code_prefix")
    nxt = {year: codes.reserve("case_code", year, count) for year, count in by_year.items()}
    for at in times:
        yield f"{prefix}-{at.year}-{nxt[at.year]:06d}", at
        nxt[at.year] += 1


CASE_COLUMNS = (
    "id", "code", "title", "content", "category_id", "channel", "petitioner_name", "petitioner_phone",
    "district", "street", "community", "grade", "status", "source", "first_receiver_id", "lead_department_id",
    "handler_id", "coordinator", "received_at", "dispatched_at", "dispatch_count", "response_due_at",
    "responded_at", "due_at", "warn_at", "due_provisional", "replied_at", "closed_at", "reopen_count",
    "flag_complaint", "flag_false_closure", "rating", "created_at", "updated_at", "petitioner_id_no", "address",
    "flag_duty_breach", "supervision_round", "contacted_at",
)
CASE_DEFAULTS = {
    "petitioner_id_no": "", "address": "", "contacted_at": None, "flag_duty_breach": 0, "supervision_round": 0,
    "due_provisional": 0,
}


class BulkWriter:
    """Insert stories with explicit ids in a few executemany calls, chaining event hashes as it goes."""

    def __init__(self, operator_id: int, department_names: dict[int, str] | None = None):
        self.operator_id = operator_id
        self.department_names = department_names or {}
        self.cases = self.events = 0

    def write(self, stories) -> None:
        """Insert a chunk of stories; call inside a write transaction."""
        ledger.check_writer(self.operator_id)
        next_case = (Case.select(Case.id).order_by(Case.id.desc()).scalar() or 0) + 1
        last_id, prev_hash = ledger.last_link()
        next_ids = {t: _next_id(t) for t in ("verification", "rating", "complaint")}
        rows = {name: [] for name in INSERTS}
        for offset, story in enumerate(stories):
            case_id = next_case + offset
            rows["case"].append(self._case_row(case_id, story.case))
            self._side_rows(rows, next_ids, case_id, story)
            # the last event carries the case as it stands, as every event the app appends does (the replay)
            final = {**story.events[-1], "data": self._state(story.case)} if story.events else None
            for event in [*story.events[:-1], final] if final else []:
                last_id += 1
                prev_hash = self._event_row(rows["event"], last_id, prev_hash, case_id, event)
        _insert_all(rows)
        self.cases += len(stories)
        self.events += len(rows["event"])

    def _case_row(self, case_id: int, case: dict) -> tuple:
        values = {**CASE_DEFAULTS, **case, "id": case_id, "source": "demo", "created_at": case["received_at"]}
        values.setdefault("updated_at", case["received_at"])
        return tuple(_sql(values.get(column)) for column in CASE_COLUMNS)

    def _state(self, case: dict) -> str:
        """Return the data of a story's last event: the case's state as chain.case_state gives it."""
        values, lead = {**CASE_DEFAULTS, **case}, case.get("lead_department_id")
        state = {
            "status": values["status"],
            "lead": [lead, self.department_names.get(lead, "")] if lead else None,
            "due": ledger.stamp(values["due_at"]) if values.get("due_at") else None,
            "flags": [bool(values.get(f)) for f in ("flag_complaint", "flag_false_closure", "flag_duty_breach")],
            "rating": values.get("rating") or "",
        }
        return json.dumps({"state": state}, ensure_ascii=False, sort_keys=True)

    def _event_row(self, out: list, event_id: int, prev_hash: str, case_id: int, event: dict) -> str:
        # The hashed columns in ledger.HASHED_COLUMNS order, built straight (a million cases write eight
        # million events): the moment is stamped once, and recorded when it happened.
        at = ledger.stamp(event["at"])
        values = (event_id, case_id, at, at, event["action"], event["from_status"], event["to_status"],
                  event["from_department_id"], event["to_department_id"], event["department_id"],
                  self.operator_id, event["note"], event["data"])
        out.append(ledger.link(prev_hash, values))
        return out[-1][-1]

    def _side_rows(self, rows: dict, ids: dict, case_id: int, story) -> None:
        for dept_id in story.co_departments:
            rows["co"].append((case_id, dept_id, _sql(story.case["dispatched_at"])))
        for v in story.verifications:
            vid = ids["verification"] = ids["verification"] + 1
            rows["verification"].append((vid, case_id, _sql(v["at"]), _sql(v["at"]), "督办室 王芳",
                                         int(v["with_petitioner"]), v["finding"],
                                         "passed" if v["passed"] else "failed", self.operator_id, _sql(v["at"])))
            # an observer at a failed check found what the department's reply denied: a problem found
            rows["vobs"].extend((vid, obs, 1, v["finding"], int(not v["passed"])) for obs in v["observers"])
        for r in story.ratings:
            rid = ids["rating"] = ids["rating"] + 1
            rows["rating"].append((rid, case_id, r["level"], 5, r["department_id"], r["handler_id"],
                                   _sql(r["at"]), "电话回访", "", self.operator_id, int(r["solved"])))
        for d in story.duty_steps:
            rows["duty"].append((case_id, d["step_id"], d["department_id"], _sql(d["due_at"]), _sql(d["done_at"]),
                                 "", _sql(d["breached_at"]), ""))
        for c in story.complaints:
            cid = ids["complaint"] = ids["complaint"] + 1
            rows["complaint"].append((cid, case_id, _sql(c["at"]), c["content"], c["channel"],
                                      _sql(c.get("cleared_at")), self.operator_id if c.get("cleared_at") else None,
                                      c.get("clear_note", "")))


def _next_id(table: str) -> int:
    return db.execute_sql(f"SELECT COALESCE(MAX(id), 0) FROM {table}").fetchone()[0]


def _sql(value):
    if isinstance(value, datetime):
        return ledger.stamp(value)
    if isinstance(value, bool):
        return int(value)
    return value


# Each kind of row: its table and columns in the order the rows give them (staged, see models/bulk.py).
INSERTS = {
    "case": Rows("case", CASE_COLUMNS, []),
    "event": Rows("case_event", (*ledger.HASHED_COLUMNS, "prev_hash", "hash"), []),
    "co": Rows("case_co_department", ("case_id", "department_id", "joined_at"), []),
    "verification": Rows("verification", ("id", "case_id", "planned_at", "performed_at", "staff", "with_petitioner",
                                          "finding", "result", "operator_id", "created_at"), []),
    "vobs": Rows("verification_observer", ("verification_id", "observer_id", "present", "finding", "problem_found"),
                 []),
    "rating": Rows("rating", ("id", "case_id", "level", "scale", "department_id", "handler_id", "at", "channel",
                              "comment", "operator_id", "solved"), []),
    "duty": Rows("case_duty_step", ("case_id", "step_id", "department_id", "due_at", "done_at", "evidence",
                                    "breached_at", "closed_as"), [], or_ignore=True),
    "complaint": Rows("complaint", ("id", "case_id", "at", "content", "channel", "cleared_at", "cleared_by_id",
                                    "clear_note"), []),
}


def _insert_all(rows: dict) -> None:
    for name, kind in INSERTS.items():
        insert_many(replace(kind, rows=rows[name]))
