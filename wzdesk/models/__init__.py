"""Peewee models on one SQLite handle; `wzdesk.office.database.open_database` opens and migrates a file."""

from wzdesk.models import bigram_search  # noqa: F401 — registers wz_bigrams on every connection
from wzdesk.models.base import db, write_transaction
from wzdesk.models.cases import CLOSED, CLOSED_LITERAL, MERGED, Case, CaseCoDepartment, CaseDutyStep, CaseEvent
from wzdesk.models.citizen import (
    Complaint,
    Observer,
    ProgressMessage,
    Rating,
    Verification,
    VerificationObserver,
    VerificationPhoto,
)
from wzdesk.models.reference import (
    CalendarDay,
    CalendarYear,
    Category,
    Department,
    DutyMenu,
    DutyStep,
    Operator,
    Sequence,
    Setting,
    Staff,
)
from wzdesk.models.supervision import (
    Accountability,
    AccountabilityCase,
    Commitment,
    CoordinationMeeting,
    FollowUp,
    Interview,
    InterviewCase,
    LadderStep,
    MeetingDecision,
    Notice,
    NoticeCase,
)

__all__ = [
    "CLOSED", "CLOSED_LITERAL", "MERGED", "Accountability", "AccountabilityCase", "CalendarDay", "CalendarYear",
    "Case", "CaseCoDepartment", "CaseDutyStep", "CaseEvent", "Category", "Commitment", "Complaint",
    "CoordinationMeeting", "Department", "DutyMenu", "DutyStep", "FollowUp", "Interview", "InterviewCase",
    "LadderStep", "MeetingDecision", "Notice",
    "NoticeCase", "Observer", "Operator", "ProgressMessage", "Rating", "Sequence", "Setting", "Staff",
    "Verification", "VerificationObserver", "VerificationPhoto", "db", "write_transaction",
]
