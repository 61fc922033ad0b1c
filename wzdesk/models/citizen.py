"""The citizen's side: verifications and observers, ratings, complaints, progress messages."""

from peewee import (
    SQL,
    BlobField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from wzdesk.models.base import BaseModel
from wzdesk.models.cases import Case
from wzdesk.models.reference import Department, Operator, Staff


class Observer(BaseModel):
    """A civilian observer (民间观察员); identity protected like a petitioner's."""

    name = CharField()
    kind = CharField(default="")  # veteran party member, retired teacher, grid worker, shop owner
    district = CharField(default="")
    street = CharField(default="")
    community = CharField()
    phone = CharField(default="")
    id_no = CharField(default="")
    joined_on = DateField()
    retired_on = DateField(null=True)
    note = TextField(default="")


class Verification(BaseModel):
    """An on-site check (现场核验) that the work was really done."""

    case = ForeignKeyField(Case, backref="verifications", on_delete="CASCADE")
    planned_at = DateTimeField()
    performed_at = DateTimeField(null=True)
    staff = CharField(default="")  # who went from the office
    with_petitioner = BooleanField(default=False)
    finding = TextField(default="")
    result = CharField(default="pending")  # pending, passed, failed
    operator = ForeignKeyField(Operator, backref="+", on_delete="RESTRICT")
    created_at = DateTimeField()


class VerificationObserver(BaseModel):
    """An observer assigned to a verification, and what they found."""

    verification = ForeignKeyField(Verification, backref="observer_links", on_delete="CASCADE")
    observer = ForeignKeyField(Observer, backref="assignments", on_delete="RESTRICT")
    present = BooleanField(default=True)
    finding = TextField(default="")
    # The clerk marks a finding that differs from the department's reply. A SQL default too, so the demo's
    # bulk inserts, which name their columns, need not name it.
    problem_found = BooleanField(default=False, constraints=[SQL("DEFAULT FALSE")])

    class Meta:
        indexes = ((("verification", "observer"), True),)


class VerificationPhoto(BaseModel):
    """A photo of an on-site check, kept in the database (and its backups) with its SHA-256."""

    verification = ForeignKeyField(Verification, backref="photos", on_delete="CASCADE")
    path = CharField()  # where the copy for viewing was put; the content below is the record
    sha256 = CharField()
    added_at = DateTimeField()
    content = BlobField(null=True)  # null only for a photo whose file was gone when it moved in


class Rating(BaseModel):
    """The citizen's verdict (回访评价) on the result."""

    case = ForeignKeyField(Case, backref="ratings", on_delete="CASCADE")
    level = CharField()  # very_satisfied ... very_dissatisfied
    scale = IntegerField(default=5)
    department = ForeignKeyField(Department, null=True, backref="ratings", on_delete="RESTRICT")
    handler = ForeignKeyField(Staff, null=True, backref="ratings", on_delete="SET NULL")
    at = DateTimeField()
    channel = CharField(default="")
    comment = TextField(default="")
    operator = ForeignKeyField(Operator, backref="+", on_delete="RESTRICT")
    solved = BooleanField(null=True)  # 已解决 / 未解决; None where the return visit did not ask


class Complaint(BaseModel):
    """A handling complaint (我有话说): the case turns red until a clerk clears it."""

    case = ForeignKeyField(Case, backref="complaints", on_delete="CASCADE")
    at = DateTimeField()
    content = TextField()
    channel = CharField(default="")
    cleared_at = DateTimeField(null=True)
    cleared_by = ForeignKeyField(Operator, null=True, backref="+", on_delete="RESTRICT")
    clear_note = TextField(default="")


class ProgressMessage(BaseModel):
    """A message to the petitioner (进度小喇叭) waiting in the outbox or sent."""

    case = ForeignKeyField(Case, backref="messages", on_delete="CASCADE")
    trigger = CharField()  # received, dispatched, accepted, verification_booked, replied, closed, reopened
    text = TextField()
    status = CharField(default="pending")  # pending, sent, failed
    created_at = DateTimeField()
    sent_at = DateTimeField(null=True)
    error = TextField(default="")
