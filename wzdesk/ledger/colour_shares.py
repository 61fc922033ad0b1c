"""A page of one of the rarer colours (orange, yellow) in receipt order on PostgreSQL, read share by share.

Orange and yellow are each about a week of deadlines: a few percent of the open cases, and never the newest
(a case received today is not yet due). Walking receipt order from the newest passes some 70,000 cases at a
million before a page is full (0.1 s). Each holder's share of the colour is instead a range of an index of
its own (COLOUR_SHARE_INDEXES, models/postgres_schema.py): read whole from that index, its first `need` cases
kept by a top-N sort, and the shares merged. The shares are the sets colour_condition joins, one by one:
the cases departments hold (colour_ranges), and the office's by the moment its work began (office_share).
"""

import heapq
from datetime import datetime, time
from itertools import islice

from peewee import Select

from wzdesk.board.colours import FLAGGED, colour_ranges, office_share
from wzdesk.board.office import DEPARTMENT_HELD, TO_VERIFY, OfficeClock, office_clocks, since_of
from wzdesk.models import Case, db

RARE_COLOURS = ("orange", "yellow")


def page_ids(colour: str, at: datetime, red_overdue_days: int, descending: bool, need: int) -> list[int]:
    """Return the first `need` ids of the open cases of `colour` at `at` in receipt order (then id order)."""
    runs = [_first(share, descending, need) for share in _shares(colour, at, red_overdue_days)]
    return [case_id for _, case_id in islice(heapq.merge(*runs, reverse=descending), need)]


def _shares(colour: str, at: datetime, red_overdue_days: int) -> list:
    """Return one query per share of the colour, each giving its cases' receipt time and id."""
    held = [Case.select(Case.received_at, Case.id).where(Case.status.in_(DEPARTMENT_HELD), cond)
            for cond in colour_ranges(colour, at, red_overdue_days)]
    clocks = office_clocks(at)
    office = [_office(colour, statuses, clocks[statuses[0]]) for statuses in (("received",), ("returned",), TO_VERIFY)]
    return [*held, *office]


def _office(colour: str, statuses: tuple[str, ...], clock: OfficeClock):
    """The share of the office's cases in `statuses`: the moment their work began is worked out once per case in
    a fenced inner query, which reads only the cases that began late enough for the colour (a range of an
    index, but for the returned cases, whose moment is a subquery), and is then tested against the colour."""
    since = since_of(statuses[0])
    inner = Case.select(Case.received_at, Case.id, since.alias("since"), FLAGGED.alias("flagged"))
    inner = inner.where(Case.status.in_(statuses))
    if statuses != ("returned",):
        inner = inner.where(_began_within(colour, clock, since))
    inner = inner.offset(0).alias("office")
    return (Select([inner], [inner.c.received_at, inner.c.id])
            .where(office_share(colour, clock, inner.c.since, inner.c.flagged)))


def _began_within(colour: str, clock: OfficeClock, since):
    """Return a range of `since` that holds every office-held case of the colour (orange: past the office's
    limit by less than red_overdue_days; yellow: not past it, begun on a day of the warning share and no later
    than that day's moment), so the index reads only those."""
    if colour == "orange":
        return (since >= clock.red_before) & (since < clock.overdue_before)
    if not clock.warn_until:
        return since < clock.overdue_before  # with since >= overdue_before in the share: nothing is yellow
    first = datetime.combine(min(clock.warn_until), time())
    return (since >= max(first, clock.overdue_before)) & (since <= max(clock.warn_until.values()))


def _first(share, descending: bool, need: int) -> list[tuple]:
    """Return a share's first `need` (receipt time, id) pairs: the share is read whole (OFFSET 0 keeps the
    planner from walking receipt order to find it) and top-N sorted."""
    fenced = share.offset(0).alias("share")
    columns = (fenced.c.received_at, fenced.c.id)
    order = [column.desc() if descending else column.asc() for column in columns]
    return list(Select([fenced], list(columns)).order_by(*order).limit(need).bind(db).tuples())
