"""The ledger as a window shows it: filtered, sorted and fetched a page at a time, all in SQL."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from peewee import JOIN

from wzdesk import settings
from wzdesk.colours import colour_expression
from wzdesk.models import CLOSED, Case, Category, Department
from wzdesk.search import text_condition

ONE_SECOND = timedelta(seconds=1)
PAGE_SIZE = 200


@dataclass(frozen=True)
class LedgerFilter:
    """What a clerk narrowed the ledger to; empty fields do not filter."""

    status: str = ""
    department_id: int | None = None
    grade: str = ""
    category_id: int | None = None
    colour: str = ""
    received_from: date | None = None
    received_to: date | None = None
    overdue_only: bool = False
    text: str = ""


@dataclass(frozen=True)
class LedgerSort:
    """The column the ledger is ordered by (a key of SORT_KEYS) and its direction."""

    key: str = "received_at"
    descending: bool = True


@dataclass(frozen=True)
class LedgerRow:
    """One line of the ledger, plain data for a table model."""

    id: int
    code: str
    title: str
    status: str
    grade: str
    category: str
    department: str
    received_at: datetime | None
    dispatched_at: datetime | None
    due_at: datetime | None
    colour: str
    overdue_days: float = field(default=0.0)


# Each sort key is a column with an index of its own, so a page comes straight off the index.
SORT_KEYS = {
    "code": Case.code,
    "title": Case.title,
    "status": Case.status,
    "grade": Case.grade,
    "category": Case.category,
    "department": Case.lead_department,
    "received_at": Case.received_at,
    "dispatched_at": Case.dispatched_at,
    "due_at": Case.due_at,
    "colour": None,  # the colour expression, built per moment
}


def _colour(at: datetime):
    return colour_expression(at, settings.get("red_overdue_days"))


def _conditions(flt: LedgerFilter, at: datetime) -> list:
    conds = []
    if flt.status:
        conds.append(Case.status == flt.status)
    if flt.department_id is not None:
        conds.append(Case.lead_department == flt.department_id)
    if flt.grade:
        conds.append(Case.grade == flt.grade)
    if flt.category_id is not None:
        conds.append(Case.category == flt.category_id)
    if flt.colour:
        conds.append(_colour(at) == flt.colour)
        if flt.colour != "grey":  # same rows, but lets SQLite use the partial indexes on open cases
            conds.append(Case.status != CLOSED)
    if flt.received_from:
        conds.append(Case.received_at >= datetime.combine(flt.received_from, time()))
    if flt.received_to:
        conds.append(Case.received_at < datetime.combine(flt.received_to + timedelta(days=1), time()))
    if flt.overdue_only:
        conds.extend([Case.status != CLOSED, Case.due_at < at - ONE_SECOND])
    if flt.text.strip():
        conds.append(text_condition(flt.text))
    return conds


def _filtered(query, flt: LedgerFilter, at: datetime):
    conds = _conditions(flt, at)
    return query.where(*conds) if conds else query


def count(flt: LedgerFilter, at: datetime) -> int:
    """Count the cases the filter lets through."""
    return _filtered(Case.select(Case.id), flt, at).count()


def page(flt: LedgerFilter, sort: LedgerSort, at: datetime, offset: int = 0, limit: int = PAGE_SIZE) -> list[LedgerRow]:
    """Return one page of the filtered, sorted ledger with each case's colour at `at`."""
    colour = _colour(at)
    column = SORT_KEYS.get(sort.key, Case.received_at)
    if column is None:
        column = colour
    order = [column.desc(), Case.id.desc()] if sort.descending else [column.asc(), Case.id.asc()]
    query = (
        Case.select(Case.id, Case.code, Case.title, Case.status, Case.grade, Category.name, Department.name,
                    Case.received_at, Case.dispatched_at, Case.due_at, colour)
        .join_from(Case, Category, JOIN.LEFT_OUTER, on=(Case.category == Category.id))
        .join_from(Case, Department, JOIN.LEFT_OUTER, on=(Case.lead_department == Department.id))
        .order_by(*order)
        .offset(offset)
        .limit(limit)
        .tuples()
    )
    rows = _filtered(query, flt, at)
    return [_row(values, at) for values in rows]


def _row(values: tuple, at: datetime) -> LedgerRow:
    case_id, code, title, status, grade, category, dept, received, dispatched, due, colour = values
    late = 0.0
    if status != CLOSED and due is not None and at > due + ONE_SECOND:
        late = (at - (due + ONE_SECOND)).total_seconds() / 86400
    return LedgerRow(case_id, code, title, status, grade, category or "", dept or "", received, dispatched, due,
                     colour, late)


def position(case_id: int, flt: LedgerFilter, sort: LedgerSort, at: datetime, limit: int = 2000) -> int | None:
    """Return the row of a case within the first `limit` rows of the view, or None."""
    ids = [row.id for row in page(flt, sort, at, 0, limit)]
    return ids.index(case_id) if case_id in ids else None
