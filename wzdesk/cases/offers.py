"""Which steps a case offers now, and why not: the window greys its buttons and menu items by these answers.

A step is *offered* when the case is at a stage where it belongs (its status takes it); an offered step is
*allowed* when every other rule lets it through now, else its reason says in Chinese what stands in the way.
The services check the same rules again when the step is taken: this module only asks them first.
"""

from dataclasses import dataclass

from wzdesk.cases import lifecycle, repeats
from wzdesk.errors import UserError
from wzdesk.models import CLOSED, MERGED, Case, Department, Verification


@dataclass(frozen=True)
class Offer:
    """A step the case offers, and why it cannot be taken now ("" when it can)."""

    action: str
    reason: str = ""

    @property
    def allowed(self) -> bool:
        return not self.reason


def case_offers(case: Case | None) -> list[Offer]:
    """Return the lifecycle steps and the repeat step the case offers, each with why not, in the track's order."""
    if case is None:
        return []
    offered = [a for a, sources in lifecycle.ALLOWED_FROM.items() if case.status in sources]
    return [Offer(action, refusal(case, action)) for action in offered + repeats.repeat_actions(case)]


def refusal(case: Case, action: str) -> str:
    """Return why a lifecycle or repeat step cannot be taken on the case now, or "" when it can."""
    if action in ("merge", "unmerge"):
        return _repeat_refusal(case, action)
    reason = lifecycle.refusal(case, action)
    if reason:
        return reason
    for rule in _RULES.get(action, ()):
        if reason := rule(case):
            return reason
    return ""


def _first_receiver(case: Case) -> str:
    try:
        lifecycle.check_not_first_receiver(case)
    except UserError as exc:
        return str(exc)
    return ""


def _another_department(case: Case) -> str:
    others = Department.select().where(Department.active, Department.id != case.lead_department_id)
    return "" if others.exists() else "没有其他在用的承办单位可以改派，请先在“设置 → 单位”中添加。"


def _booked_check(case: Case) -> str:
    booked = (Verification.select().where(Verification.case == case, Verification.result == "pending")
              .order_by(Verification.planned_at).first())
    if booked is None:
        return ""
    return (f"已预约 {booked.planned_at:%Y-%m-%d %H:%M} 的现场核验（{booked.staff}），"
            "请用“登记核验结果”登记那次核验，观察员的意见和照片一并记下。")


_RULES = {
    "return": (_first_receiver,),
    "reassign": (_another_department,),
    "verify_pass": (_booked_check,),
    "verify_fail": (_booked_check,),
}


def _repeat_refusal(case: Case, action: str) -> str:
    if action == "unmerge":
        return "" if case.status == MERGED else f"工单 {case.code} 没有被合并，无需撤销合并。"
    if case.status == MERGED:
        return "已合并到其他工单，请先撤销合并。"
    if case.status == CLOSED:
        return "已办结的工单不能作为重复诉求合并。"
    if repeats.repeats_of(case):
        return f"工单 {case.code} 下已并有重复诉求，请先撤销那些合并，或把它们改并到主件。"
    return ""
