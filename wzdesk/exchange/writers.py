"""Write an import plan's rows into the ledger: each change with its ledger event.

RowWriter creates and updates cases one statement at a time, through the models; BatchWriter creates
the new cases of a large import the same way but holds their rows and events as plain tuples and writes
them a few thousand at a time (tests/core/test_import_batch.py holds the two to the same result).
"""

from dataclasses import dataclass
from datetime import datetime
from operator import itemgetter

from peewee import BooleanField, DateTimeField, ForeignKeyField

from wzdesk.cases import deadlines
from wzdesk.excel.columns import DISPATCHED_STATUSES
from wzdesk.excel.reader import CaseRow
from wzdesk.models import Case, CaseCoDepartment, Category, Department, Operator, Rating, bigram_search, db
from wzdesk.models import chain as ledger
from wzdesk.models.bulk import BackgroundCopies, Rows
from wzdesk.office import settings
from wzdesk.office.name_events import department_named
from wzdesk.office.workcalendar import WorkCalendar
from wzdesk.vocabulary import RATING_LABELS, SOLVED_NOTE, STATUS_LABELS

RANK = {"received": 0, "dispatched": 1, "returned": 1, "accepted": 2, "in_progress": 3, "replied": 4,
        "verified": 5, "closed": 6}
# file field -> Case column for the plain values an import may fill in or correct
PLAIN = {"title": "title", "content": "content", "channel": "channel", "petitioner": "petitioner_name",
         "phone": "petitioner_phone", "district": "district", "street": "street", "community": "community",
         "address": "address"}


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    events: int = 0


