"""The overdue board: open and closed cases counted by department and colour, straight off an index."""

from datetime import datetime, timedelta

from peewee import SQL, Select, fn

from wzdesk.board.colours import FLAGGED, office_colour
from wzdesk.board.office import DEPARTMENT_HELD, OFFICE_HELD, OFFICE_ROW, TO_DISPATCH, office_clocks, since_expression
from wzdesk.models import Case, Department, db
from wzdesk.models.base import is_postgres
from wzdesk.models.chain import stamp
from wzdesk.office import settings, units
from wzdesk.vocabulary import COLOURS

ONE_SECOND = timedelta(seconds=1)
UNDISPATCHED = "（未派单）"
EVERY_ROW = 2**62  # a LIMIT no query reaches


def board_counts(at: datetime) -> dict[str, dict[str, int]]:
    """Return {department name: {colour: count}} at `at`, every department and colour present.

    Departments are counted for the cases they hold; the office's own backlog is the row 督办室.

    The colours follow wzdesk.board.colours.colour_expression exactly (a test holds them to it), counted as
    running totals down the open-cases colour index; the closed are the triggers' running count.
    """
    overdue_before = at - ONE_SECOND
    red_before = overdue_before - timedelta(days=settings.get("red_overdue_days"))
    names = {d.id: d.name for d in Department.select(Department.id, Department.name)}
    board = {d.name: dict.fromkeys(COLOURS, 0) for d in units.active_departments()}

    def row(dept_id):
        return board.setdefault(names.get(dept_id, UNDISPATCHED), dict.fromkeys(COLOURS, 0))

    params = (stamp(red_before), stamp(overdue_before), stamp(at), stamp(overdue_before))
    for dept_id, flagged, total, red, late, warned in db.execute_sql(open_counts_sql(), params):
        counts = row(dept_id)
        if flagged:
            counts["red"] += total
            continue
        counts["red"] += int(red)
        counts["orange"] += int(late - red)
        counts["yellow"] += int(warned)
        counts["green"] += int(total - late - warned)
    for dept_id, n in db.execute_sql("SELECT department_id, n FROM closed_count WHERE n > 0"):
        row(dept_id or None)["grey"] += n
    board[OFFICE_ROW] = office_counts(at)
    return board


def office_counts(at: datetime) -> dict[str, int]:
    """Count the office's own backlog by colour, in the board's shape, in SQL: the same bounds office_tasks
    colours each case by (board/office.py), without reading a hundred thousand cases into Python.

    The moment the office's work began is worked out once per case in a subquery (it is compared with
    every bound of the colour); its LIMIT keeps either backend from folding it back into the count, which
    would work the moment out again for each bound (PostgreSQL at a million cases: 530 ms against 200)."""
    held = (Case.select(Case.status.in_(TO_DISPATCH).alias("to_dispatch"), FLAGGED.alias("flagged"),
                        since_expression().alias("since"))
            .where(Case.status.in_(OFFICE_HELD), Case.received_at <= at).limit(EVERY_ROW).alias("held"))
    colour = office_colour(held.c.to_dispatch, office_clocks(at), held.c.since, held.c.flagged)
    row = dict.fromkeys(COLOURS, 0)
    for name, n in Select([held], [colour, fn.COUNT(SQL("*"))]).group_by(SQL("1")).bind(db).tuples():
        row[name] += n
    return row


# Over open cases by department and flag: all, more than 7 days late, late at all, 75% used but in time.
OPEN_COUNTS = (
    'SELECT lead_department_id, flagged, count(*), total(due_at < ?), total(due_at < ?),'
    " total(warn_at <= ? AND (due_at IS NULL OR NOT due_at < ?))"
    ' FROM "case" INDEXED BY case_held_colour'
    f" WHERE status IN ({', '.join(repr(s) for s in DEPARTMENT_HELD)}) GROUP BY lead_department_id, flagged"
)


# The same on a server: native counts with a FILTER (total() of a truth value is an SQL function there, ten
# times slower at a million cases), read off the same index.
OPEN_COUNTS_PG = (
    "SELECT lead_department_id, flagged, count(*), count(*) FILTER (WHERE due_at < ?),"
    " count(*) FILTER (WHERE due_at < ?), count(*) FILTER (WHERE warn_at <= ? AND (due_at IS NULL OR NOT due_at < ?))"
    f" FROM \"case\" WHERE status IN ({', '.join(repr(s) for s in DEPARTMENT_HELD)})"
    " GROUP BY lead_department_id, flagged"
)


def open_counts_sql() -> str:
    return OPEN_COUNTS_PG if is_postgres() else OPEN_COUNTS


def totals(board: dict[str, dict[str, int]]) -> dict[str, int]:
    """Sum the board's rows per colour."""
    return {c: sum(row[c] for row in board.values()) for c in COLOURS}


def board_json(at: datetime) -> dict:
    """Return the board in the shape of the `board --json` command."""
    board = board_counts(at)
    return {"at": at.strftime("%Y-%m-%d %H:%M"), "departments": board, "totals": totals(board)}


def open_and_overdue(at: datetime) -> tuple[int, int]:
    """Count open cases and the overdue ones among them (departments' cases past their limit), for the status bar."""
    base = Case.open()
    overdue = base.where(Case.status.in_(DEPARTMENT_HELD), Case.due_at < at - timedelta(seconds=1)).count()
    return base.count(), overdue

