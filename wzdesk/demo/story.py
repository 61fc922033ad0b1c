"""One demo case's life, simulated step by step up to the demo's "now" with the real deadline rules."""

import contextlib
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from wzdesk.cases.deadlines import Clock, start_clock
from wzdesk.cases.duties import step_due
from wzdesk.demo.words import CATEGORIES, CHANNELS, GIVEN, REPLIES, SURNAMES
from wzdesk.office.settings import Limits
from wzdesk.office.workcalendar import WorkCalendar
from wzdesk.vocabulary import RATING_LABELS

RATING_WEIGHTS = {
    "very_satisfied": 34, "satisfied": 34, "basically_satisfied": 10, "neutral": 8,
    "dissatisfied": 10, "very_dissatisfied": 4,
}
# The return visit's answer to 问题是否解决, by level: the satisfied ones say solved (keyed on level codes).
DEMO_SOLVED = {"very_satisfied", "satisfied", "basically_satisfied"}


@dataclass
class Refs:
    """Ids the stories draw on: departments by name, staff and operators, observers, categories."""

    dept_ids: dict[str, int]
    staff_by_dept: dict[int, list[int]]
    clerk_id: int
    category_ids: dict[str, int]
    places: list[tuple[str, str, str, str]]  # district, street, community, street office name
    observer_ids: list[int]
    menus: dict[int, list] = field(default_factory=dict)  # category id -> its DutySteps


@dataclass
class Story:
    """What the simulation produced for one case: its row and the rows that hang off it."""

    case: dict
    events: list[dict] = field(default_factory=list)
    co_departments: list[int] = field(default_factory=list)
    ratings: list[dict] = field(default_factory=list)
    verifications: list[dict] = field(default_factory=list)
    complaints: list[dict] = field(default_factory=list)
    duty_steps: list[dict] = field(default_factory=list)


class Stop(Exception):
    """The next step would happen after the demo's "now": the story ends here."""


def _office_hours(moment: datetime) -> datetime:
    """Move a moment in the night to the next morning: departments and the office work by day."""
    if moment.hour < 8:
        return moment.replace(hour=8 + moment.hour % 2)
    if moment.hour >= 21:
        return (moment + timedelta(days=1)).replace(hour=8 + moment.hour % 2)
    return moment


