"""Cases and their append-only ledger: events, co-departments, duty steps, ladder steps."""

from peewee import (
    SQL,
    BooleanField,
    CharField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from wzdesk.models.base import BaseModel
from wzdesk.models.reference import Category, Department, DutyStep, Operator, Staff

CLOSED = "closed"  # a case is open while its status is anything else
# Written as SQL literals, not bound parameters, so SQLite sees they match the partial indexes'
# WHERE clauses and answers from the index alone (measured: 1.5 s -> 0.06 s over 700k closed cases).
CLOSED_LITERAL = SQL("'closed'")
MERGED = "merged"  # a repeat merged into its main case: neither open nor closed, counted through the main case
MERGED_LITERAL = SQL("'merged'")


class Case(BaseModel):
    """One citizen report (诉求件), tracked from intake to closure."""

    code = CharField(unique=True)
    title = CharField()
    content = TextField(default="")
    category = ForeignKeyField(Category, null=True, backref="cases", on_delete="RESTRICT")
    channel = CharField(default="")
    petitioner_name = CharField(default="")
    petitioner_phone = CharField(default="")
    petitioner_id_no = CharField(default="")
    district = CharField(default="")
    street = CharField(default="")
    community = CharField(default="")
    address = CharField(default="")
    grade = CharField(default="minor")
    status = CharField(default="received")
    source = CharField(default="manual")  # manual, import, demo

    first_receiver = ForeignKeyField(Department, null=True, backref="+", on_delete="RESTRICT", index=False)
    lead_department = ForeignKeyField(Department, null=True, backref="led_cases", on_delete="RESTRICT")
    handler = ForeignKeyField(Staff, null=True, backref="cases", on_delete="SET NULL")
    coordinator = CharField(default="")  # the leader who coordinates a major case

    received_at = DateTimeField()
    dispatched_at = DateTimeField(null=True)
    dispatch_count = IntegerField(default=0)
    response_due_at = DateTimeField(null=True)
    responded_at = DateTimeField(null=True)  # signed for (签收) in the system
    contacted_at = DateTimeField(null=True)  # first contact with the petitioner since the last dispatch
    due_at = DateTimeField(null=True)
    warn_at = DateTimeField(null=True)  # the moment 75% of the limit is used: the board turns yellow
    due_provisional = BooleanField(default=False)
    expected_at = DateTimeField(null=True)  # promised by the department on acceptance
    replied_at = DateTimeField(null=True)
    closed_at = DateTimeField(null=True)
    reopen_count = IntegerField(default=0)

    flag_complaint = BooleanField(default=False)
    flag_false_closure = BooleanField(default=False)
    flag_duty_breach = BooleanField(default=False)
    supervised_at = DateTimeField(null=True)  # on the supervision list since
    supervision_round = IntegerField(default=0)
    rating = CharField(default="")  # the latest rating level
    # A repeat complaint (重复诉求) merged into its main case: status "merged", until an unmerge.
    merged_into = ForeignKeyField("self", null=True, backref="repeats", on_delete="RESTRICT", index=False)
    merged_at = DateTimeField(null=True)
    # Closed as withdrawn (已撤销) on the platform: the citizen withdrew it; it is left out of the rates.
    withdrawn_at = DateTimeField(null=True)

    created_at = DateTimeField()
    updated_at = DateTimeField()
    # Bumped by every write of the row (wzdesk/models/case_versions.py): a change made on an older view
    # is refused. The SQL default lets the bulk loads that name their columns leave it out.
    version = IntegerField(default=0, constraints=[SQL("DEFAULT 0")])

    def save(self, force_insert=False, only=None):
        """Insert a new case, or write a known one only if it is still at the version it was read at."""
        if force_insert or self.id is None:
            return super().save(force_insert=force_insert, only=only)
        from wzdesk.models import case_versions

        return case_versions.write(self, only)

    @classmethod
    def open(cls):
        """Select the cases not yet closed."""
        return cls.select().where(cls.status != CLOSED_LITERAL, cls.status != MERGED_LITERAL)

    @classmethod
    def by_code(cls, code: str):
        """Return the case with this code, or None."""
        return cls.get_or_none(cls.code == code.strip())


class CaseCoDepartment(BaseModel):
    """A co-handling department (协办单位) of a multi-department case."""

    case = ForeignKeyField(Case, backref="co_links", on_delete="CASCADE")
    department = ForeignKeyField(Department, backref="co_cases", on_delete="RESTRICT")
    joined_at = DateTimeField()

    class Meta:
        indexes = ((("case", "department"), True),)


class CaseEvent(BaseModel):
    """One step of the ledger (全流程台账). Append-only; each carries a hash chained to the last."""

    case = ForeignKeyField(Case, null=True, backref="events", on_delete="RESTRICT", index=False)  # caseevent_case
    at = DateTimeField()  # when it happened (business time)
    recorded_at = DateTimeField()  # when the desk wrote it (wall clock)
    action = CharField()
    from_status = CharField(default="")
    to_status = CharField(default="")
    # Departments are never deleted, so these links need no index of their own (models/event_indexes.py).
    from_department = ForeignKeyField(Department, null=True, backref="+", on_delete="RESTRICT", index=False)
    to_department = ForeignKeyField(Department, null=True, backref="+", on_delete="RESTRICT", index=False)
    department = ForeignKeyField(Department, null=True, backref="events", on_delete="RESTRICT", index=False)
    operator = ForeignKeyField(Operator, backref="events", on_delete="RESTRICT", index=False)
    note = TextField(default="")
    data = TextField(default="")  # JSON for details that have no column
    prev_hash = CharField(default="")
    hash = CharField(default="")


class CaseDutyStep(BaseModel):
    """A duty step owed on a case by its department: due, done or breached."""

    case = ForeignKeyField(Case, backref="duty_steps", on_delete="CASCADE")
    step = ForeignKeyField(DutyStep, backref="+", on_delete="RESTRICT")
    department = ForeignKeyField(Department, backref="duty_steps", on_delete="RESTRICT")
    due_at = DateTimeField()
    done_at = DateTimeField(null=True)
    evidence = TextField(default="")
    breached_at = DateTimeField(null=True)
    closed_as = CharField(default="")  # 退回 / 改派: the department no longer owes it, never a breach
    closed_at = DateTimeField(null=True)

    class Meta:
        indexes = ((("case", "step", "department"), True),)
