"""Supervision instruments and sanctions: ladder steps, numbered notices, interviews, accountability."""

from peewee import (
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from wzdesk.models.base import BaseModel
from wzdesk.models.cases import Case
from wzdesk.models.reference import Department, Operator


class Notice(BaseModel):
    """A numbered document sent out under the office's name (提醒函, 督办函, 约谈通知书, 通报, 证书)."""

    kind = CharField()
    year = IntegerField()
    number = IntegerField()
    number_text = CharField()  # e.g. 邵问督〔2026〕12号
    title = CharField(default="")
    department = ForeignKeyField(Department, null=True, backref="notices", on_delete="RESTRICT")
    recipient = CharField(default="")
    issued_on = DateField()
    status = CharField(default="issued")  # draft, issued, delivered, acknowledged, answered
    reply_due_on = DateField(null=True)
    answered_on = DateField(null=True)
    file_path = CharField(default="")
    created_at = DateTimeField()

    class Meta:
        indexes = ((("kind", "year", "number"), True),)


class NoticeCase(BaseModel):
    """A case a notice is about."""

    notice = ForeignKeyField(Notice, backref="case_links", on_delete="CASCADE")
    case = ForeignKeyField(Case, backref="notice_links", on_delete="CASCADE")

    class Meta:
        indexes = ((("notice", "case"), True),)


class LadderStep(BaseModel):
    """One rung of the escalation ladder reached by a case; unique, so a rerun adds nothing."""

    case = ForeignKeyField(Case, backref="ladder_steps", on_delete="CASCADE")
    step = CharField()  # reminder_letter, leader_coordination, supervision_list, ...
    dispatch_no = IntegerField(default=1)  # a re-dispatch restarts the ladder for the new department
    round = IntegerField(default=0)
    department = ForeignKeyField(Department, backref="ladder_steps", on_delete="RESTRICT")
    at = DateTimeField()
    notice = ForeignKeyField(Notice, null=True, backref="ladder_steps", on_delete="SET NULL")

    class Meta:
        indexes = ((("case", "step", "dispatch_no", "round"), True),)


class Interview(BaseModel):
    """A formal talk (约谈) with a department head or leader, with minutes and commitments."""

    department = ForeignKeyField(Department, backref="interviews", on_delete="RESTRICT")
    scheduled_at = DateTimeField()
    place = CharField(default="")
    interviewee = CharField(default="")
    interviewee_title = CharField(default="")
    conductor = CharField(default="")
    attendees = TextField(default="")
    reason = TextField(default="")
    minutes = TextField(default="")
    status = CharField(default="scheduled")  # scheduled, held, cancelled
    held_at = DateTimeField(null=True)
    notice = ForeignKeyField(Notice, null=True, backref="interviews", on_delete="SET NULL")
    created_at = DateTimeField()


class InterviewCase(BaseModel):
    interview = ForeignKeyField(Interview, backref="case_links", on_delete="CASCADE")
    case = ForeignKeyField(Case, backref="interview_links", on_delete="CASCADE")

    class Meta:
        indexes = ((("interview", "case"), True),)


class Commitment(BaseModel):
    """A promise made at an interview, with its due date; kept or broken is recorded."""

    interview = ForeignKeyField(Interview, backref="commitments", on_delete="CASCADE")
    content = TextField()
    due_on = DateField()
    status = CharField(default="open")  # open, kept, broken
    resolved_at = DateTimeField(null=True)
    note = TextField(default="")


class Accountability(BaseModel):
    """A sanction (问责) against a unit, a person or a leader in charge."""

    target_kind = CharField()  # department, person, leader
    department = ForeignKeyField(Department, backref="accountability", on_delete="RESTRICT")
    person_name = CharField(default="")
    person_title = CharField(default="")
    sanction = CharField()  # circulated_criticism, formal_talk, performance_deduction, ...
    reason = TextField()
    problem_type = CharField(default="")
    decided_on = DateField()
    status = CharField(default="proposed")  # proposed, confirmed, revoked, dismissed
    status_note = TextField(default="")
    rule = CharField(default="")  # the rule that proposed it, empty when entered by hand
    rule_key = CharField(default="")  # what the rule fired on (department, month, streak): reruns skip it
    proposed_by = ForeignKeyField(Operator, null=True, backref="+", on_delete="RESTRICT")
    decided_by = ForeignKeyField(Operator, null=True, backref="+", on_delete="RESTRICT")
    created_at = DateTimeField()


class AccountabilityCase(BaseModel):
    record = ForeignKeyField(Accountability, backref="case_links", on_delete="CASCADE")
    case = ForeignKeyField(Case, backref="accountability_links", on_delete="CASCADE")

    class Meta:
        indexes = ((("record", "case"), True),)


class CoordinationMeeting(BaseModel):
    """The meeting a coordination notice asked the lead department's leader in charge to convene."""

    case = ForeignKeyField(Case, backref="coordination_meetings", on_delete="CASCADE")
    notice = ForeignKeyField(Notice, null=True, backref="meetings", on_delete="SET NULL")
    department = ForeignKeyField(Department, backref="+", on_delete="RESTRICT")  # the lead department
    held_on = DateField()
    chaired_by = CharField(default="")
    attendees = TextField()
    recorded_at = DateTimeField()
    operator = ForeignKeyField(Operator, backref="+", on_delete="RESTRICT")


class MeetingDecision(BaseModel):
    """One decision of a coordination meeting, owed by the lead department by its due time like a duty step."""

    meeting = ForeignKeyField(CoordinationMeeting, backref="decisions", on_delete="CASCADE")
    case = ForeignKeyField(Case, backref="meeting_decisions", on_delete="CASCADE")
    department = ForeignKeyField(Department, backref="+", on_delete="RESTRICT")
    content = TextField()
    due_on = DateField(null=True)  # the day the meeting set; due_at is 24:00 of it, or of the next working day
    due_at = DateTimeField()
    done_at = DateTimeField(null=True)
    note = TextField(default="")
    breached_at = DateTimeField(null=True)


class FollowUp(BaseModel):
    """A major case's follow-up entry (跟进), due every few working days after dispatch until it is replied."""

    case = ForeignKeyField(Case, backref="follow_ups", on_delete="CASCADE")
    dispatch_no = IntegerField()
    seq = IntegerField()
    department = ForeignKeyField(Department, backref="+", on_delete="RESTRICT")
    due_at = DateTimeField()
    opened_at = DateTimeField()
    done_at = DateTimeField(null=True)
    note = TextField(default="")
    breached_at = DateTimeField(null=True)

    class Meta:
        indexes = ((("case", "dispatch_no", "seq"), True),)