class RowWriter:
    """Write a plan's rows; every change with its ledger event, all inside one transaction."""

    def __init__(self, at: datetime, operator: Operator):
        self.at, self.operator = at, operator
        self.cal, self.limits = WorkCalendar.from_db(), settings.limits()
        self.rating_scale = settings.get("rating_scale")  # read once: a query per rated row was a tenth of the time
        self.departments = {d.name: d for d in Department.select()}
        self.categories = {c.name: c for c in Category.select()}
        self.result = ImportResult()

    def close(self) -> None:
        """Finish any write still in flight (the batch writer's); call before commit or rollback."""

    def add_names(self, departments: list[str], categories: list[str]) -> None:
        """Create the departments and categories the plan found new, in the order it lists them."""
        for name in departments:
            self.department(name)
        for name in categories:
            self.category(name)

    def department(self, name: str | None) -> Department | None:
        if name and name not in self.departments:
            order = len(self.departments)
            self.departments[name] = Department.create(name=name, short_name=name, sort_order=order)
            self.named(self.departments[name])
        return self.departments.get(name) if name else None

    def named(self, department: Department) -> None:
        """Record the new unit's name in the ledger, the name the replay checks renames against."""
        department_named(department, None, self.operator, self.at)

    def category(self, name: str | None) -> Category | None:
        if name and name not in self.categories:
            self.categories[name] = Category.create(name=name, sort_order=len(self.categories))
        return self.categories.get(name) if name else None

    def event(self, case: Case, action: str, at: datetime, before: str, **extra) -> None:
        case.updated_at = self.at
        case.save()
        ledger.append(case_id=case.id, at=at, recorded_at=ledger.wall_clock(), action=action,
                      from_status=before, to_status=case.status, operator_id=self.operator.id, **extra)
        self.result.events += 1

    def new_case(self, **fields) -> Case:
        return Case.create(**fields)

    def add_co_department(self, case: Case, department: Department, at: datetime) -> None:
        CaseCoDepartment.insert(case=case, department=department, joined_at=at).on_conflict_ignore().execute()

    def add_rating(self, **fields) -> None:
        Rating.create(**fields)

    def create(self, row: CaseRow) -> None:
        v = row.values
        case = self.new_case(
            code=v["code"], title=v["title"], grade=v.get("grade") or "minor", status="received",
            category=self.category(v.get("category")), received_at=v["received_at"], source="import",
            created_at=self.at, updated_at=self.at,
            **{col: v.get(f) or "" for f, col in PLAIN.items() if f != "title"},
        )
        self.event(case, "intake", case.received_at, "", note="平台导入：" + case.title + _intake_details(v))
        self.advance(case, row)
        self.result.created += 1

    def update(self, case: Case, row: CaseRow, changes: list[str]) -> None:
        plain = [f for f in changes if f in PLAIN]
        for name in plain:
            setattr(case, PLAIN[name], row.values[name])
        if plain:
            self.event(case, "import_update", self.at, case.status, note="导入更正：" + "、".join(plain))
        self.advance(case, row)
        self.result.updated += 1

    def advance(self, case: Case, row: CaseRow) -> None:
        """Move the case forward to the row's status, one event per known step; never backwards.

        A repeat merged here into its main case follows the main case: the platform's steps are not applied.
        """
        if case.status == "merged":
            return
        # Without a status the times say it; a dispatch time without a unit leaves the case with the office.
        target = row.get("status") or ("dispatched" if row.get("dispatched_at") and row.get("lead_department")
                                       else "received")
        # A returned row is dispatched first: the department that returned it is kept, as a return keeps it.
        if target in DISPATCHED_STATUSES and (case.status == "received" or
                                              (case.status == "returned" and target != "returned")):
            self._dispatch(case, row)
        if row.get("responded_at") and case.responded_at is None and case.status != "received":
            self._accept(case, row.get("responded_at"), target)
        if RANK[target] > RANK[case.status] or (target == "returned" and case.status != "returned"):
            self._jump(case, row, target)
        if row.get("rating") and row.get("rating") != case.rating:
            self._rate(case, row)

    def _dispatch(self, case: Case, row: CaseRow) -> None:
        lead = self.department(row.get("lead_department"))
        at = row.get("dispatched_at")
        clock = deadlines.start_clock(at, case.grade, self.limits, self.cal)
        before = case.status
        case.status, case.lead_department, case.dispatched_at = "dispatched", lead, at
        case.first_receiver = case.first_receiver or lead
        case.dispatch_count += 1
        case.response_due_at, case.due_at, case.warn_at = clock.response_due_at, clock.due_at, clock.warn_at
        case.due_provisional = clock.provisional
        for name in row.get("co_departments") or []:
            co = self.department(name)
            if co.id != lead.id:
                self.add_co_department(case, co, at)
        self.event(case, "dispatch", at, before, to_department_id=lead.id, department_id=lead.id, note="平台派单")

    def _accept(self, case: Case, at: datetime, target: str) -> None:
        case.responded_at = at
        case.contacted_at = case.contacted_at or at  # a platform's 首次响应 is its contact with the citizen
        before = case.status
        if case.status == "dispatched" and target != "returned":
            case.status = "accepted"
        self.event(case, "accept", at, before, department_id=case.lead_department_id, note="平台记录的首次响应")

    def _jump(self, case: Case, row: CaseRow, target: str) -> None:
        before = case.status
        when = row.get("closed_at") if target == "closed" else max(self.at, case.updated_at or self.at)
        case.status = target
        if target == "closed" and row.get("withdrawn"):  # withdrawn, not answered: no reply moment is made up
            case.closed_at = case.withdrawn_at = row.get("closed_at")
            case.replied_at = case.replied_at or row.get("replied_at")
        elif target == "closed":
            case.closed_at = row.get("closed_at")
            case.replied_at = case.replied_at or row.get("replied_at") or case.closed_at
        elif target in ("replied", "verified"):
            case.replied_at = case.replied_at or row.get("replied_at") or when
        elif target == "returned":
            case.due_at = case.warn_at = case.response_due_at = None
        label = "已撤销" if row.get("withdrawn") else STATUS_LABELS[target]
        self.event(case, "import_update", when, before, department_id=case.lead_department_id,
                   note=f"平台导入：状态为“{label}”")

    def _rate(self, case: Case, row: CaseRow) -> None:
        at = case.closed_at or self.at
        self.add_rating(case=case, level=row.get("rating"), department=case.lead_department,
                      handler=case.handler, at=at, channel="平台回访", operator=self.operator,
                      scale=self.rating_scale, solved=row.get("solved"))
        case.rating = row.get("rating")
        self.event(case, "rate", at, case.status, department_id=case.lead_department_id,
                   note="平台回访：" + RATING_LABELS[case.rating] + SOLVED_NOTE[row.get("solved")])


