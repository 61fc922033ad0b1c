"""The overdue board: open and closed cases counted by department and colour, in one SQL pass."""

from datetime import datetime, timedelta

from peewee import SQL, fn

from wzdesk import settings
from wzdesk.colours import colour_expression
from wzdesk.models import CLOSED_LITERAL, Case, Department
from wzdesk.vocabulary import COLOURS

UNDISPATCHED = "（未派单）"


def board_counts(at: datetime) -> dict[str, dict[str, int]]:
    """Return {department name: {colour: count}} at `at`, every department and colour present."""
    colour = colour_expression(at, settings.get("red_overdue_days"), open_only=True)
    # The colour of each open case, straight off the open-cases index, then summed per department:
    # conditional sums over a subquery avoid the temporary B-tree a GROUP BY on the colour needs.
    per_case = (Case.select(Case.lead_department.alias("dept"), colour.alias("colour"))
                .where(Case.status != CLOSED_LITERAL))
    open_rows = (
        Case.select(per_case.c.dept, fn.COUNT(SQL("*")),
                    *[fn.SUM(per_case.c.colour == name) for name in ("red", "orange", "yellow")])
        .from_(per_case)
        .group_by(per_case.c.dept)
        .tuples()
    )
    closed_rows = (
        Case.select(Case.lead_department, fn.COUNT(Case.id))
        .where(Case.status == CLOSED_LITERAL)
        .group_by(Case.lead_department)
        .tuples()
    )
    names = {d.id: d.name for d in Department.select(Department.id, Department.name)}
    board = {d.name: dict.fromkeys(COLOURS, 0) for d in Department.select().where(Department.active)
             .order_by(Department.sort_order, Department.id)}
    for dept_id, total, red, orange, yellow in open_rows:
        row = board.setdefault(names.get(dept_id, UNDISPATCHED), dict.fromkeys(COLOURS, 0))
        counts = {"red": red, "orange": orange, "yellow": yellow, "green": total - red - orange - yellow}
        for name, n in counts.items():
            row[name] += n
    for dept_id, n in closed_rows:
        board.setdefault(names.get(dept_id, UNDISPATCHED), dict.fromkeys(COLOURS, 0))["grey"] += n
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

