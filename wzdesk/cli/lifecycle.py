"""The `intake` and `act` commands: register a case, and take it one lifecycle step at a time.

Each step calls the same core function the window's case dialog calls, as a signed-in operator
(`case_work`: the `system` account of scheduled jobs records no step), with the same refusals.
"""

import sys
from pathlib import Path

from wzdesk.cases import lifecycle
from wzdesk.cases.similar import similar_open_cases
from wzdesk.citizen import complaints, verification
from wzdesk.cli.common import moment, open_for
from wzdesk.errors import UserError
from wzdesk.ledger import queries
from wzdesk.office.units import department_named
from wzdesk.vocabulary import GRADE_LABELS, RATING_LABELS, parse_choice

ACTIONS = ("dispatch", "accept", "progress", "reply", "return", "reassign", "verify-pass", "verify-fail", "rate",
           "close", "reopen", "complain", "clear-complaint")


def register(sub) -> None:
    """Add `intake` and `act` to the parser."""
    _add_intake(sub)
    _add_act(sub)


def _add_intake(sub) -> None:
    p = sub.add_parser("intake", help="受理登记一件工单：输出工单编号，相似的在办工单列在标准错误输出上")
    p.add_argument("--title", required=True, help="诉求标题")
    p.add_argument("--content", default="", help="诉求内容")
    p.add_argument("--category", default="", help="诉求类别，如 路灯不亮")
    p.add_argument("--grade", default="小", help="分级：小、中、大（默认小）")
    p.add_argument("--petitioner", default="", help="反映人")
    p.add_argument("--phone", default="", help="反映人电话")
    p.add_argument("--community", default="", help="所在社区")
    p.add_argument("--at", help="受理时刻（默认现在）")
    p.set_defaults(handler=_intake)


def _intake(args) -> int:
    from wzdesk.cases.phones import normalise_phone
    from wzdesk.office.duty_menus import category_named

    operator = open_for(args, action="case_work")
    fields = {"title": args.title, "content": args.content.strip(),
              "grade": parse_choice(args.grade, GRADE_LABELS, "分级"),
              "petitioner_name": args.petitioner.strip(), "community": args.community.strip()}
    if args.phone.strip():
        fields["petitioner_phone"] = normalise_phone(args.phone)
    if args.category.strip():
        fields["category"] = category_named(args.category.strip())
    case = lifecycle.intake(fields, moment(args), operator)
    print(case.code)
    for other in similar_open_cases(case):
        print(f"相似的在办工单：{other.code}  {other.title}", file=sys.stderr)
    return 0


def _add_act(sub) -> None:
    p = sub.add_parser("act", help="办理一步：" + " ".join(ACTIONS))
    p.add_argument("code", help="工单编号")
    p.add_argument("action", choices=ACTIONS, metavar="ACTION", help="哪一步：" + "、".join(ACTIONS))
    p.add_argument("--to", help="派单、改派的承办单位（进展：写进展的单位，默认承办单位）")
    p.add_argument("--co", default="", help="派单时的协办单位，逗号分隔")
    p.add_argument("--note", default="",
                   help="说明：进展、答复内容、退回或改派理由、核验情况、评价意见、吐槽内容、处理说明")
    p.add_argument("--level", help="回访评价：" + "、".join(RATING_LABELS.values()))
    p.add_argument("--solved", choices=("yes", "no"), help="回访时问题是否解决")
    p.add_argument("--photo", type=Path, action="append", default=[], help="核验照片（可重复）")
    p.add_argument("--at", help="办理时刻（默认现在）")
    p.set_defaults(handler=_act)


def _act(args) -> int:
    operator = open_for(args, action="case_work")
    case = queries.find_case(args.code)
    at = moment(args)
    STEPS[args.action](case, args, at, operator)
    case = queries.find_case(args.code)
    print(f"{case.code}：{args.action} 已登记，当前状态 {case.status}（{lifecycle.holder(case)}）。")
    return 0


def _department(name: str | None, what: str):
    if not (name or "").strip():
        raise UserError(f"请用 --to 指定{what}。")
    dept = department_named(name.strip())
    if dept is None:
        raise UserError(f"没有名为“{name.strip()}”的单位。")
    return dept


def _dispatch(case, args, at, operator) -> None:
    lead = _department(args.to, "承办单位")
    co = [_department(name, "协办单位") for name in args.co.replace("，", ",").split(",") if name.strip()]
    lifecycle.dispatch(case, lead, at, operator, co_departments=co, note=args.note.strip(),
                       expected_version=case.version)


def _progress(case, args, at, operator) -> None:
    dept = _department(args.to, "单位") if args.to else None
    lifecycle.progress(case, args.note, at, operator, department=dept, expected_version=case.version)


def _verify(passed: bool):
    def step(case, args, at, operator) -> None:
        verification.record_result(case, passed, args.note, at, operator, booking=verification.pending_booking(case),
                                   staff=operator.display_name, photos=args.photo, expected_version=case.version)
    return step


def _rate(case, args, at, operator) -> None:
    if not args.level:
        raise UserError("请用 --level 写明回访评价：" + "、".join(RATING_LABELS.values()) + "。")
    solved = None if args.solved is None else args.solved == "yes"
    lifecycle.rate(case, parse_choice(args.level, RATING_LABELS, "评价"), at, operator, comment=args.note.strip(),
                   solved=solved, expected_version=case.version)


def _clear_complaint(case, args, at, operator) -> None:
    waiting = complaints.open_complaints(case)
    if not waiting:
        raise UserError(f"工单 {case.code} 没有待处理的吐槽。")
    complaints.clear_complaint(waiting[0], args.note, at, operator, expected_version=case.version)


# Each step acts on the case as this command read it: its version is the one the step must still find.
STEPS = {
    "dispatch": _dispatch,
    "accept": lambda case, args, at, op: lifecycle.accept(case, at, op, note=args.note.strip(),
                                                          expected_version=case.version),
    "progress": _progress,
    "reply": lambda case, args, at, op: lifecycle.reply(case, args.note, at, op, expected_version=case.version),
    "return": lambda case, args, at, op: lifecycle.return_case(case, args.note, at, op,
                                                               expected_version=case.version),
    "reassign": lambda case, args, at, op: lifecycle.reassign(case, _department(args.to, "新的承办单位"), args.note,
                                                              at, op, expected_version=case.version),
    "verify-pass": _verify(True),
    "verify-fail": _verify(False),
    "rate": _rate,
    "close": lambda case, args, at, op: lifecycle.close(case, at, op, note=args.note.strip(),
                                                        expected_version=case.version),
    "reopen": lambda case, args, at, op: lifecycle.reopen(case, args.note, at, op, expected_version=case.version),
    "complain": lambda case, args, at, op: complaints.record_complaint(case, args.note, at, op,
                                                                       expected_version=case.version),
    "clear-complaint": _clear_complaint,
}