def _intake_details(values: dict) -> str:
    """Return what the file says beyond the case's columns: the kind (投诉 咨询…) and other phone numbers."""
    details = []
    if values.get("kind"):
        details.append(f"诉求性质：{values['kind']}")
    if values.get("other_phones"):
        details.append(f"其他号码：{'、'.join(values['other_phones'])}")
    return "（" + "；".join(details) + "）" if details else ""


class _NewCase:
    """A new case held by BatchWriter: plain attributes under the Case field names, read and set as fast
    as a dict (a Peewee instance costs a descriptor call per field), departments held as objects."""

    def __init__(self, **fields):
        self.__dict__.update(_CASE_DEFAULTS)
        self.__dict__.update(fields)

    @property
    def lead_department_id(self) -> int | None:
        return self.lead_department.id if self.lead_department else None

    def values(self) -> list:
        """Return the case row in CASE_COLUMNS order, as stored."""
        row = list(_CASE_GETTER(self.__dict__))
        for i in _CASE_CONVERTED:  # only these may hold a model, a moment or a flag
            if row[i] is not None:
                row[i] = _stored(row[i])
        return row


_CASE_FIELDS = Case._meta.sorted_fields
CASE_COLUMNS = [f.column_name for f in _CASE_FIELDS]
_CASE_GETTER = itemgetter(*(f.name for f in _CASE_FIELDS))
_CASE_CONVERTED = [i for i, f in enumerate(_CASE_FIELDS)
                   if isinstance(f, ForeignKeyField | DateTimeField | BooleanField)]
_CASE_DEFAULTS = {f.name: None if callable(f.default) else f.default for f in _CASE_FIELDS}
RATING_COLUMNS = ("id", "case_id", "level", "scale", "department_id", "handler_id", "at", "channel", "comment",
                  "operator_id", "solved")
EVENT_COLUMNS = (*ledger.HASHED_COLUMNS, "prev_hash", "hash")


def _stored(value):
    """Return a value as the database stores it: a model by its id, a moment as text, a flag as 0 or 1."""
    if value is None or type(value) in (str, int):
        return value
    if isinstance(value, datetime):
        return value.isoformat(" ")  # what sqlite3 stores for a datetime the models write
    if isinstance(value, bool):
        return int(value)
    return value.id


