"""The `coordination` and `follow-up` commands: a coordination meeting and its decisions, a major case's
follow-up entries, each recorded done (the services the window's 协调与跟进 dialog calls)."""

import re

from wzdesk.cli.common import ChineseArgumentParser, found, moment, open_for, parse_at, print_json, record_id
from wzdesk.errors import UserError
from wzdesk.ledger import queries
from wzdesk.supervision import coordination, follow_ups


def register(sub) -> None:
    """Add `coordination list|record|done` and `follow-up list|done` to the parser."""
    _add_coordination(sub)
    _add_follow_up(sub)


def _add_coordination(sub) -> None:
    p = sub.add_parser("coordination", help="领导协调：登记协调会议（日期、参会、议定事项及时限），登记议定事项完成")
    jobs = p.add_subparsers(dest="coordination_command", metavar="{list,record,done}",
                            parser_class=ChineseArgumentParser, required=True)
    li = jobs.add_parser("list", help="列出一件工单的协调会议议定事项及状态")
    li.add_argument("code", help="工单编号")
    li.add_argument("--at", help="按哪个时刻判断超期（默认现在）")
    li.add_argument("--json", action="store_true", help="每行输出一个 JSON 对象")
    li.set_defaults(handler=_list_decisions)
    r = jobs.add_parser("record", help="登记协调会议（须已发出协调通知）")
    r.add_argument("code", help="工单编号")
    r.add_argument("--held", help="会议日期 YYYY-MM-DD（默认 --at 当天）")
    r.add_argument("--attendees", required=True, help="参会单位和人员")
    r.add_argument("--chair", default="", help="主持人（默认协调通知所列的牵头单位分管领导）")
    r.add_argument("--decision", action="append", default=[], metavar="内容;YYYY-MM-DD",
                   help="一项议定事项及其完成时限（可重复）")
    r.add_argument("--at", help="登记时刻（默认现在）")
    r.set_defaults(handler=_record)
    d = jobs.add_parser("done", help="登记一项议定事项已完成")
    d.add_argument("id", type=record_id, help="议定事项序号（coordination list 的第一列）")
    d.add_argument("--note", default="", help="完成情况")
    d.add_argument("--at", help="完成时刻（默认现在）")
    d.set_defaults(handler=_decision_done)


def _add_follow_up(sub) -> None:
    p = sub.add_parser("follow-up", help="重大件跟进：列出一件工单的跟进记录，登记一次跟进")
    jobs = p.add_subparsers(dest="follow_up_command", metavar="{list,done}", parser_class=ChineseArgumentParser,
                            required=True)
    li = jobs.add_parser("list", help="列出重大件的跟进记录及状态")
    li.add_argument("code", help="工单编号")
    li.add_argument("--at", help="按哪个时刻判断超期（默认现在）")
    li.add_argument("--json", action="store_true", help="每行输出一个 JSON 对象")
    li.set_defaults(handler=_list_entries)
    d = jobs.add_parser("done", help="登记一次跟进：进展如何、下一步做什么")
    d.add_argument("id", type=record_id, help="跟进序号（follow-up list 的第一列）")
    d.add_argument("--note", required=True, help="跟进情况")
    d.add_argument("--at", help="跟进时刻（默认现在）")
    d.set_defaults(handler=_entry_done)


def _row(item, at, **extra) -> dict:
    return {"id": item.id, **extra, "due_at": f"{item.due_at:%Y-%m-%d %H:%M}",
            "done_at": f"{item.done_at:%Y-%m-%d %H:%M}" if item.done_at else None,
            "state": follow_ups.state(item, at), "note": item.note}


def _list_decisions(args) -> int:
    open_for(args)
    at, case = moment(args), queries.find_case(args.code)
    for decision in coordination.decisions_of(case):
        row = _row(decision, at, content=decision.content, department=decision.department.name)
        if args.json:
            print_json(row)
        else:
            print(f"{row['id']:>5}  {row['content']}  {row['department']}  应于 {row['due_at']}  {row['state']}")
    return 0


def _list_entries(args) -> int:
    open_for(args)
    at, case = moment(args), queries.find_case(args.code)
    for entry in follow_ups.entries_of(case):
        row = _row(entry, at, seq=entry.seq, department=entry.department.name)
        if args.json:
            print_json(row)
        else:
            print(f"{row['id']:>5}  第{entry.seq}次跟进  {row['department']}  应于 {row['due_at']}  {row['state']}")
    return 0


def parse_decision(text: str):
    """Split "内容;YYYY-MM-DD" (also ；, @ or a tab) into the decision and its due day."""
    parts = re.split(r"[;；@\t](?=[^;；@\t]*$)", text.strip())
    if len(parts) != 2 or not parts[0].strip():
        raise UserError(f"议定事项“{text}”应写成“内容;YYYY-MM-DD”。")
    return parts[0].strip(), parse_at(parts[1]).date()


def _record(args) -> int:
    operator = open_for(args, action="case_work")
    case, at = queries.find_case(args.code), moment(args)
    decisions = [parse_decision(text) for text in args.decision]
    held_on = parse_at(args.held).date() if args.held else at.date()
    meeting = coordination.record_meeting(case, held_on, args.attendees, decisions, at, operator,
                                          chaired_by=args.chair)
    print(f"已登记 {case.code} 的协调会议（{held_on:%Y-%m-%d}，{meeting.chaired_by}主持），"
          f"议定事项 {len(decisions)} 项。")
    for decision in meeting.decisions.order_by(coordination.MeetingDecision.id):
        print(f"  {decision.id:>5}  {decision.content}  应于 {decision.due_at:%Y-%m-%d} 下班前完成")
    return 0


def _decision_done(args) -> int:
    operator = open_for(args, action="case_work")
    decision = found(coordination.decision_by_id(args.id), args.id, "议定事项")
    coordination.complete_decision(decision, args.note, moment(args), operator)
    print(f"已登记议定事项“{decision.content}”完成（{decision.done_at:%Y-%m-%d %H:%M}）。")
    return 0


def _entry_done(args) -> int:
    operator = open_for(args, action="case_work")
    entry = found(follow_ups.entry_by_id(args.id), args.id, "跟进记录")
    follow_ups.record_follow_up(entry, args.note, moment(args), operator)
    print(f"已登记 {entry.case.code} 第{entry.seq}次跟进（{entry.done_at:%Y-%m-%d %H:%M}）。")
    return 0
