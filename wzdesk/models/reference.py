"""Reference data: departments, staff, categories with their duty menus, operators, settings, calendar."""

from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from wzdesk.models.base import BaseModel


class Department(BaseModel):
    """A bureau, street office or company that handles cases (承办单位)."""

    name = CharField(unique=True)
    short_name = CharField(default="")
    kind = CharField(default="bureau")  # bureau, district, street, company
    district = CharField(default="")
    head_name = CharField(default="")  # 主要负责人
    leader_name = CharField(default="")  # 分管领导
    leader_title = CharField(default="")
    phone = CharField(default="")
    sort_order = IntegerField(default=0)
    active = BooleanField(default=True)


class Staff(BaseModel):
    """A named person in a department, e.g. the handler (经办人) of a case."""

    department = ForeignKeyField(Department, backref="staff", on_delete="RESTRICT")
    name = CharField()
    title = CharField(default="")
    phone = CharField(default="")
    active = BooleanField(default=True)


class Category(BaseModel):
    """A kind of petition (诉求类型), e.g. 噪音 or 路灯不亮."""

    name = CharField(unique=True)
    default_grade = CharField(default="minor")
    sort_order = IntegerField(default=0)
    active = BooleanField(default=True)


class DutyMenu(BaseModel):
    """The responsibility menu (责任菜单) of a category: the steps a department must take."""

    category = ForeignKeyField(Category, backref="duty_menus", unique=True, on_delete="CASCADE")
    title = CharField(default="")
    note = TextField(default="")


class DutyStep(BaseModel):
    """One hard step of a duty menu, with its time limit counted from dispatch."""

    menu = ForeignKeyField(DutyMenu, backref="steps", on_delete="CASCADE")
    seq = IntegerField()
    name = CharField()
    limit_value = IntegerField()
    limit_unit = CharField(default="hours")  # hours, days (natural), workdays
    evidence = CharField(default="")  # e.g. "photo"
    active = BooleanField(default=True)

    class Meta:
        indexes = ((("menu", "seq"), True),)


class Operator(BaseModel):
    """A person (or the system) who works at a desk; every ledger event names one."""

    username = CharField(unique=True)
    display_name = CharField()
    role = CharField(default="clerk")  # clerk, supervisor, admin, system
    password_hash = CharField(default="")
    active = BooleanField(default=True)
    created_at = DateTimeField()


class Setting(BaseModel):
    """An office rule shared by every desk, stored as JSON text (see wzdesk.office.settings)."""

    key = CharField(primary_key=True)
    value = TextField()
    updated_at = DateTimeField(null=True)


class CalendarYear(BaseModel):
    """A year whose statutory schedule is entered; other years are reckoned provisionally."""

    year = IntegerField(primary_key=True)
    source = CharField(default="package")  # package, office
    entered_at = DateTimeField(null=True)


class CalendarDay(BaseModel):
    """An exception to the Monday-to-Friday week: a holiday on a weekday or a make-up working day."""

    day = DateField(primary_key=True)
    is_workday = BooleanField()
    name = CharField(default="")
    source = CharField(default="package")


class Sequence(BaseModel):
    """A per-year counter for case codes and document numbers: never reused, no gaps."""

    kind = CharField()
    year = IntegerField()
    value = IntegerField(default=0)

    class Meta:
        indexes = ((("kind", "year"), True),)
