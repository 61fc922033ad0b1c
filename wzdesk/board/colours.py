"""The overdue board's colour of a case at a moment, as one SQL expression the ledger and board share."""

from datetime import datetime, timedelta

from peewee import Case as When

from wzdesk.models import CLOSED, CLOSED_LITERAL, MERGED, Case
from wzdesk.models.base import not_indexed
from wzdesk.models.cases import MERGED_LITERAL

ONE_SECOND = timedelta(seconds=1)


def colour_expression(at: datetime, red_overdue_days: int, open_only: bool = False):
    """Return a SQL expression giving each case's colour at `at` (see DESIGN.md, the overdue board).

    due_at is stored as 23:59:59 of the due day; the limit ends one second later, at 24:00.
    With open_only the status test is left out, so a query over open cases stays on its index.
    """
    overdue_before = at - ONE_SECOND  # due_at earlier than this: the limit has passed
    red_before = overdue_before - timedelta(days=red_overdue_days)
    flagged = (
        Case.flag_complaint | Case.flag_false_closure | Case.flag_duty_breach | Case.supervised_at.is_null(False)
    )
    # A merged repeat is no longer worked on its own: greyed in the ledger, counted on the board through its
    # main case only (the board's grey is the closed count, wzdesk/models/board_summary.py).
    closed = [] if open_only else [(Case.status.in_((CLOSED, MERGED)), "grey")]
    return When(None, [
        *closed,
        (flagged, "red"),
        (Case.due_at < red_before, "red"),
        (Case.due_at < overdue_before, "orange"),
        (Case.warn_at <= at, "yellow"),
    ], "green")


def colour_of(case_id: int, at: datetime, red_overdue_days: int) -> str:
    """Return one case's colour at `at`."""
    expr = colour_expression(at, red_overdue_days)
    return Case.select(expr.alias("colour")).where(Case.id == case_id).scalar()



def colour_condition(colour: str, at: datetime, red_overdue_days: int, hidden: bool = False):
    """Return a WHERE condition for the cases of one colour at `at`, as plain ranges on indexed columns.

    The same sets as colour_expression, but written so SQLite can answer them from the open-cases
    indexes. With hidden the due/warn columns get a unary plus, which keeps SQLite from driving
    the query by a due-date range when the caller wants it to walk the receipt-time index instead.
    """
    if colour == "grey":
        return Case.status == CLOSED_LITERAL
    due, warn = (_plus(Case.due_at), _plus(Case.warn_at)) if hidden else (Case.due_at, Case.warn_at)
    overdue_before = at - ONE_SECOND
    red_before = overdue_before - timedelta(days=red_overdue_days)
    flagged = (Case.flag_complaint | Case.flag_false_closure | Case.flag_duty_breach
               | Case.supervised_at.is_null(False))
    calm = ((Case.flag_complaint == 0) & (Case.flag_false_closure == 0) & (Case.flag_duty_breach == 0)
            & Case.supervised_at.is_null())
    not_overdue = Case.due_at.is_null() | (due >= overdue_before)
    conds = {
        "red": flagged | (due < red_before),
        "orange": calm & (due >= red_before) & (due < overdue_before),
        "yellow": calm & not_overdue & (warn <= at),
        "green": calm & not_overdue & (Case.warn_at.is_null() | (warn > at)),
    }
    return (Case.status != CLOSED_LITERAL) & (Case.status != MERGED_LITERAL) & conds[colour]


def _plus(column):
    return not_indexed(column)
