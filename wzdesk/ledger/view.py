"""The ledger as a window shows it: filtered, sorted and fetched a page at a time, all in SQL."""

import heapq
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from peewee import JOIN

from wzdesk.board.colours import colour_condition, colour_expression, colour_ranges
from wzdesk.board.office import DEPARTMENT_HELD
from wzdesk.ledger import colour_shares, search
from wzdesk.ledger import plan as ledger_plan
from wzdesk.ledger.search import text_condition
from wzdesk.models import CLOSED, CLOSED_LITERAL, MERGED, Case, Category, Department
from wzdesk.models.base import is_postgres, not_indexed
from wzdesk.models.cases import MERGED_LITERAL
from wzdesk.office import settings
from wzdesk.vocabulary import COLOURS

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
    supervised_only: bool = False  # the 督办清单: open cases on the supervision list
    text: str = ""
    # "department": only the cases a department holds (and its closed ones), as the board counts them.
    held_by: str = ""


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


def _conditions(flt: LedgerFilter, at: datetime, walk: bool = False) -> list:
    """Return the WHERE terms of a filter; with walk, terms that could drive the query by another
    index are written so they only check rows (the query walks its order index instead)."""
    conds = []
    if flt.status:
        conds.append(Case.status == flt.status)
    if flt.department_id is not None:
        conds.append(Case.lead_department == flt.department_id)
    if flt.held_by == "department":
        conds.append(Case.status.in_((*DEPARTMENT_HELD, "closed")))
    if flt.grade:
        conds.append(Case.grade == flt.grade)
    if flt.category_id is not None:
        conds.append(Case.category == flt.category_id)
    if flt.colour:
        conds.append(colour_condition(flt.colour, at, settings.get("red_overdue_days"), hidden=walk))
    if flt.received_from:
        conds.append(Case.received_at >= datetime.combine(flt.received_from, time()))
    if flt.received_to:
        conds.append(Case.received_at < datetime.combine(flt.received_to + timedelta(days=1), time()))
    if flt.overdue_only:
        due = not_indexed(Case.due_at) if walk else Case.due_at
        conds.extend([Case.status != CLOSED_LITERAL, Case.status != MERGED_LITERAL, due < at - ONE_SECOND])
    if flt.supervised_only:
        conds.extend([Case.status != CLOSED_LITERAL, Case.supervised_at.is_null(False)])
    if flt.text.strip():
        conds.append(text_condition(flt.text, walk_order=walk))
    return conds


def _filtered(query, flt: LedgerFilter, at: datetime, walk: bool = False):
    conds = _conditions(flt, at, walk)
    return query.where(*conds) if conds else query


def narrowed(query, flt: LedgerFilter, sort: LedgerSort, at: datetime):
    """Return `query` (a select over Case) filtered and ordered as the ledger window shows it."""
    column = SORT_KEYS.get(sort.key, Case.received_at)
    if column is None:
        column = _colour(at)
    order = [column.desc(), Case.id.desc()] if sort.descending else [column.asc(), Case.id.asc()]
    return _filtered(query.order_by(*order), flt, at)


def count(flt: LedgerFilter, at: datetime) -> int:
    """Count the cases the filter lets through."""
    query = ledger_plan.indexed(Case.select(Case.id), _count_index(flt))
    return _filtered(query, flt, at).count()


def _open_only(flt: LedgerFilter) -> bool:
    return bool(flt.colour and flt.colour != "grey") or flt.overdue_only or flt.supervised_only


def _alone(flt: LedgerFilter, **kept) -> bool:
    return LedgerFilter(**kept) == flt


def _count_index(flt: LedgerFilter) -> str | None:
    # Open-case filters without a department count fastest over the covering open-cases index;
    # with one, SQLite's own pick (the board index, by department) is already right.
    if _open_only(flt) and flt.department_id is None and not flt.text.strip():
        return ledger_plan.OPEN_BY_RECEIPT
    if search.only_short_terms(flt.text) and _alone(flt, text=flt.text):
        return ledger_plan.TEXT_BY_RECEIPT
    return None


# The sort keys the covering index of one department's open cases holds (models/sort_indexes.py), less
# the department itself and the due moment, which SQLite's own plan reads in order off other indexes.
COVERED_KEYS = {"code", "title", "status", "grade", "category", "colour"}


def _walk_index(flt: LedgerFilter, sort: LedgerSort) -> str | None:
    """Return the index a page query should read its ids from (walking it in receipt order, or reading
    one department's open cases whole and sorting them), or None to leave it to SQLite."""
    if flt.department_id is not None and _open_only(flt) and not flt.text.strip() and sort.key in COVERED_KEYS:
        return ledger_plan.OPEN_BY_DEPARTMENT
    if sort.key != "received_at":
        return None
    if flt.text.strip():
        if search.only_short_terms(flt.text):
            return ledger_plan.TEXT_BY_RECEIPT if _alone(flt, text=flt.text) else None
        return ledger_plan.BY_RECEIPT if search.many_hits(flt.text) else None
    if _open_only(flt):
        return ledger_plan.OPEN_BY_RECEIPT
    return None


def _order(sort: LedgerSort, at: datetime) -> list:
    column = SORT_KEYS.get(sort.key, Case.received_at)
    if column is None:
        column = _colour(at)
    return [column.desc(), Case.id.desc()] if sort.descending else [column.asc(), Case.id.asc()]


