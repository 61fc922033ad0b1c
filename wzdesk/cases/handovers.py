"""Returns (退回) and reassignments (改派) counted per department, for the performance sheet."""

from datetime import datetime

from peewee import SQL, fn

from wzdesk.models import CaseEvent


def handover_counts(start: datetime, end: datetime) -> dict[int, dict[str, int]]:
    """Return {department id: {"returned": n, "reassigned": n}} for the events in [start, end).

    A return counts against the department that sent the case back, a reassignment against the one it
    was taken from.
    """
    counts: dict[int, dict[str, int]] = {}
    # The actions as SQL literals: SQLite then reads them from their partial index (models/event_indexes.py).
    for action, column, key in (("return", CaseEvent.department, "returned"),
                                ("reassign", CaseEvent.from_department, "reassigned")):
        query = (CaseEvent.select(column.alias("dept"), fn.COUNT(CaseEvent.id).alias("n"))
                 .where(CaseEvent.action == SQL(f"'{action}'"), CaseEvent.at >= start, CaseEvent.at < end,
                        column.is_null(False))
                 .group_by(column))
        for dept_id, n in query.tuples():
            counts.setdefault(dept_id, {"returned": 0, "reassigned": 0})[key] = n
    return counts
