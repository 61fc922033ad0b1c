"""The `interview` commands: schedule an interview with its notice, record it held, settle a commitment."""

from wzdesk.cli.common import ChineseArgumentParser, found, moment, open_for, parse_at, print_json, record_id
from wzdesk.errors import UserError
from wzdesk.ledger import queries
from wzdesk.office.units import department_named
from wzdesk.supervision import interviews


def register(sub) -> None:
    """Add `interview list|schedule|hold|settle` to the parser."""
    p = sub.add_parser("interview", help="约谈：安排（出约谈通知）、登记举行（纪要和承诺）、登记承诺兑现")
    jobs = p.add_subparsers(dest="interview_command", metavar="{list,schedule,hold,settle}",
                            parser_class=ChineseArgumentParser, required=True)
    li = jobs.add_parser("list", help="列出约谈及其承诺")
    li.add_argument("--at", help="按哪个时刻判断承诺逾期（默认现在）")
    li.add_argument("--json", action="store_true", help="每行输出一个 JSON 对象")
    li.set_defaults(handler=_list)
    s = jobs.add_parser("schedule", help="安排约谈并编号印发约谈通知")
    s.add_argument("--department", required=True, help="被约谈单位")
    s.add_argument("--when", required=True, help="约谈时间 YYYY-MM-DD HH:MM")
    s.add_argument("--who", choices=tuple(interviews.INTERVIEWEES), default="leader",
                   help="约谈对象：head 主要负责人、leader 分管领导（默认）")
    s.add_argument("--reason", required=True, help="约谈事由")
    s.add_argument("--place", default="", help="地点")
    s.add_argument("--cases", default="", help="相关工单编号，逗号分隔")
    s.add_argument("--at", help="安排时刻（默认现在）")
    s.set_defaults(handler=_schedule)
    h = jobs.add_parser("hold", help="登记约谈已举行：纪要和承诺")
    h.add_argument("id", type=record_id, help="约谈序号（interview list 的第一列）")
    h.add_argument("--minutes", required=True, help="约谈纪要")
    h.add_argument("--commitment", action="append", default=[], metavar="内容@YYYY-MM-DD",
                   help="一项承诺及其完成期限（可重复）")
    h.add_argument("--at", help="举行时刻（默认现在）")
    h.set_defaults(handler=_hold)
    t = jobs.add_parser("settle", help="登记一项承诺已兑现或未兑现（未兑现提出问责建议）")
    t.add_argument("id", type=record_id, help="承诺序号（interview list --json 的 commitments[].id）")
    t.add_argument("result", choices=("kept", "broken"), help="kept 已兑现、broken 未兑现")
    t.add_argument("--note", default="", help="情况说明（未兑现时必填）")
    t.add_argument("--at", help="登记时刻（默认现在）")
    t.set_defaults(handler=_settle)


def _list(args) -> int:
    open_for(args)
    for row in interviews.interview_rows(moment(args)):
        commitments = [{"id": c.id, "content": c.content, "due_on": c.due_on.isoformat(), "status": c.status}
                       for c in interviews.commitments_of(row.id)]
        if args.json:
            print_json({"id": row.id, "scheduled_at": f"{row.scheduled_at:%Y-%m-%d %H:%M}",
                        "department": row.department, "interviewee": row.interviewee, "status": row.status,
                        "notice": row.notice, "cases": row.case_count, "commitments": commitments})
        else:
            print(f"{row.id:>4}  {row.scheduled_at:%Y-%m-%d %H:%M}  {row.department}  {row.interviewee}  "
                  f"{row.status}  {row.notice}  承诺 {len(commitments)} 项")
    return 0


def _schedule(args) -> int:
    operator = open_for(args, action="case_work")
    dept = department_named(args.department.strip())
    if dept is None:
        raise UserError(f"没有名为“{args.department.strip()}”的单位。")
    cases = queries.cases_by_codes(args.cases) if args.cases.strip() else []
    interview = interviews.schedule(dept, parse_at(args.when), args.who, moment(args), operator,
                                    place=args.place, reason=args.reason, cases=cases)
    print(f"已安排约谈（序号 {interview.id}），约谈通知 {interview.notice.number_text}。")
    return 0


def _commitment(text: str):
    content, sep, due = text.rpartition("@")
    if not sep or not content.strip():
        raise UserError(f"承诺“{text}”应写成“内容@YYYY-MM-DD”。")
    return content.strip(), parse_at(due).date()


def _hold(args) -> int:
    operator = open_for(args, action="case_work")
    interview = found(interviews.interview_by_id(args.id), args.id, "约谈")
    promised = [_commitment(text) for text in args.commitment]
    at = moment(args)
    interviews.record_held(interview, at, args.minutes, promised, at, operator)
    print(f"已登记约谈（序号 {interview.id}）举行，承诺 {len(promised)} 项。")
    return 0


def _settle(args) -> int:
    from wzdesk.models import Commitment

    operator = open_for(args, action="case_work")
    commitment = found(Commitment.get_or_none(Commitment.id == args.id), args.id, "约谈承诺")
    proposals = interviews.settle(commitment, args.result == "kept", args.note, moment(args), operator)
    print(f"已登记承诺“{commitment.content}”" + ("已兑现。" if args.result == "kept" else
                                              f"未兑现，提出问责建议 {len(proposals)} 条。"))
    return 0