def _rows_query(at: datetime):
    return (
        Case.select(Case.id, Case.code, Case.title, Case.status, Case.grade, Category.name, Department.name,
                    Case.received_at, Case.dispatched_at, Case.due_at, _colour(at))
        .join_from(Case, Category, JOIN.LEFT_OUTER, on=(Case.category == Category.id))
        .join_from(Case, Department, JOIN.LEFT_OUTER, on=(Case.lead_department == Department.id))
        .tuples()
    )


def page(flt: LedgerFilter, sort: LedgerSort, at: datetime, offset: int = 0, limit: int = PAGE_SIZE) -> list[LedgerRow]:
    """Return one page of the filtered, sorted ledger with each case's colour at `at`."""
    if _by_shares(flt, sort):
        ids = colour_shares.page_ids(flt.colour, at, settings.get("red_overdue_days"), sort.descending, offset + limit)
        return _rows_of(ids[offset:], at)
    order = _order(sort, at)
    index = _walk_index(flt, sort)
    ids = _colour_walk(flt, sort, at, offset, limit) if index is None and sort.key == "colour" else None
    if ids is not None:
        return _rows_of(ids, at)
    if index is None:
        rows = _filtered(_rows_query(at).order_by(*order).offset(offset).limit(limit), flt, at)
        return [_row(values, at) for values in rows]
    # Find the page's ids by walking the index alone, then read just those rows.
    ids_query = ledger_plan.indexed(Case.select(Case.id), index).order_by(*order).offset(offset).limit(limit)
    return _rows_of([case_id for (case_id,) in _filtered(ids_query, flt, at, walk=True).tuples()], at)


def _by_shares(flt: LedgerFilter, sort: LedgerSort) -> bool:
    """Whether a page is one rarer colour alone in receipt order on a server, read share by share."""
    return (is_postgres() and flt.colour in colour_shares.RARE_COLOURS and sort.key == "received_at"
            and _alone(flt, colour=flt.colour))


def _rows_of(ids: list[int], at: datetime) -> list[LedgerRow]:
    """Return the ledger rows of these cases, in the order given."""
    rows = {values[0]: values for values in _rows_query(at).where(Case.id.in_(ids))} if ids else {}
    return [_row(rows[case_id], at) for case_id in ids]


def _colour_walk(flt: LedgerFilter, sort: LedgerSort, at: datetime, offset: int, limit: int) -> list[int] | None:
    """Return the page's ids sorted by colour, one colour after another, each in id order and stopped when
    the page is full. Colours sort as their names do, as in the plain query.

    Under an open status each colour is a few ranges of that status's own index (colour_ranges); otherwise
    each colour is walked in id order, and None is returned when a walk finds too few rows for its work
    (the matches are then better read whole and sorted)."""
    need, ids = offset + limit, []
    by_status = flt.status not in ("", CLOSED, MERGED)
    for colour in sorted(COLOURS, reverse=sort.descending):
        if (flt.colour and flt.colour != colour) or (by_status and colour == "grey"):
            continue
        found = (_ranges_ids(flt, sort, at, colour, need - len(ids)) if by_status
                 else _walked_ids(flt, sort, at, colour, need - len(ids)))
        if found is None:
            return None
        ids += found
        if len(ids) >= need:
            break
    return ids[offset:need]


def _walked_ids(flt: LedgerFilter, sort: LedgerSort, at: datetime, colour: str, limit: int) -> list[int] | None:
    walk = Case.select(Case.id).where(_colour_segment(colour, at))
    walk = _filtered(walk.order_by(_id_order(sort)), flt, at, walk=True)
    return ledger_plan.bounded(_ids_of, walk.limit(limit))


def _ranges_ids(flt: LedgerFilter, sort: LedgerSort, at: datetime, colour: str, limit: int) -> list[int]:
    """Return the first `limit` ids of one colour under an open status, merged from its ranges."""
    runs = []
    for cond in colour_ranges(colour, at, settings.get("red_overdue_days")):
        query = ledger_plan.indexed(Case.select(Case.id), ledger_plan.OPEN_BY_STATUS)
        query = _filtered(query.where(Case.status != CLOSED_LITERAL, cond).order_by(_id_order(sort)), flt, at)
        runs.append(_ids_of(query.limit(limit)))
    return list(heapq.merge(*runs, reverse=sort.descending))[:limit]


def _id_order(sort: LedgerSort):
    return Case.id.desc() if sort.descending else Case.id.asc()


def _ids_of(query) -> list[int]:
    return [case_id for (case_id,) in query.tuples()]


def _colour_segment(colour: str, at: datetime):
    if colour == "grey":  # closed, and merged repeats, as colour_expression greys them
        return Case.status.in_((CLOSED, MERGED))
    return colour_condition(colour, at, settings.get("red_overdue_days"), hidden=True)


def _row(values: tuple, at: datetime) -> LedgerRow:
    case_id, code, title, status, grade, category, dept, received, dispatched, due, colour = values
    late = 0.0
    if status not in (CLOSED, MERGED) and due is not None and at > due + ONE_SECOND:
        late = (at - (due + ONE_SECOND)).total_seconds() / 86400
    return LedgerRow(case_id, code, title, status, grade, category or "", dept or "", received, dispatched, due,
                     colour, late)


def position(case_id: int, flt: LedgerFilter, sort: LedgerSort, at: datetime, limit: int = 2000) -> int | None:
    """Return the row of a case within the first `limit` rows of the view, or None."""
    ids = [row.id for row in page(flt, sort, at, 0, limit)]
    return ids.index(case_id) if case_id in ids else None
