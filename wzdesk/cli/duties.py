"""The `duty` commands: a case's duty steps (责任清单) and a step recorded done at its moment."""

from wzdesk.cases import duties
from wzdesk.cli.common import ChineseArgumentParser, moment, open_for, print_json, record_id
from wzdesk.errors import UserError
from wzdesk.ledger import queries


def register(sub) -> None:
    """Add `duty list|done` to the parser."""
    p = sub.add_parser("duty", help="履职步骤：列出一件工单的责任清单步骤，登记某一步完成")
    jobs = p.add_subparsers(dest="duty_command", metavar="{list,done}", parser_class=ChineseArgumentParser,
                            required=True)
    li = jobs.add_parser("list", help="列出工单的履职步骤及状态")
    li.add_argument("code", help="工单编号")
    li.add_argument("--at", help="按哪个时刻判断超时（默认现在）")
    li.add_argument("--json", action="store_true", help="每行输出一个 JSON 对象")
    li.set_defaults(handler=_list)
    d = jobs.add_parser("done", help="登记一个履职步骤完成")
    d.add_argument("code", help="工单编号")
    d.add_argument("step", type=record_id, help="步骤序号（duty list 的第一列）")
    d.add_argument("--evidence", default="", help="佐证说明（须拍照的步骤必填）")
    d.add_argument("--at", help="完成时刻（默认现在）")
    d.set_defaults(handler=_done)


def _list(args) -> int:
    open_for(args)
    case = queries.find_case(args.code)
    for step, state in duties.step_states(case, moment(args)):
        row = {"id": step.id, "step": step.step.name, "department": step.department.name,
               "due_at": f"{step.due_at:%Y-%m-%d %H:%M}",
               "done_at": f"{step.done_at:%Y-%m-%d %H:%M}" if step.done_at else None, "state": state}
        if args.json:
            print_json(row)
        else:
            print(f"{row['id']:>5}  {row['step']}  {row['department']}  应于 {row['due_at']}  {state}")
    return 0


def _done(args) -> int:
    operator = open_for(args, action="case_work")
    case = queries.find_case(args.code)
    step = duties.case_step_by_id(args.step)
    if step is None or step.case_id != case.id:
        raise UserError(f"工单 {case.code} 没有序号为 {args.step} 的履职步骤。")
    duties.complete(step, moment(args), operator, args.evidence, expected_version=case.version)
    print(f"已登记“{step.step.name}”完成（{step.done_at:%Y-%m-%d %H:%M}）。")
    return 0