class StoryMaker:
    """Simulate cases; every random draw comes from one seeded generator, so a seed repeats the data."""

    def __init__(self, rng: random.Random, refs: Refs, cal: WorkCalendar, limits: Limits, now: datetime):
        self.rng, self.refs, self.cal, self.limits, self.now = rng, refs, cal, limits, now
        self._categories = list(CATEGORIES)
        self._weights = [CATEGORIES[c][0] for c in self._categories]
        self._clocks: dict[tuple, Clock] = {}

    def make(self, code: str, received_at: datetime) -> Story:
        """Return the story of one case received at `received_at`."""
        story = Story(case=self._new_case(code, received_at))
        self._event(story, "intake", received_at, "received", note=story.case["title"])
        with contextlib.suppress(Stop):  # the story simply ends at the demo's "now"
            self._work(story)
        self._duty_events(story)
        return story

    def _new_case(self, code: str, received_at: datetime) -> dict:
        rng = self.rng
        category = rng.choices(self._categories, self._weights)[0]
        _, depts, titles, content = CATEGORIES[category]
        district, street, community, street_office = rng.choice(self.refs.places)
        road = street.removesuffix("街道").removesuffix("镇")
        place = rng.choice([community, road if road.endswith("路") else road + "路", community.replace("社区", "小区")])
        grade = {"棚户区改造": "major"}.get(category) or rng.choices(
            ["minor", "moderate", "major"], [70, 25, 5])[0]
        lead = rng.choice(depts) or street_office
        return {
            "code": code, "title": at_place(rng.choice(titles), place),
            "content": at_place(content, place), "category_id": self.refs.category_ids[category],
            "category": category, "channel": rng.choice(CHANNELS), "petitioner_name": self._name(),
            "petitioner_phone": f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}",
            "district": district, "street": street, "community": community, "grade": grade,
            "status": "received", "lead_department_id": None, "first_receiver_id": None,
            "planned_lead": self.refs.dept_ids[lead], "received_at": received_at,
            "dispatch_count": 0, "reopen_count": 0, "flag_complaint": 0, "flag_false_closure": 0,
            "rating": "", "handler_id": None, "coordinator": "",
        }

    def _name(self) -> str:
        return self.rng.choice(SURNAMES) + "".join(self.rng.choices(GIVEN, k=self.rng.choice((1, 2))))

    def _at(self, start: datetime, hours: float) -> datetime:
        moment = _office_hours((start + timedelta(hours=hours)).replace(second=0, microsecond=0))
        if moment > self.now:
            raise Stop
        return moment

    def _event(self, story: Story, action: str, at: datetime, to_status: str, **extra) -> None:
        case = story.case
        story.events.append({
            "at": at, "action": action, "from_status": case["status"], "to_status": to_status,
            "from_department_id": None, "to_department_id": None, "department_id": None,
            "note": "", "data": "", **extra,
        })
        case["status"] = to_status
        case["updated_at"] = at

    def _work(self, story: Story) -> None:
        case, rng = story.case, self.rng
        at = self._dispatch(story, case["received_at"], case.pop("planned_lead"))
        if rng.random() < 0.04:
            at = self._return_and_redispatch(story, at)
        at = self._accept(story, at)
        at = self._progress(story, at)
        self._maybe_complain(story, at)
        at = self._reply(story, at)
        at = self._confirm(story, at)
        self._event(story, "close", self._at(at, rng.uniform(2, 60)), "closed",
                    department_id=case["lead_department_id"])
        case["closed_at"] = story.events[-1]["at"]
        for complaint in story.complaints:  # a closed case's complaints were dealt with on the way
            complaint.update(cleared_at=case["closed_at"], clear_note="已核实处理，反映人认可。")
        case["flag_complaint"] = 0

    def _dispatch(self, story: Story, after: datetime, lead: int, wait: tuple = (0.2, 6)) -> datetime:
        case, rng = story.case, self.rng
        at = self._at(after, rng.uniform(*wait))
        clock = self._clock(at, case["grade"])
        case.update(
            lead_department_id=lead, first_receiver_id=case["first_receiver_id"] or lead,
            dispatched_at=at, dispatch_count=case["dispatch_count"] + 1, response_due_at=clock.response_due_at,
            due_at=clock.due_at, warn_at=clock.warn_at, due_provisional=int(clock.provisional),
            responded_at=None, contacted_at=None, handler_id=rng.choice(self.refs.staff_by_dept[lead]),
        )
        if case["grade"] == "major":
            case["coordinator"] = "分管副市长"
        if rng.random() < 0.12 and not story.co_departments:
            story.co_departments = rng.sample(
                [d for d in self.refs.dept_ids.values() if d != lead], rng.choice((1, 2)))
        self._event(story, "dispatch", at, "dispatched", to_department_id=lead, department_id=lead)
        self._owe_duties(story, at, lead)
        return at

    def _clock(self, at: datetime, grade: str) -> Clock:
        key = (at, grade)
        if key not in self._clocks:
            self._clocks[key] = start_clock(at, grade, self.limits, self.cal)
        return self._clocks[key]

    def _return_and_redispatch(self, story: Story, at: datetime) -> datetime:
        case = story.case
        old = case["lead_department_id"]
        at = self._at(at, self.rng.uniform(2, 20))
        case.update(due_at=None, warn_at=None, response_due_at=None)
        self._event(story, "return", at, "returned", from_department_id=old, department_id=old,
                    note="该事项不属于本单位职责范围，建议转相关部门办理。")
        new = self.rng.choice([d for d in self.refs.dept_ids.values() if d != old])
        return self._dispatch(story, at, new, wait=(4, 60))

    def _accept(self, story: Story, at: datetime) -> datetime:
        late = self.rng.random() < 0.12
        at = self._at(at, self.rng.uniform(26, 70) if late else self.rng.uniform(0.3, 20))
        story.case["responded_at"] = at
        self._event(story, "accept", at, "accepted", department_id=story.case["lead_department_id"],
                    note="已签收，正在联系反映人。")
        return at

    def _progress(self, story: Story, at: datetime) -> datetime:
        case, rng = story.case, self.rng
        if rng.random() < 0.85:  # most departments call the citizen soon after signing; the rest only reply
            at = self._at(at, rng.uniform(0.5, 16))
            case["contacted_at"] = case.get("contacted_at") or at
            self._event(story, "progress", at, "in_progress", department_id=case["lead_department_id"],
                        note="已联系反映人并到现场查看，正在安排处理。")
        for dept in story.co_departments:
            if rng.random() < 0.6:
                at = self._at(at, rng.uniform(4, 60))
                self._event(story, "progress", at, "in_progress", department_id=dept,
                            note="协办单位已派人到现场配合处理。")
        return at

    def _maybe_complain(self, story: Story, at: datetime) -> None:
        if self.rng.random() >= 0.02:
            return
        moment = (at + timedelta(hours=self.rng.uniform(1, 48))).replace(second=0, microsecond=0)
        if moment > self.now:
            return
        story.case["flag_complaint"] = 1
        story.complaints.append({"at": moment, "content": "回复说已经处理，可问题还在，希望督办室派人来看看。",
                                 "channel": "我有话说"})
        self._event(story, "complaint", moment, story.case["status"], note=story.complaints[-1]["content"])

    def _reply(self, story: Story, at: datetime) -> datetime:
        case, rng = story.case, self.rng
        span = (case["due_at"] - case["dispatched_at"]).total_seconds() / 3600
        # Most departments answer in time, some late, and a stubborn few let cases sink for weeks.
        share = rng.choices([rng.uniform(0.2, 0.9), rng.uniform(0.9, 1.3), rng.uniform(1.3, 4), rng.uniform(4, 40)],
                            [58, 15, 13, 14])[0]
        elapsed = (at - case["dispatched_at"]).total_seconds() / 3600
        at = self._at(at, max(1.0, span * share - elapsed))
        case["replied_at"] = at
        case["contacted_at"] = case.get("contacted_at") or at
        self._event(story, "reply", at, "replied", department_id=case["lead_department_id"],
                    note=REPLIES.get(case["category"], REPLIES["default"]))
        return at

    def _confirm(self, story: Story, at: datetime) -> datetime:
        """Check on site or ask the citizen; a failure means rework and a second reply."""
        for _attempt in range(3):
            if self.rng.random() < 0.4:
                at, passed = self._verify(story, at)
            else:
                at, passed = self._rate(story, at)
            if passed:
                return at
            at = self._reply(story, self._at(at, self.rng.uniform(24, 72)))
        return at

    def _verify(self, story: Story, at: datetime) -> tuple[datetime, bool]:
        case, rng = story.case, self.rng
        at = self._at(at, rng.uniform(12, 72))
        passed = rng.random() > 0.08
        finding = "督办人员会同反映人到现场查看，问题已解决。" if passed else "现场查看发现问题仍未解决，要求返工。"
        observers = rng.sample(self.refs.observer_ids, 1) if self.refs.observer_ids and rng.random() < 0.5 else []
        story.verifications.append({"at": at, "passed": passed, "finding": finding, "observers": observers,
                                    "with_petitioner": rng.random() < 0.7})
        if passed:
            self._event(story, "verify_pass", at, "verified", department_id=case["lead_department_id"],
                        note=finding)
        else:
            self._reopen(story)
            self._event(story, "verify_fail", at, "in_progress", department_id=case["lead_department_id"],
                        note=finding)
        return at, passed

    def _rate(self, story: Story, at: datetime) -> tuple[datetime, bool]:
        case, rng = story.case, self.rng
        at = self._at(at, rng.uniform(6, 72))
        level = rng.choices(list(RATING_WEIGHTS), list(RATING_WEIGHTS.values()))[0]
        story.ratings.append({"at": at, "level": level, "department_id": case["lead_department_id"],
                              "handler_id": case["handler_id"], "solved": level in DEMO_SOLVED})
        case["rating"] = level
        passed = level not in ("dissatisfied", "very_dissatisfied")
        if not passed:
            self._reopen(story)
        self._event(story, "rate", at, story.case["status"] if passed else "in_progress",
                    department_id=case["lead_department_id"], note=RATING_LABELS[level])
        return at, passed

    def _reopen(self, story: Story) -> None:
        story.case["reopen_count"] += 1
        story.case["flag_false_closure"] = 1

    def _owe_duties(self, story: Story, at: datetime, lead: int) -> None:
        """Owe the category's duty steps; most are done in time, some late, a few never."""
        rng = self.rng
        for step in self.refs.menus.get(story.case["category_id"], []):
            due = step_due(at, step, self.cal)
            roll = rng.random()
            if roll < 0.94:
                done = at + (due - at) * rng.uniform(0.1, 0.95)
            else:
                done = due + timedelta(hours=rng.uniform(1, 72)) if roll < 0.985 else None
            done = done.replace(second=0, microsecond=0) if done and done <= self.now else None
            late = due < self.now and (done is None or done > due)
            story.duty_steps.append({
                "step_id": step.id, "name": step.name, "department_id": lead, "due_at": due, "done_at": done,
                "breached_at": min(due + timedelta(hours=1), self.now).replace(microsecond=0) if late else None,
            })

    def _duty_events(self, story: Story) -> None:
        """Put each step's completion and breach into the case's track, in time order."""
        extra = []
        replied = story.case.get("replied_at")
        for duty in story.duty_steps:
            if duty["done_at"] and replied and duty["done_at"] > replied:
                duty["done_at"] = replied  # a department does its duties before it reports the case done
            if duty["done_at"]:
                extra.append((duty["done_at"], "duty_step_done", duty["name"], duty["department_id"]))
            if duty["breached_at"]:
                extra.append((duty["breached_at"], "duty_breach", f"未在时限内完成“{duty['name']}”",
                              duty["department_id"]))
                story.case["flag_duty_breach"] = 1
        if not extra:
            return
        events, main = story.events, list(story.events)
        for at, action, note, dept in extra:
            status = next((e["to_status"] for e in reversed(main) if e["at"] <= at), main[0]["to_status"])
            events.append({"at": at, "action": action, "from_status": status, "to_status": status,
                           "from_department_id": None, "to_department_id": None, "department_id": dept,
                           "note": note, "data": ""})
        events.sort(key=lambda e: e["at"])


_PLACE_WORDS = ("小区", "社区", "路")  # a place may end in the word a template puts after it


def at_place(template: str, place: str) -> str:
    """Fill {place} without doubling a word: 建设路 + 路段 gives 建设路段, 桃花小区 + 小区门口 gives 桃花小区门口."""
    head, _, tail = template.partition("{place}")
    for word in _PLACE_WORDS:
        if place.endswith(word) and tail.startswith(word):
            tail = tail[len(word):]
            break
    return f"{head}{place}{tail}" if _ else template
