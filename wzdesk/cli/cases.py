"""The `cases`, `case` and `board` commands: the ledger's lists, a case's track, the overdue board."""

from wzdesk.board import counts as board
from wzdesk.cli.common import count, moment, open_for, print_json
from wzdesk.excel.values import without_controls
from wzdesk.ledger import queries, tracking
from wzdesk.supervision.supervision_list import supervised_cases


def register(sub) -> None:
    """Add this group's commands to the parser."""
    _add_cases(sub)
    _add_case(sub)
    _add_board(sub)


def _add_cases(sub) -> None:
    p = sub.add_parser("cases", help="列出工单")
    p.add_argument("--status", default="", help="状态（代码或中文，如 in_progress 或 办理中）")
    p.add_argument("--department", default="", help="承办单位名称")
    p.add_argument("--limit", type=count, help="最多列出多少件")
    p.add_argument("--at", help="按哪个时刻计算颜色（默认现在）")
    p.add_argument("--supervised", action="store_true",
                   help="只列督办清单上的工单，附轮次、下一轮到期时间和已发文书文号")
    p.add_argument("--json", action="store_true", help="每行输出一个 JSON 对象")
    p.set_defaults(handler=_cases)


def _cases(args) -> int:
    open_for(args)
    at = moment(args)
    flt = queries.CaseFilter(status=args.status, department=args.department, limit=args.limit)
    if args.supervised:
        return _supervised(flt, at, args.json)
    for case in queries.case_rows(flt, at):
        row = tracking.case_summary(case, case.lead_name, case.colour)
        if args.json:
            print_json(row)
        else:
            print(tracking.summary_line(row))
    return 0


def _supervised(flt: queries.CaseFilter, at, as_json: bool) -> int:
    for line in supervised_cases(at, flt):
        row = line.as_json()
        if as_json:
            print_json(row)
        else:
            due = row["next_round_due"] or "—"
            print(f"{tracking.summary_line(row)}  第{row['round']}轮  下一轮 {due}  文书 {'、'.join(row['documents'])}")
    return 0


def _add_case(sub) -> None:
    p = sub.add_parser("case", help="查看一件工单的全流程轨迹")
    p.add_argument("code", help="工单编号")
    p.add_argument("--at", help="按哪个时刻计算剩余时间（默认现在）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(handler=_case)


def _case(args) -> int:
    open_for(args)
    case = queries.find_case(args.code)
    at = moment(args)
    if args.json:
        print_json(tracking.case_detail(case, at))
    else:
        # Stored text from an old import may hold control characters: never send them to the terminal.
        print(without_controls(tracking.render_track(case, at)))
    return 0


def _add_board(sub) -> None:
    p = sub.add_parser("board", help="督办看板：各单位各颜色的工单数")
    p.add_argument("--at", help="按哪个时刻计算（默认现在）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(handler=_board)


def _board(args) -> int:
    open_for(args)
    data = board.board_json(moment(args))
    if args.json:
        print_json(data)
        return 0
    print(f"督办看板（{data['at']}）       绿    黄    橙    红    灰")
    for name, row in [*data["departments"].items(), ("合计", data["totals"])]:
        print(f"{name:<16}" + "".join(f"{row[c]:>6}" for c in row))
    return 0