class BatchWriter(RowWriter):
    """Create new cases exactly as RowWriter does, holding their rows and events as tuples, with explicit
    ids and the event hashes chained in order, and write them in a few statements per batch.

    Row by row, a new case costs a dozen statements (create, a save per event, a chain lookup per event);
    batched, 100,000 cases are a few dozen. Updates of stored cases stay row by row: call stop_batching first.
    """

    def __init__(self, at: datetime, operator: Operator):
        super().__init__(at, operator)
        ledger.check_writer(operator.id)
        self.next_case, self.next_rating = _max_id(Case) + 1, _max_id(Rating) + 1
        self.last_event, self.prev_hash = ledger.last_link()
        self.pending: dict[str, list] = {"case": [], "co": [], "rating": [], "event": []}
        self.recorded = ledger.stamp(ledger.wall_clock())
        # The pair index is written from here, so its trigger (a Python function) stays off until the
        # new cases are in; a rollback brings it back with everything else.
        bigram_search.drop_insert_trigger(db)
        self.writes = BackgroundCopies()
        self.batching = True

    def department(self, name: str | None) -> Department | None:
        if name and name not in self.departments:
            self.writes.wait()  # a name the plan did not foresee: the connection must be free to create it
        return super().department(name)

    def category(self, name: str | None) -> Category | None:
        if name and name not in self.categories:
            self.writes.wait()
        return super().category(name)

    def new_case(self, **fields):
        if not self.batching:
            return super().new_case(**fields)
        case = _NewCase(id=self.next_case, **fields)
        self.next_case += 1
        self.pending["case"].append(case)
        return case

    def named(self, department: Department) -> None:
        if not self.batching:
            return super().named(department)
        self.last_event += 1  # numbered in the batch, like its case events
        values = ledger.stored_values(self.last_event, case_id=None, at=self.at, recorded_at=self.recorded,
                                      action="department_changed", from_status="", to_status="",
                                      operator_id=self.operator.id, note=f"新增单位：{department.name}",
                                      data={"department": department.id, "name": department.name})
        row = ledger.link(self.prev_hash, values)
        self.prev_hash = row[-1]
        self.pending["event"].append(row)
        return None

    def event(self, case, action: str, at: datetime, before: str, **extra) -> None:
        if not self.batching:
            return super().event(case, action, at, before, **extra)
        case.updated_at = self.at
        case.version += 1  # as each save of a row-by-row event bumps it
        self.last_event += 1
        values = ledger.stored_values(self.last_event, case_id=case.id, at=at, recorded_at=self.recorded,
                                      action=action, from_status=before, to_status=case.status,
                                      operator_id=self.operator.id, state=ledger.case_state(case), **extra)
        row = ledger.link(self.prev_hash, values)
        self.prev_hash = row[-1]
        self.pending["event"].append(row)
        self.result.events += 1

    def add_co_department(self, case, department: Department, at: datetime) -> None:
        if not self.batching:
            return super().add_co_department(case, department, at)
        self.pending["co"].append((case.id, department.id, _stored(at)))

    def add_rating(self, *, case, level, department, handler, at, channel, operator, scale, solved) -> None:
        if not self.batching:
            return super().add_rating(case=case, level=level, department=department, handler=handler, at=at,
                                      channel=channel, operator=operator, scale=scale, solved=solved)
        self.pending["rating"].append((self.next_rating, case.id, level, scale, _stored(department),
                                       _stored(handler), _stored(at), channel, "", operator.id, _stored(solved)))
        self.next_rating += 1

    def flush(self) -> None:
        """Hand the held rows to the writing thread (cases first, the others refer to them); go on at once."""
        cases = self.pending["case"]
        self.writes.write([
            Rows("case", CASE_COLUMNS, [case.values() for case in cases]),
            Rows("case_bigram", ("rowid", "grams"),
                 [(c.id, bigram_search.bigrams(c.title, c.content, c.petitioner_name)) for c in cases]),
            Rows("case_co_department", ("case_id", "department_id", "joined_at"), self.pending["co"], True),
            Rows("rating", RATING_COLUMNS, self.pending["rating"]),
            Rows("case_event", EVENT_COLUMNS, self.pending["event"]),
        ])
        self.pending = {kind: [] for kind in self.pending}
        self.recorded = ledger.stamp(ledger.wall_clock())

    def stop_batching(self) -> None:
        """Write what is held and go on row by row (for the updates, which read stored cases)."""
        self.flush()
        self.writes.wait()
        bigram_search.restore_insert_trigger(db)
        self.batching = False

    def close(self) -> None:
        self.writes.close()


def _max_id(model) -> int:
    return db.execute_sql(f'SELECT COALESCE(MAX(id), 0) FROM "{model._meta.table_name}"').fetchone()[0]
