"""The overdue board's colour of a case at a moment, as one SQL expression the ledger and board share.

A case a department holds is coloured against its own deadline (due_at, warn_at); a case the office holds
against the office's own limit, through the same bounds the board's row 督办室 reads (board/office.py).
"""

from datetime import datetime, time, timedelta

from peewee import SQL
from peewee import Case as When

from wzdesk.board.office import TO_DISPATCH, TO_VERIFY, OfficeClock, office_clocks, since_expression
from wzdesk.models import CLOSED, CLOSED_LITERAL, MERGED, Case
from wzdesk.models.base import not_indexed
from wzdesk.models.cases import MERGED_LITERAL
from wzdesk.office.workcalendar import WorkCalendar

ONE_SECOND = timedelta(seconds=1)
# The four red flags folded into one (a virtual column, models/board_summary.py).
FLAGGED = SQL("flagged")


def _flagged():
    return Case.flag_complaint | Case.flag_false_closure | Case.flag_duty_breach | Case.supervised_at.is_null(False)


def _office_sets(clock: OfficeClock, since, flagged=None) -> dict:
    """Return the office-held cases of each colour under one clock, as conditions on when its work began
    (and on the flags, or the `flagged` value given)."""
    flagged = _flagged() if flagged is None else flagged
    warned = [(since >= datetime.combine(day, time())) & (since < datetime.combine(day + timedelta(days=1), time()))
              & (since <= until) for day, until in clock.warn_until.items()]
    yellow = warned[0] if warned else SQL("FALSE")  # a truth value on both backends
    for term in warned[1:]:
        yellow = yellow | term
    late = since < clock.overdue_before
    return {
        "red": flagged | (since < clock.red_before),
        "orange": ~flagged & (since >= clock.red_before) & late,
        "yellow": ~flagged & ~late & yellow,
        "green": ~flagged & ~late & ~yellow,
    }


def office_share(colour: str, clock: OfficeClock, since, flagged):
    """Return the office-held cases of one colour under one clock, as a condition on when their work began
    and on whether they are flagged (SQL values a query gives, such as a subquery's columns)."""
    return _office_sets(clock, since, flagged)[colour]


def _office_expression(clock: OfficeClock, since, flagged=None):
    sets = _office_sets(clock, since, flagged)
    return When(None, [(sets["red"], "red"), (sets["orange"], "orange"), (sets["yellow"], "yellow")], "green")


def office_colour(to_dispatch, clocks: dict[str, OfficeClock], since, flagged):
    """Return the colour of an office-held case as SQL over values a query has already worked out: whether
    it waits for dispatch, when the office's work began and whether it is flagged (board/counts.py)."""
    return When(None, [(to_dispatch, _office_expression(clocks["received"], since, flagged))],
                _office_expression(clocks["replied"], since, flagged))


def colour_expression(at: datetime, red_overdue_days: int, open_only: bool = False, cal: WorkCalendar | None = None):
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
    clocks, since = office_clocks(at, cal), since_expression()
    return When(None, [
        *closed,
        (Case.status.in_(TO_DISPATCH), _office_expression(clocks["received"], since)),
        (Case.status.in_(TO_VERIFY), _office_expression(clocks["replied"], since)),
        (flagged, "red"),
        (Case.due_at < red_before, "red"),
        (Case.due_at < overdue_before, "orange"),
        (Case.warn_at <= at, "yellow"),
    ], "green")


def colour_of(case_id: int, at: datetime, red_overdue_days: int) -> str:
    """Return one case's colour at `at`."""
    expr = colour_expression(at, red_overdue_days)
    return Case.select(expr.alias("colour")).where(Case.id == case_id).scalar()



def colour_condition(colour: str, at: datetime, red_overdue_days: int, hidden: bool = False,
                     cal: WorkCalendar | None = None):
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
    clocks, since = office_clocks(at, cal), since_expression()
    held = Case.status.not_in((*TO_DISPATCH, *TO_VERIFY)) & conds[colour]
    to_dispatch = Case.status.in_(TO_DISPATCH) & _office_sets(clocks["received"], since)[colour]
    to_verify = Case.status.in_(TO_VERIFY) & _office_sets(clocks["replied"], since)[colour]
    return (Case.status != CLOSED_LITERAL) & (Case.status != MERGED_LITERAL) & (held | to_dispatch | to_verify)


def colour_ranges(colour: str, at: datetime, red_overdue_days: int) -> list:
    """Return conditions whose union is an open case's colour at `at` (the flags and time parts of
    colour_condition), each one range of an index over (flagged, due_at, warn_at): the open cases of a
    colour are then read range by range, never scanned."""
    overdue_before = at - ONE_SECOND
    red_before = overdue_before - timedelta(days=red_overdue_days)
    # Bound truth values: 0/1 on SQLite, booleans on a server.
    flagged, calm = FLAGGED == True, FLAGGED == False  # noqa: E712
    if colour == "red":
        return [flagged, calm & (Case.due_at < red_before)]
    if colour == "orange":
        return [calm & (Case.due_at >= red_before) & (Case.due_at < overdue_before)]
    # yellow and green: not overdue (no limit, or not yet due), told apart by the warning moment
    warned = (Case.warn_at <= at) if colour == "yellow" else (Case.warn_at.is_null() | (Case.warn_at > at))
    return [calm & Case.due_at.is_null() & warned, calm & (Case.due_at >= overdue_before) & warned]


def _plus(column):
    return not_indexed(column)
