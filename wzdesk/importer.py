"""Import a platform case list into the ledger: plan first (new / updated / unchanged), then all or nothing."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from peewee import fn

from wzdesk import deadlines, ledger, settings
from wzdesk.excel.columns import DISPATCHED_STATUSES
from wzdesk.excel.reader import CaseList, CaseRow, read_case_list
from wzdesk.lifecycle import write_transaction
from wzdesk.models import Case, CaseCoDepartment, Category, Department, Operator, Rating, db
from wzdesk.vocabulary import RATING_LABELS, STATUS_LABELS
from wzdesk.workcalendar import WorkCalendar

RANK = {"received": 0, "dispatched": 1, "returned": 1, "accepted": 2, "in_progress": 3, "replied": 4,
        "verified": 5, "closed": 6}
# file field -> Case column for the plain values an import may fill in or correct
PLAIN = {"title": "title", "content": "content", "channel": "channel", "petitioner": "petitioner_name",
         "phone": "petitioner_phone", "district": "district", "street": "street", "community": "community"}


@dataclass
class ImportPlan:
    """What an import would do, shown to the clerk before anything is written."""

    source: Path
    case_list: CaseList
    new: list[CaseRow] = field(default_factory=list)
    updated: list[tuple[CaseRow, list[str]]] = field(default_factory=list)
    unchanged: list[CaseRow] = field(default_factory=list)
    new_departments: list[str] = field(default_factory=list)
    new_categories: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """Say in Chinese what the import will do."""
        parts = [f"新增 {len(self.new)} 件", f"更新 {len(self.updated)} 件", f"未变 {len(self.unchanged)} 件"]
        if self.case_list.duplicates:
            parts.append(f"重复行 {len(self.case_list.duplicates)} 行（只计一次）")
        if self.new_departments:
            parts.append(f"新单位 {len(self.new_departments)} 个：{'、'.join(self.new_departments)}")
        return "，".join(parts)


def plan_import(path: Path) -> ImportPlan:
    """Read a case list and sort its rows into new, updated and unchanged; write nothing."""
    case_list = read_case_list(path)
    plan = ImportPlan(Path(path), case_list)
    codes = [row.values["code"] for row in case_list.rows]
    existing = {}
    for start in range(0, len(codes), 500):
        existing.update({c.code: c for c in Case.select().where(Case.code.in_(codes[start:start + 500]))})
    for row in case_list.rows:
        case = existing.get(row.values["code"])
        changes = _changes(case, row) if case else None
        if case is None:
            plan.new.append(row)
        elif changes:
            plan.updated.append((row, changes))
        else:
            plan.unchanged.append(row)
    plan.new_departments = _missing_names(Department, _department_names(case_list.rows))
    plan.new_categories = _missing_names(Category, {r.get("category") for r in case_list.rows} - {None})
    return plan


def _department_names(rows: list[CaseRow]) -> set[str]:
    names = {r.get("lead_department") for r in rows} | {n for r in rows for n in (r.get("co_departments") or [])}
    return names - {None}


def _missing_names(model, names: set[str]) -> list[str]:
    known = {m.name for m in model.select(model.name)}
    return sorted(names - known)


def _changes(case: Case, row: CaseRow) -> list[str]:
    """Return the Chinese names of what the row would change on an existing case."""
    changed = [f for f, col in PLAIN.items() if _new_value(row, f) not in (None, getattr(case, col))]
    if RANK.get(row.get("status"), -1) > RANK[case.status]:
        changed.append("status")
    for name, column in (("responded_at", "responded_at"), ("closed_at", "closed_at")):
        if row.get(name) and getattr(case, column) is None:
            changed.append(name)
    if row.get("rating") and row.get("rating") != case.rating:
        changed.append("rating")
    return changed


def _new_value(row: CaseRow, name: str):
    """Return the row's value for a plain field, or None when absent, blank or masked."""
    return None if name in row.masked else row.get(name)


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    events: int = 0


class _Importer:
    """Write a plan's rows; every change with its ledger event, all inside one transaction."""

    def __init__(self, at: datetime, operator: Operator):
        self.at, self.operator = at, operator
        self.cal, self.limits = WorkCalendar.from_db(), settings.limits()
        self.rating_scale = settings.get("rating_scale")  # read once: a query per rated row was a tenth of the time
        self.departments = {d.name: d for d in Department.select()}
        self.categories = {c.name: c for c in Category.select()}
        self.result = ImportResult()

    def department(self, name: str | None) -> Department | None:
        if name and name not in self.departments:
            order = len(self.departments)
            self.departments[name] = Department.create(name=name, short_name=name, sort_order=order)
        return self.departments.get(name) if name else None

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
        self.event(case, "intake", case.received_at, "", note="平台导入：" + case.title)
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
        """Move the case forward to the row's status, one event per known step; never backwards."""
        target = row.get("status") or ("dispatched" if row.get("dispatched_at") else "received")
        if case.status in ("received", "returned") and target in DISPATCHED_STATUSES and target != "returned":
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
        before = case.status
        if case.status == "dispatched" and target != "returned":
            case.status = "accepted"
        self.event(case, "accept", at, before, department_id=case.lead_department_id, note="平台记录的首次响应")

    def _jump(self, case: Case, row: CaseRow, target: str) -> None:
        before = case.status
        when = row.get("closed_at") if target == "closed" else max(self.at, case.updated_at or self.at)
        case.status = target
        if target == "closed":
            case.closed_at = row.get("closed_at")
            case.replied_at = case.replied_at or case.closed_at
        elif target in ("replied", "verified"):
            case.replied_at = case.replied_at or when
        elif target == "returned":
            case.due_at = case.warn_at = case.response_due_at = None
        self.event(case, "import_update", when, before, department_id=case.lead_department_id,
                   note=f"平台导入：状态为“{STATUS_LABELS[target]}”")

    def _rate(self, case: Case, row: CaseRow) -> None:
        at = case.closed_at or self.at
        self.add_rating(case=case, level=row.get("rating"), department=case.lead_department,
                      handler=case.handler, at=at, channel="平台回访", operator=self.operator,
                      scale=self.rating_scale)
        case.rating = row.get("rating")
        self.event(case, "rate", at, case.status, department_id=case.lead_department_id,
                   note="平台回访：" + RATING_LABELS[case.rating])


