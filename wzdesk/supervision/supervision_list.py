"""The 督办清单 as a view: the cases under formal supervision, their round, the next round due, their documents."""

from dataclasses import dataclass, replace
from datetime import datetime

from wzdesk.ledger import queries
from wzdesk.ledger.tracking import case_summary, text_time
from wzdesk.models import Case, Notice, NoticeCase
from wzdesk.office import settings
from wzdesk.office.workcalendar import WorkCalendar
from wzdesk.supervision.ladder import HELD, ROUND_STEPS, next_round_due

LAST_ROUND = max(ROUND_STEPS)


@dataclass(frozen=True)
class SupervisedCase:
    """One line of the supervision list."""

    case: Case
    lead_name: str | None
    colour: str
    round: int
    next_round_due: datetime | None  # None once the last round is reached or while the office holds the case
    documents: list[str]

    def as_json(self) -> dict:
        """Return the line as `cases --supervised --json` prints it."""
        return {**case_summary(self.case, self.lead_name, self.colour), "round": self.round,
                "next_round_due": text_time(self.next_round_due), "documents": self.documents}


def supervised_cases(at: datetime, flt: queries.CaseFilter | None = None) -> list[SupervisedCase]:
    """Return the open cases on the supervision list (within `flt`), in order of listing, as of `at`."""
    gap, cal = settings.get("supervision_round_workdays"), WorkCalendar.from_db()
    rows = queries.case_rows(replace(flt or queries.CaseFilter(), supervised=True), at)
    return [SupervisedCase(case, case.lead_name, case.colour, case.supervision_round,
                           _next_due(case, gap, cal), case_documents(case)) for case in rows]


def _next_due(case: Case, gap: int, cal: WorkCalendar) -> datetime | None:
    # The ladder chases only the cases a department holds: while the office holds one, no round is due.
    if case.supervision_round >= LAST_ROUND or case.status not in HELD:
        return None
    return next_round_due(case, gap, cal)


def case_documents(case: Case) -> list[str]:
    """Return the numbers of the documents issued about a case, oldest first."""
    query = (Notice.select(Notice.number_text).join(NoticeCase).where(NoticeCase.case == case)
             .order_by(Notice.issued_on, Notice.id))
    return [notice.number_text for notice in query]
