"""The demo's reference data: departments with leaders, staff, operators and civilian observers."""

import random
from datetime import date, datetime, timedelta

from wzdesk.demo.story import Refs
from wzdesk.demo.words import AREAS, DEPARTMENTS, GIVEN, OBSERVER_KINDS, STAFF_TITLES, STREET_DEPARTMENTS, SURNAMES
from wzdesk.models import Category, Department, DutyMenu, DutyStep, Observer, Operator, Staff
from wzdesk.office.auth import hash_password
from wzdesk.office.name_events import department_named, operator_named

DEMO_OPERATORS = [("wangfang", "王芳", "clerk"), ("liqiang", "李强", "supervisor"), ("admin", "管理员", "admin")]
DEMO_PASSWORD = "demo2026"  # stated in the README so a newcomer can sign in to the demo


def build_reference(rng: random.Random, now: datetime) -> Refs:
    """Create (or reuse) the demo's departments, staff, operators and observers; return their ids."""
    dept_ids = {row[0]: _department(order, row).id for order, row in enumerate(DEPARTMENTS)}
    staff = {dept_id: _staff(rng, dept_id) for dept_id in dept_ids.values()}
    clerk = _operators(now)
    places = [
        (district, street, community, STREET_DEPARTMENTS[street])
        for district, streets in AREAS.items() for street, communities in streets.items()
        for community in communities
    ]
    observers = _observers(rng, places, now.date())
    categories = {c.name: c.id for c in Category.select()}
    menus = {}
    for step in DutyStep.select(DutyStep, DutyMenu).join(DutyMenu).where(DutyStep.active).order_by(DutyStep.seq):
        menus.setdefault(step.menu.category_id, []).append(step)
    return Refs(dept_ids, staff, clerk, categories, places, observers, menus)


def _department(order: int, row: tuple) -> Department:
    name, kind, district, head, leader, title = row
    dept, created = Department.get_or_create(name=name, defaults={
        "short_name": name.replace("邵阳市", ""), "kind": kind, "district": district, "head_name": head,
        "leader_name": leader, "leader_title": title, "sort_order": order,
        "phone": f"0739-{5000000 + order * 1117}",
    })
    if created:
        department_named(dept, None, None)  # the name the ledger's replay checks renames against
    return dept


def _staff(rng: random.Random, dept_id: int) -> list[int]:
    existing = [s.id for s in Staff.select(Staff.id).where(Staff.department == dept_id)]
    if existing:
        return existing
    return [
        Staff.create(department=dept_id, name=_person(rng), title=rng.choice(STAFF_TITLES),
                     phone=f"1{rng.choice('3589')}{rng.randrange(10**9):09d}").id
        for _ in range(3)
    ]


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2))))


def _operators(now: datetime) -> int:
    for username, name, role in DEMO_OPERATORS:
        operator, created = Operator.get_or_create(username=username, defaults={
            "display_name": name, "role": role, "created_at": now, "password_hash": hash_password(DEMO_PASSWORD)})
        if created:
            operator_named(operator, None, None, now)
    return Operator.get(Operator.username == "wangfang").id


def _observers(rng: random.Random, places: list, today: date) -> list[int]:
    """Give most communities 3 to 5 observers and a few fewer, so coverage gaps show."""
    if not Observer.select().exists():
        for district, street, community, _ in places:
            for _ in range(rng.choices([0, 1, 2, 3, 4, 5], [1, 1, 2, 6, 6, 3])[0]):
                Observer.create(
                    name=_person(rng), kind=rng.choice(OBSERVER_KINDS), district=district, street=street,
                    community=community, phone=f"1{rng.choice('3589')}{rng.randrange(10**9):09d}",
                    id_no=f"430{rng.randrange(10**3):03d}19{rng.randrange(50, 99)}{rng.randrange(10**6):06d}"
                          f"{rng.randrange(10)}",
                    joined_on=today - timedelta(days=rng.randrange(30, 900)),
                )
    return [o.id for o in Observer.select(Observer.id).where(Observer.retired_on.is_null())]