class _BatchImporter(_Importer):
    """Create new cases exactly as _Importer does, but hold their rows and events and write each kind with
    one executemany, with explicit ids and the event hashes chained in order (as demo.BulkWriter does).

    Creating row by row costs a dozen statements per case (create, a save per event, a chain lookup per
    event); batched, 100,000 cases are a handful of statements. Updates of stored cases stay row by row.
    """

    def __init__(self, at: datetime, operator: Operator):
        super().__init__(at, operator)
        self.next_case, self.next_rating = _max_id(Case) + 1, _max_id(Rating) + 1
        self.last_event, self.prev_hash = ledger.last_link()
        self.pending: dict[str, list] = {"case": [], "co": [], "rating": [], "event": []}
        self.batching = True

    def new_case(self, **fields) -> Case:
        if not self.batching:
            return super().new_case(**fields)
        case = Case(id=self.next_case, **fields)
        self.next_case += 1
        self.pending["case"].append(case)
        return case

    def event(self, case: Case, action: str, at: datetime, before: str, **extra) -> None:
        if not self.batching:
            return super().event(case, action, at, before, **extra)
        case.updated_at = self.at
        self.last_event += 1
        values = ledger.chain_values(self.last_event, self.prev_hash, dict(
            case_id=case.id, at=at, recorded_at=ledger.wall_clock(), action=action, from_status=before,
            to_status=case.status, operator_id=self.operator.id, **extra))
        self.prev_hash = values[-1]
        self.pending["event"].append(values)
        self.result.events += 1

    def add_co_department(self, case: Case, department: Department, at: datetime) -> None:
        if not self.batching:
            return super().add_co_department(case, department, at)
        self.pending["co"].append(CaseCoDepartment(case=case.id, department=department.id, joined_at=at))

    def add_rating(self, **fields) -> None:
        if not self.batching:
            return super().add_rating(**fields)
        self.pending["rating"].append(Rating(id=self.next_rating, **fields))
        self.next_rating += 1

    def flush(self) -> None:
        """Write the held rows: cases first, since the others refer to them."""
        cursor = db.cursor()
        for model, kind, verb in ((Case, "case", "INSERT"), (CaseCoDepartment, "co", "INSERT OR IGNORE"),
                                  (Rating, "rating", "INSERT")):
            fields = [f for f in model._meta.sorted_fields if f.name != "id" or kind != "co"]
            sql = (f'{verb} INTO "{model._meta.table_name}" ({", ".join(f.column_name for f in fields)}) '
                   f'VALUES ({", ".join("?" * len(fields))})')
            cursor.executemany(sql, (_db_values(obj, fields) for obj in self.pending[kind]))
        cursor.executemany(EVENT_INSERT, self.pending["event"])
        self.pending = {kind: [] for kind in self.pending}

    def stop_batching(self) -> None:
        """Write what is held and go on row by row (for the updates, which read stored cases)."""
        self.flush()
        self.batching = False


EVENT_INSERT = (f"INSERT INTO case_event ({', '.join(ledger.HASHED_COLUMNS)}, prev_hash, hash) "
                f"VALUES ({', '.join('?' * (len(ledger.HASHED_COLUMNS) + 2))})")
BATCH_ROWS = 5_000  # new cases held in memory between writes


def _max_id(model) -> int:
    return model.select(fn.MAX(model.id)).scalar() or 0


def _db_values(obj, fields) -> tuple:
    """Return an unsaved instance's column values as Peewee would bind them on insert."""
    data = obj.__data__
    return tuple(f.db_value(data.get(f.name)) for f in fields)


def apply_import(plan: ImportPlan, at: datetime, operator: Operator,
                 step: Callable[[int, int], bool] | None = None, *, batch: bool = True) -> ImportResult:
    """Write the plan in one transaction; if `step(done, total)` returns False, roll back and write nothing.

    batch=False creates new cases row by row: the plain path the batched one is checked against.
    """
    total = len(plan.new) + len(plan.updated)
    with write_transaction() as txn:
        # Inside the lock: the batch numbers its cases and events from what is stored now.
        importer = _BatchImporter(at, operator) if batch else _Importer(at, operator)
        for done, row in enumerate(plan.new, start=1):
            importer.create(row)
            if batch and done % BATCH_ROWS == 0:
                importer.flush()
            if step and not step(done, total):
                txn.rollback()
                return ImportResult()
        if batch:
            importer.stop_batching()
        for done, (row, changes) in enumerate(plan.updated, start=len(plan.new) + 1):
            importer.update(Case.get(Case.code == row.values["code"]), row, changes)
            if step and not step(done, total):
                txn.rollback()
                return ImportResult()
    return importer.result
