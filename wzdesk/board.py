"""The overdue board: open and closed cases counted by department and colour, in one SQL pass."""

from datetime import datetime, timedelta

from peewee import Value, fn

from wzdesk import settings
from wzdesk.colours import colour_expression
from wzdesk.models import CLOSED_LITERAL, Case, Department
from wzdesk.vocabulary import COLOURS

UNDISPATCHED = "（未派单）"


def board_counts(at: datetime) -> dict[str, dict[str, int]]:
    """Return {department name: {colour: count}} at `at`, every department and colour present."""
    colour = colour_expression(at, settings.get("red_overdue_days"), open_only=True)
    # Two passes, each on its partial index: open cases by colour, closed ones simply counted.
    open_rows = (
        Case.select(Case.lead_department, colour.alias("colour"), fn.COUNT(Case.id))
        .where(Case.status != CLOSED_LITERAL)
        .group_by(Case.lead_department, colour)
        .tuples()
    )
    closed_rows = (
        Case.select(Case.lead_department, Value("grey"), fn.COUNT(Case.id))
        .where(Case.status == CLOSED_LITERAL)
        .group_by(Case.lead_department)
        .tuples()
    )
    names = {d.id: d.name for d in Department.select(Department.id, Department.name)}
    board = {d.name: dict.fromkeys(COLOURS, 0) for d in Department.select().where(Department.active)
             .order_by(Department.sort_order, Department.id)}
    for dept_id, colour_name, n in [*open_rows, *closed_rows]:
        name = names.get(dept_id, UNDISPATCHED)
        board.setdefault(name, dict.fromkeys(COLOURS, 0))[colour_name] += n
    return board


def totals(board: dict[str, dict[str, int]]) -> dict[str, int]:
    """Sum the board's rows per colour."""
    return {c: sum(row[c] for row in board.values()) for c in COLOURS}


def board_json(at: datetime) -> dict:
    """Return the board in the shape of the `board --json` command."""
    board = board_counts(at)
    return {"at": at.strftime("%Y-%m-%d %H:%M"), "departments": board, "totals": totals(board)}


def open_and_overdue(at: datetime) -> tuple[int, int]:
    """Count open cases and the overdue ones among them, for the status bar."""
    base = Case.open()
    overdue = base.where(Case.due_at < at - timedelta(seconds=1)).count()
    return base.count(), overdue

